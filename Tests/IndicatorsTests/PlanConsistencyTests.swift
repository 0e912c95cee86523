import Testing

@testable import Indicators

struct PlanConsistencyTests {
    static let meta = PlanMetadata(
        id: "t", titleZh: "t", titleEn: "t", documentNumber: "", firstYear: 2022, lastYear: 2023, baseYear: 2021)

    func plan(_ inds: [Indicator], obs: [Observation] = []) -> Plan {
        Plan(metadata: Self.meta, indicators: inds, drivers: [], observations: obs)
    }

    func ind(
        _ id: String, _ kind: IndicatorKind, _ t: [Double], rule: HeadlineRule, goal: Double, parent: String? = nil
    ) -> Indicator {
        Indicator(
            id: id, parent: parent, row: "1", nameZh: id, nameEn: id, category: "c", kind: kind, unit: "家",
            targets: [2022: t[0], 2023: t[1]], headline: HeadlineGoal(rule: rule, value: goal))
    }

    @Test func consistentPlanHasNoErrorsOrWarnings() {
        let f = PlanConsistency.check(
            plan([
                ind("stock", .stock, [100, 130], rule: .final, goal: 130),
                ind("net", .netChange, [20, 30], rule: .cumulative, goal: 50, parent: "stock"),
                ind("flow", .flow, [5, 5], rule: .cumulative, goal: 10),
            ]))
        #expect(f.filter { $0.severity >= .warning }.isEmpty, "\(f)")
        #expect(f.contains { $0.message.contains("stood at 80 at the end of 2021") })
    }

    /// Numbers in findings: whole values below 10¹⁵ as integers, the rest as Swift prints them
    /// (10¹⁵ with its ".0").
    @Test func findingsWriteWholeNumbersWhole() {
        #expect(PlanConsistency.format(3000) == "3000" && PlanConsistency.format(-3) == "-3")
        #expect(PlanConsistency.format(999_999_999_999_999) == "999999999999999")
        #expect(PlanConsistency.format(1e15) == "1000000000000000.0" && PlanConsistency.format(2.5) == "2.5")
    }

    /// Milestones that move against the direction are warned of for stocks, shares and levels
    /// only: a yearly flow or a net change may fall from one year to the next (fewer new firms
    /// a year still add up to the goal).
    @Test func fallingMilestonesAreWarnedForLevelsNotForFlows() {
        func warned(_ kind: IndicatorKind) -> Bool {
            PlanConsistency.check(plan([ind("x", kind, [100, 90], rule: .final, goal: 90)])).contains {
                $0.message.contains("moves against the direction") && $0.severity == .warning
            }
        }
        #expect(warned(.stock) && warned(.share) && warned(.level))
        #expect(!warned(.flow) && !warned(.netChange))
    }

    /// What stops a run: errors in the observations (a negative count) and the plan's blocking
    /// errors; warnings in the observations (a count that is not whole) do not.
    @Test func observationErrorsBlockARunAndWarningsDoNot() {
        let stock = ind("stock", .stock, [100, 130], rule: .final, goal: 130)
        let negative = PlanConsistency.forRun(
            plan([stock], obs: [Observation(indicator: "stock", year: 2021, value: -5)]))
        #expect(negative.blocking.contains { $0.message.contains("outside the range of a stock") }, "\(negative)")
        #expect(!negative.warnings.contains { $0.severity == .error })
        let fraction = PlanConsistency.forRun(
            plan([stock], obs: [Observation(indicator: "stock", year: 2021, value: 90.5)]))
        #expect(fraction.blocking.isEmpty, "\(fraction.blocking)")
        #expect(fraction.warnings.contains { $0.message.contains("is not a whole number") })
    }

    /// A mid-year count of a stock the plan means to cut is read as a floor for its year end (the
    /// growing stocks' reading): check warns, unless the row states its own lower bound; a
    /// growing stock's snapshot is not warned of (found 2026-12-04 by plan_shapes.py).
    @Test func aSnapshotOfAShrinkingStockIsWarned() {
        func findings(_ direction: Direction, lower: Double? = nil) -> [Finding] {
            let stock = Indicator(
                id: "stock", row: "1", nameZh: "s", nameEn: "s", category: "c", kind: .stock, unit: "家",
                direction: direction, targets: [2022: 100, 2023: 90], headline: HeadlineGoal(rule: .final, value: 90))
            var o = Observation(indicator: "stock", year: 2022, value: 95, quality: .snapshot)
            o.explicitLower = lower
            return PlanConsistency.check(plan([stock], obs: [o]))
        }
        let warned = findings(.decrease).filter { $0.message.contains("read as a floor for the year end") }
        #expect(warned.count == 1 && warned[0].severity == .warning, "\(findings(.decrease))")
        #expect(!findings(.increase).contains { $0.message.contains("read as a floor") })
        #expect(!findings(.decrease, lower: 80).contains { $0.message.contains("read as a floor") })
    }

    /// A sum over years of a flow fills the one year it leaves open, x(u) = S − Σ others
    /// (`derived`), also in a chain of sums, and only as of its own year; a sum stated as a bound
    /// bounds that year; `check` reports a sum smaller than its known years (error), years that
    /// do not add up to it (warning), a sum with open years (what it is used for) and one after the plan.
    @Test func sumsOverYearsFillTheYearTheyLeaveOpen() throws {
        let flow = ind("flow", .flow, [25, 30], rule: .cumulative, goal: 55)
        func sum(_ since: Int, _ year: Int, _ value: Double, _ q: Quality = .actual) -> Observation {
            var o = Observation(indicator: "flow", year: year, value: value, quality: q)
            o.since = since
            return o
        }
        let x21 = Observation(indicator: "flow", year: 2021, value: 20)
        let chain = plan([flow], obs: [x21, sum(2021, 2022, 48), sum(2021, 2023, 80)])
        #expect(chain.observations.count == 1 && chain.sums.count == 2)
        let h = chain.history(of: "flow")
        #expect(h.points.map(\.year) == [2021, 2022, 2023] && h.values == [20, 28, 32])
        #expect(h.points.dropFirst().allSatisfy { $0.quality == .derived && $0.source.contains("Σ flow") })
        #expect(chain.history(of: "flow", asOf: 2022).values == [20, 28], "a sum counts only as of its year")
        #expect(PlanConsistency.check(chain).filter { $0.severity >= .warning }.isEmpty)
        // A flow's year may be 0: 48 over 2021–2022 with 2021 = 48 leaves 2022 = 0, derived (round
        // 223's mutant `value > floor` left it open); one below 0 is no year (check reports it).
        let zero = plan([flow], obs: [Observation(indicator: "flow", year: 2021, value: 48), sum(2021, 2022, 48)])
        #expect(zero.history(of: "flow").values == [48, 0])
        #expect(zero.history(of: "flow").points.last?.quality == .derived)
        let below = plan([flow], obs: [Observation(indicator: "flow", year: 2021, value: 48), sum(2021, 2022, 47)])
        #expect(below.history(of: "flow").values == [48])

        // A sum that contains another exact one fills the one year outside it: 68 over 2021–2023
        // beside 19 over 2022–2023 gives 2021 = 68 − 19 = 49 (the years inside stay open).
        let nested = plan([flow], obs: [sum(2021, 2023, 68), sum(2022, 2023, 19)])
        let n21 = try #require(nested.history(of: "flow").points.first)
        #expect(nested.history(of: "flow").points.count == 1)
        #expect(n21.year == 2021 && n21.value == 49 && n21.quality == .derived, "\(n21)")
        #expect(n21.source.contains("Σ flow(2021…2023) − Σ flow(2022…2023) = 68 − 19"), "\(n21.source)")
        let said = PlanConsistency.check(nested)
        #expect(said.filter { $0.severity >= .warning }.isEmpty)
        #expect(
            said.contains { $0.message.contains("fills 2021 with the sum over 2022–2023 it contains (49, derived)") },
            "\(said)")
        // "累计超60" over 2021–2023 beside an exact 19 over 2022–2023: 2021 within [60, 66] − 19.
        let nestedBound = plan([flow], obs: [sum(2021, 2023, 60, .lowerBound), sum(2022, 2023, 19)])
        let b21 = try #require(nestedBound.history(of: "flow").points.first)
        #expect(b21.year == 2021 && b21.bounds(kind: .flow).map { [$0.lower, $0.upper] } == [41, 47], "\(b21)")
        #expect(
            PlanConsistency.check(nestedBound).contains {
                $0.message.contains("bounds 2021 within [41, 47] with the sum over 2022–2023 it contains")
            })
        // An inner sum stated as a bound bounds the year outside an exact sum: 68 over 2021–2023
        // beside "超20" over 2022–2023 (read as [20, 22]) gives 2021 within [68 − 22, 68 − 20];
        // both stated as bounds, [60, 66] − [20, 22] = [38, 46] (before 2026-12-01 neither
        // bounded 2021).
        for (outer, expected) in [
            (sum(2021, 2023, 68), [46.0, 48] as [Double?]), (sum(2021, 2023, 60, .lowerBound), [38, 46]),
        ] {
            let p = plan([flow], obs: [outer, sum(2022, 2023, 20, .lowerBound)])
            let y = try #require(p.history(of: "flow").points.first)
            #expect(p.history(of: "flow").points.count == 1)
            #expect(
                y.year == 2021 && y.quality == .lowerBound
                    && y.bounds(kind: .flow).map { [$0.lower, $0.upper] } == expected, "\(y)")
            // The rule shows what was subtracted as the inner sum's interval, not its value.
            let said = outer.quality == .lowerBound ? "[60, 66]" : "68"
            #expect(
                y.source == "identity: Σ flow(2021…2023) − Σ flow(2022…2023) = \(said) − [20, 22]", "\(y.source)")
            #expect(
                PlanConsistency.check(p).contains {
                    $0.message.contains("bounds 2021 within [\(Int(expected[0]!)), \(Int(expected[1]!))]")
                })
            // The strict reading (every bound its value) makes both sums exact: 2021 = S − 20.
            #expect(p.readingBoundsAsValues().history(of: "flow").value(in: 2021) == outer.value - 20)
        }
        // An exact sum smaller than a bounded one it contains: an error, and no year filled.
        let under = plan([flow], obs: [sum(2021, 2023, 15), sum(2022, 2023, 20, .lowerBound)])
        #expect(under.history(of: "flow").points.isEmpty)
        #expect(PlanConsistency.check(under).contains { $0.severity == .error }, "\(PlanConsistency.check(under))")
        // With a known year outside the inner sum too: 90 over 2021–2023, 20 in 2021, 30 over
        // 2023 alone is no sum; 50 over 2022–2023 inside leaves no open year outside: nothing new.
        let covered = plan([flow], obs: [x21, sum(2021, 2023, 90), sum(2022, 2023, 70)])
        #expect(covered.history(of: "flow").points.map(\.year) == [2021])

        // "累计超60" after an exact 28: 2023 is within [60, 66] − 28.
        let x22 = Observation(indicator: "flow", year: 2022, value: 28)
        let bounded = plan([flow], obs: [x22, sum(2022, 2023, 60, .lowerBound)])
        let b = try #require(bounded.history(of: "flow").points.first { $0.year == 2023 })
        #expect(b.bounds(kind: .flow).map { [$0.lower, $0.upper] } == [32, 38])
        // The strict reading keeps it a sum: 60 − 28.
        #expect(bounded.readingBoundsAsValues().history(of: "flow").value(in: 2023) == 32)

        let x23 = Observation(indicator: "flow", year: 2023, value: 40)
        func read(_ year: Int, _ value: Double) -> Observation {
            Observation(
                indicator: "flow", year: year, value: value, quality: .lowerBound,
                location: SourceLocation(file: "o.csv", line: year - 2020))
        }
        let findings: [(obs: [Observation], severity: Finding.Severity, text: String)] = [
            ([x22, sum(2022, 2023, 20)], .error, "smaller than its known years"),
            // Years known by bounds, as read from a file, are at least their stated lower ends
            // ("超15" and "超4" in 18).
            (
                [read(2021, 15), read(2022, 4), sum(2021, 2023, 18)], .error,
                "is smaller than what its years are known to be at least (2021 ≥ 15, 2022 ≥ 4; together 19)"
            ),
            ([x22, x23, sum(2022, 2023, 50)], .error, "smaller than its known years"),
            ([x22, x23, sum(2022, 2023, 90)], .warning, "its years add up to 68"),
            ([sum(2021, 2023, 90)], .info, "fills no single year: 3 of its years"),
            ([sum(2019, 2023, 90)], .info, "is not used: 5 of its years"),
            ([x22, sum(2022, 2024, 90)], .error, "ends after the plan's last year"),
            // A longer sum below a shorter one it contains (with the other years' known values):
            // a year of the flow would be negative.
            (
                [sum(2021, 2022, 50), sum(2021, 2023, 40)], .error,
                "is smaller than the sum over 2021–2022 (50.0) it contains"
            ),
            ([x23, sum(2021, 2022, 30), sum(2021, 2023, 60)], .error, "(30.0) it contains and its known years 40"),
            // Two shorter sums side by side (40 + 40 within 70), and one beside a known year.
            (
                [sum(2019, 2020, 40), sum(2021, 2022, 40), sum(2019, 2022, 70)], .error,
                "sums over 2019–2020 (40.0) and 2021–2022 (40.0) it contains"
            ),
            ([x21, sum(2022, 2023, 40), sum(2021, 2023, 50)], .error, "(40.0) it contains and its known years 20"),
            // Figures given as numbers carry no rounding: 0.05 short is a contradiction
            // (mutation round 111 added 0.1 of slack and no test failed).
            ([x21, sum(2022, 2023, 40), sum(2021, 2023, 59.95)], .error, "(40.0) it contains and its known years 20"),
            // Three overlapping sums, none within another's contradiction (sum_fuzz seed 9114):
            // 2020 ≥ 200 − 60 = 140 from the first two, ≤ 90 − 30 = 60 from the third.
            (
                [
                    Observation(indicator: "flow", year: 2019, value: 30), sum(2020, 2023, 200, .lowerBound),
                    sum(2021, 2023, 60), sum(2019, 2022, 90, .upperBound),
                ], .error, "its sums over years cannot all hold together"
            ),
            // A longer sum above the shorter sum and known years that make it up (sum_fuzz seed 9110).
            (
                [x21, sum(2022, 2023, 40), sum(2021, 2023, 90)], .error,
                "is larger than the sum over 2022–2023 (40.0) and its known years 20 that make it up"
            ),
        ]
        for c in findings {
            let p = plan([flow], obs: c.obs)
            let f = PlanConsistency.check(p)
            #expect(f.contains { $0.severity == c.severity && $0.message.contains(c.text) }, "\(c.text): \(f)")
            #expect(!p.history(of: "flow").points.contains { $0.quality == .derived }, "\(c.text): nothing filled")
        }
    }

    /// Nested sums that agree (30 over 2021–2022 within 60 over 2021–2023, or "累计超25" within it)
    /// are no error, nor are those that only the assumed reach of a bound would contradict.
    @Test func nestedSumsThatAgreeAreNoError() {
        let flow = ind("flow", .flow, [25, 30], rule: .cumulative, goal: 55)
        func sum(_ since: Int, _ year: Int, _ value: Double, _ q: Quality = .actual) -> Observation {
            var o = Observation(indicator: "flow", year: year, value: value, quality: q)
            o.since = since
            return o
        }
        for obs in [
            [sum(2021, 2022, 30), sum(2021, 2023, 60)], [sum(2021, 2022, 25, .lowerBound), sum(2021, 2023, 60)],
            [sum(2022, 2023, 60), sum(2021, 2023, 60)],
            // Overlapping shorter sums (50 and 50 sharing 2022) fit within 70.
            [sum(2021, 2022, 50), sum(2022, 2023, 50), sum(2021, 2023, 70)],
            // "累计超45" says nothing above 45 (its default reach, 49.5, is an assumption): 20 + 45+
            // may make up 80.
            [
                Observation(indicator: "flow", year: 2021, value: 20), sum(2022, 2023, 45, .lowerBound),
                sum(2021, 2023, 80),
            ],
        ] {
            let f = PlanConsistency.check(plan([flow], obs: obs)).filter { $0.severity == .error }
            #expect(f.isEmpty, "\(obs.map(\.value)): \(f)")
        }
    }

    /// A sum of net changes ("2022年以来累计净增700家") ties its stock across the span:
    /// stock(2023) = stock(2021) + 700, or the other way; with one open net change it fills that
    /// one (and the stock through it). A net change may fall: a sum below its known years is no
    /// error; one that disagrees with both stocks is a warning.
    @Test func sumsOfNetChangesTieTheirStock() throws {
        let stock = ind("stock", .stock, [2500, 3000], rule: .final, goal: 3000)
        let net = ind("net", .netChange, [300, 300], rule: .cumulative, goal: 600, parent: "stock")
        func sum(_ value: Double) -> Observation {
            var o = Observation(indicator: "net", year: 2023, value: value)
            o.since = 2022
            return o
        }
        let s21 = Observation(indicator: "stock", year: 2021, value: 2308)
        let forward = plan([stock, net], obs: [s21, sum(700)])
        #expect(forward.history(of: "stock").value(in: 2023) == 3008)
        #expect(forward.history(of: "stock").points.last?.quality == .derived)
        // Said once, as information, with the identity it uses.
        let said = PlanConsistency.check(forward).filter {
            $0.severity == .info && $0.message.contains("ties its stock")
        }
        #expect(said.count == 1 && said[0].message.hasSuffix("(stock(2023) = stock(2021) + the sum)"), "\(said)")
        #expect(said.first?.messageZh?.contains("2023年存量 = 2021年存量 + 合计") == true)
        let s23 = Observation(indicator: "stock", year: 2023, value: 3008)
        #expect(plan([stock, net], obs: [s23, sum(700)]).history(of: "stock").value(in: 2021) == 2308)
        // One open net change: 700 − 436 = 264, and the stock through it, 2,744 + 264.
        let n22 = Observation(indicator: "net", year: 2022, value: 436)
        let s22 = Observation(indicator: "stock", year: 2022, value: 2744)
        let one = plan([stock, net], obs: [s22, n22, sum(700)])
        #expect(one.history(of: "net").value(in: 2023) == 264)
        #expect(one.history(of: "stock").value(in: 2023) == 3008)
        // A stock year another identity fills is a start for the sum: 1,900 in 2020 and 408 net
        // in 2021 give 2021 = 2,308 (derived), and 700 net over 2022–2023 (both years open) gives
        // 2023 = 2,308 + 700 = 3,008, written with its rule. (Mutant of round 136: the derived
        // 2021 was not read as a start, and 2023 stayed open.)
        let chained = plan(
            [stock, net],
            obs: [
                Observation(indicator: "stock", year: 2020, value: 1900),
                Observation(indicator: "net", year: 2021, value: 408), sum(700),
            ]
        ).history(of: "stock")
        #expect(chained.value(in: 2021) == 2308 && chained.value(in: 2023) == 3008, "\(chained.points)")
        #expect(
            chained.points.last?.source == "identity: stock(2021) + Σ net(2022…2023) = 2308 + 700",
            "\(String(describing: chained.points.last?.source))")
        // A net change known by bounds bounds the stock's next year: 2,308 + [400, 440], and the
        // rule names the years it adds. (Mutant of round 136: "stock(2023) + net(2022)".)
        var atLeast = Observation(indicator: "net", year: 2022, value: 400, quality: .lowerBound)
        (atLeast.explicitLower, atLeast.explicitUpper) = (400, 440)
        let bounded = try #require(
            plan([stock, net], obs: [s21, atLeast]).history(of: "stock").points.first { $0.year == 2022 })
        #expect(bounded.bounds(kind: .stock).map { [$0.lower, $0.upper] } == [2708, 2748], "\(bounded)")
        #expect(bounded.source == "identity: stock(2021) + net(2022) = 2308 + [400, 440]", "\(bounded.source)")
        // Falling: −50 after +436 is a net change of −486 in 2023, no error.
        let falling = plan([stock, net], obs: [s22, n22, sum(-50)])
        #expect(falling.history(of: "net").value(in: 2023) == -486)
        #expect(PlanConsistency.check(falling).filter { $0.severity == .error }.isEmpty)
        // Both stocks known and the sum off: a warning.
        let off = PlanConsistency.check(plan([stock, net], obs: [s21, s23, sum(900)]))
        #expect(
            off.contains { $0.severity == .warning && $0.message.contains("disagrees with its stock 'stock'") },
            "\(off)")
        // Within the figures' rounding: "2308" and "3008" or "3009" are each ±0.5 and the sum
        // "699" ±0.5, so the stocks' change may differ from the sum by up to 1.5: by 1 it agrees,
        // by 2 it does not. ("3010" would be ±5: its trailing zero is not significant.)
        func written(_ id: String, _ year: Int, _ value: Double, since: Int? = nil) -> Observation {
            var o = Observation(
                indicator: id, year: year, value: value, text: String(Int(value)),
                location: SourceLocation(file: "o.csv", line: year - 2018))
            o.since = since
            return o
        }
        for (end, disagrees) in [(3008.0, false), (3009, true)] {
            let found = PlanConsistency.check(
                plan(
                    [stock, net],
                    obs: [
                        written("stock", 2021, 2308), written("stock", 2023, end),
                        written("net", 2023, 699, since: 2022),
                    ]
                ))
            #expect(found.contains { $0.message.contains("disagrees with its stock") } == disagrees, "\(end): \(found)")
        }
        // Sums of net changes that make up a longer one must add up to it (a net change may fall,
        // so a shorter sum above a longer one is no error by itself).
        func span(_ since: Int, _ year: Int, _ value: Double) -> Observation {
            var o = Observation(indicator: "net", year: year, value: value)
            o.since = since
            return o
        }
        let parts = PlanConsistency.check(
            plan([stock, net], obs: [n22, span(2022, 2023, 700), span(2021, 2023, 650)]))
        #expect(!parts.contains { $0.severity == .error }, "\(parts)")
        let apart = PlanConsistency.check(
            plan([stock, net], obs: [span(2021, 2022, 300), span(2021, 2023, 700), n22]))
        #expect(!apart.contains { $0.severity == .error }, "a fall in 2023 is possible: \(apart)")
        let wrong = PlanConsistency.check(
            plan(
                [stock, net],
                obs: [
                    Observation(indicator: "net", year: 2021, value: 100), span(2022, 2023, 300), span(2021, 2023, 700),
                ]))
        #expect(
            wrong.contains { $0.severity == .error && $0.message.contains("is larger than the sum over 2022–2023") },
            "\(wrong)")
    }

    /// Sums that add up in decimals are consistent although their sum in binary falls short:
    /// 1234.1 over 2021–2022 and 4321.2 in 2023 make 5555.3 over 2021–2023, yet
    /// 1234.1 + 4321.2 = 5555.299999999999 in double precision (9.1e−13 short). The checks allow
    /// a relative 10⁻⁹ of the figures (here 1.1e−5); no error, no warning. (Mutant of round
    /// 190: the slack 10⁻⁹ / (|S| + |Σ|), 9e−14 here, called the sum "larger than the sum over
    /// 2021–2022 and its known years".)
    @Test func sumsThatAddUpInDecimalsAreConsistent() {
        #expect(1234.1 + 4321.2 < 5555.3)
        let flow = Indicator(
            id: "flow", row: "1", nameZh: "flow", nameEn: "flow", category: "c", kind: .flow, unit: "亿元",
            targets: [2022: 4000, 2023: 4500], headline: HeadlineGoal(rule: .cumulative, value: 8500))
        var inner = Observation(indicator: "flow", year: 2022, value: 1234.1)
        inner.since = 2021
        var outer = Observation(indicator: "flow", year: 2023, value: 5555.3)
        outer.since = 2021
        let year = Observation(indicator: "flow", year: 2023, value: 4321.2)
        let found = PlanConsistency.check(plan([flow], obs: [inner, outer, year]))
        #expect(found.filter { $0.severity >= .warning }.isEmpty, "\(found)")
    }

    @Test func netChangeThatDisagreesWithItsStock() {
        let f = PlanConsistency.check(
            plan([
                ind("stock", .stock, [100, 130], rule: .final, goal: 130),
                ind("net", .netChange, [20, 40], rule: .cumulative, goal: 60, parent: "stock"),
            ]))
        #expect(
            f.contains {
                $0.severity == .warning
                    && $0.message
                        == "net change 40 in 2023 disagrees with the stock milestones of 'stock' (100 → 130, a change of 30)"
            }, "\(f)")
    }

    /// What the identity stock(t − 1) = stock(t) − net(t) says against the data: a stock it fills
    /// below zero is an error at the net change's row; a bound it breaks ("超2500" for a year it
    /// fills with 2,308) a warning at the bound's row; a net change known only by a bound beside
    /// a stock with no figure in its two years is a note on how the run ties them.
    @Test func whatTheStockIdentitySaysAgainstTheData() {
        let stock = ind("stock", .stock, [2800, 3000], rule: .final, goal: 3000)
        let net = ind("net", .netChange, [400, 200], rule: .cumulative, goal: 600, parent: "stock")
        func row(_ id: String, _ year: Int, _ value: Double, _ q: Quality = .actual, line: Int) -> Observation {
            Observation(
                indicator: id, year: year, value: value, text: String(Int(value)), quality: q,
                location: SourceLocation(file: "o.csv", line: line))
        }
        let negative = PlanConsistency.check(
            plan(
                [stock, net],
                obs: [row("stock", 2021, 100, line: 2), row("net", 2020, 5, line: 3), row("net", 2021, 150, line: 4)]))
        let below = negative.filter { $0.severity == .error && $0.message.contains("below zero") }
        #expect(below.count == 1 && below.first?.message.contains("for 2020") == true, "\(negative)")
        #expect(below.first?.location?.line == 4, "the net change of 2021 gave 2020")

        let broken = PlanConsistency.check(
            plan(
                [stock, net],
                obs: [
                    row("stock", 2021, 2500, .lowerBound, line: 2), row("stock", 2022, 2744, line: 3),
                    row("net", 2022, 436, line: 4),
                ]))
        let w = broken.filter { $0.message.contains("below the lower bound") }
        #expect(w.count == 1 && w.first?.severity == .warning && w.first?.location?.line == 2, "\(broken)")
        #expect(w.first?.message.hasPrefix("2021: identity") == true && w.first?.message.contains("gives 2308") == true)
        // A bound the identity meets exactly is kept: "at least 2,308" and "at most 2,308" beside
        // a filled 2,308 break nothing.
        for q in [Quality.lowerBound, .upperBound] {
            let met = PlanConsistency.check(
                plan(
                    [stock, net],
                    obs: [
                        row("stock", 2021, 2308, q, line: 2), row("stock", 2022, 2744, line: 3),
                        row("net", 2022, 436, line: 4),
                    ]
                ))
            #expect(!met.contains { $0.message.contains("bound") && $0.severity >= .warning }, "\(q): \(met)")
        }
        let above = PlanConsistency.check(
            plan(
                [stock, net],
                obs: [
                    row("stock", 2021, 2300, .upperBound, line: 2), row("stock", 2022, 2744, line: 3),
                    row("net", 2022, 436, line: 4),
                ]))
        #expect(above.contains { $0.message.contains("above the upper bound") && $0.location?.line == 2 }, "\(above)")
        // An exact figure beside the identity is no bound: nothing to say.
        let exact = PlanConsistency.check(
            plan(
                [stock, net],
                obs: [
                    row("stock", 2021, 2308, line: 2), row("stock", 2022, 2744, line: 3),
                    row("net", 2022, 436, line: 4),
                ]))
        #expect(!exact.contains { $0.message.contains("bound") && $0.severity >= .warning }, "\(exact)")

        func note(_ stockYears: [Int]) -> String? {
            let obs = stockYears.enumerated().map {
                row("stock", $0.element, 2000 + 100 * Double($0.offset), line: 2 + $0.offset)
            }
            let f = PlanConsistency.check(plan([stock, net], obs: obs + [row("net", 2021, 300, .lowerBound, line: 9)]))
            return f.first { $0.severity == .info && $0.message.hasPrefix("2021: the net change") }?.message
        }
        #expect(note([2021, 2023]) == nil, "2021 is the net change's own year")
        #expect(note([2023])?.hasSuffix("its earlier years move with it") == true, "\(note([2023]) ?? "none")")
        #expect(note([2018])?.hasSuffix("its later years move with it") == true)
        #expect(note([2018, 2023])?.hasSuffix("the difference is spread over the years up to its next figure") == true)
        #expect(note([])?.hasSuffix("has no figure at all; the net change is forecast on its own") == true)
    }

    @Test func shareOutsideRangeAndStockFalling() {
        let f = PlanConsistency.check(
            plan([
                ind("share", .share, [50, 100], rule: .final, goal: 100),
                ind("stock", .stock, [100, 90], rule: .final, goal: 90),
            ]))
        #expect(f.contains { $0.severity == .error && $0.indicator == "share" })
        #expect(
            f.contains {
                $0.severity == .warning && $0.indicator == "stock" && $0.message.contains("against the direction")
            })
    }

    @Test func observationsOutOfRangeAndChildAboveParent() {
        let f = PlanConsistency.check(
            plan(
                [
                    ind("p", .stock, [10, 12], rule: .final, goal: 12),
                    ind("c", .stock, [5, 6], rule: .final, goal: 6, parent: "p"),
                ],
                obs: [
                    Observation(indicator: "p", year: 2020, value: 8),
                    Observation(indicator: "c", year: 2020, value: 9),
                    Observation(indicator: "p", year: 2021, value: -1),
                ]))
        #expect(f.contains { $0.severity == .error && $0.message.contains("exceeds its parent") })
        #expect(f.contains { $0.severity == .error && $0.message.contains("outside the range") })
    }

    /// Plan years before an indicator's first figure are drawn backwards, and the note names
    /// them: one year alone, "(2022)", several as a span, "(2022–2023)" (round 210: a one-year
    /// span printed "2022–2022" unseen).
    @Test func backcastYearsAreOneYearOrASpan() {
        let meta = PlanMetadata(
            id: "t", titleZh: "t", titleEn: "t", documentNumber: "", firstYear: 2022, lastYear: 2025, baseYear: 2021)
        let p = Plan(
            metadata: meta,
            indicators: [
                ind("a", .stock, [10, 12], rule: .final, goal: 12), ind("b", .stock, [10, 12], rule: .final, goal: 12),
            ],
            drivers: [],
            observations: [
                Observation(indicator: "a", year: 2023, value: 11), Observation(indicator: "b", year: 2024, value: 11),
            ])
        let note = PlanConsistency.check(p).first { $0.message.contains(" first known after 2022") }
        #expect(
            note?.message.hasSuffix("(source 'backcast'): a (2022), b (2022–2023)") == true,
            "\(String(describing: note))")
        #expect(note?.messageZh?.hasSuffix("（来源 backcast）：a（2022年）；b（2022–2023年）") == true)
    }

    /// A child's target above its parent's is an error when both count the same thing (same
    /// kind and unit); an equal target is not, and a flow under a stock is not compared year by
    /// year (what flows in a year is no part of the stock's level).
    @Test func childTargetsWithinTheirParent() {
        func targetErrors(_ child: Indicator) -> [Finding] {
            PlanConsistency.check(plan([ind("p", .stock, [10, 12], rule: .final, goal: 12), child])).filter {
                $0.severity == .error && $0.message.contains("exceeds its parent")
            }
        }
        let above = targetErrors(ind("c", .stock, [10, 13], rule: .final, goal: 12, parent: "p"))
        #expect(above.count == 1 && above.first?.message.hasPrefix("target 13 for 2023") == true, "\(above)")
        #expect(targetErrors(ind("c", .stock, [10, 12], rule: .final, goal: 12, parent: "p")).isEmpty)
        #expect(targetErrors(ind("c", .flow, [11, 13], rule: .cumulative, goal: 24, parent: "p")).isEmpty)
        // A child in another unit is not compared, and is asked about: an empty unit shows as ''
        // ("unit  differs" until 2026-12-07).
        let bare = Indicator(
            id: "c", parent: "p", row: "2", nameZh: "c", nameEn: "c", category: "c", kind: .stock, unit: "",
            targets: [2022: 10, 2023: 13], headline: HeadlineGoal(rule: .final, value: 13))
        #expect(targetErrors(bare).isEmpty)
        let unit = PlanConsistency.check(plan([ind("p", .stock, [10, 12], rule: .final, goal: 12), bare])).filter {
            $0.message.hasPrefix("unit ")
        }
        #expect(unit.map(\.message) == ["unit '' differs from its parent's ('家')"], "\(unit)")
        #expect(unit.map(\.severity) == [.warning] && unit.first?.messageZh == "单位“”与其上级的单位“家”不同")
    }

    /// Known years that exceed their sum by less than the figures' rounding (each "30" is
    /// 29.5–30.5, "30.5" 30.45–30.55, the sum "60" 59.5–60.5) are no contradiction; by more
    /// they are an error.
    @Test func knownYearsAboveTheirSumWithinRoundingAreNoError() {
        let flow = ind("flow", .flow, [25, 30], rule: .cumulative, goal: 55)
        func read(_ year: Int, _ text: String, since: Int? = nil) -> Observation {
            var o = Observation(
                indicator: "flow", year: year, value: Double(text)!, text: text,
                location: SourceLocation(file: "o.csv", line: year - 2019))
            o.since = since
            return o
        }
        let within = PlanConsistency.check(
            plan([flow], obs: [read(2022, "30"), read(2023, "30.5"), read(2023, "60", since: 2022)]))
        #expect(!within.contains { $0.severity == .error }, "60.5 against 60: \(within)")
        let beyond = PlanConsistency.check(
            plan([flow], obs: [read(2022, "30"), read(2023, "31.2"), read(2023, "60", since: 2022)]))
        #expect(
            beyond.contains { $0.severity == .error && $0.message.contains("smaller than its known years") },
            "\(beyond)")
    }

    /// The plan's data years run from its first data year to its last year (2023 here): a value
    /// in the last year is used, one a year later is an error, one before the range a warning;
    /// a sum over years is judged the same way by its last and first years.
    @Test func theLastYearIsUsedAndTheYearAfterIsAnError() {
        let flow = ind("f", .flow, [5, 5], rule: .cumulative, goal: 10)
        let range = Self.meta.dataYears
        func findings(_ obs: [Observation]) -> [Finding] {
            PlanConsistency.checkYears(plan([flow], obs: obs))
        }
        func sum(_ since: Int, _ year: Int) -> Observation {
            var o = Observation(indicator: "f", year: year, value: 10)
            o.since = since
            return o
        }
        #expect(findings([Observation(indicator: "f", year: 2023, value: 5)]).isEmpty)
        #expect(findings([Observation(indicator: "f", year: range.lowerBound, value: 5)]).isEmpty)
        #expect(findings([Observation(indicator: "f", year: 2024, value: 5)]).map(\.severity) == [.error])
        #expect(
            findings([Observation(indicator: "f", year: range.lowerBound - 1, value: 5)]).map(\.severity) == [.warning])
        #expect(findings([sum(range.lowerBound, 2023)]).isEmpty)
        #expect(findings([sum(2022, 2024)]).map(\.severity) == [.error])
        #expect(findings([sum(range.lowerBound - 1, 2023)]).map(\.severity) == [.warning])
    }

    /// Milestones for some plan years only: the years without one are named (not judged).
    @Test func missingMilestonesAreNamed() {
        let some = Indicator(
            id: "s", row: "1", nameZh: "s", nameEn: "s", category: "c", kind: .stock, unit: "家",
            targets: [2023: 130], headline: HeadlineGoal(rule: .final, value: 130))
        let f = PlanConsistency.check(plan([some]))
        #expect(
            f.contains { $0.severity == .info && $0.message == "no milestone for 2022: those years are not judged" },
            "\(f)")
        let all = ind("a", .stock, [100, 130], rule: .final, goal: 130)
        #expect(!PlanConsistency.check(plan([all])).contains { $0.message.hasPrefix("no milestone") })
    }

    /// A value below 1 entered in the wrong unit (0.0546 万人 for 5.46) before a correct one was
    /// missed: the jump's ratio was taken against max(previous, 1), so 0.0546 → 5.6 read × 5.6.
    /// And the factor is printed whole (a 1e-300 before 2,400 is × 2.4e+303, not "× 2400.0";
    /// 1e308 before 2,400 is × 2.4e-305, not "× 2.4e-3").
    @Test func aJumpFromAValueBelowOneIsCaughtAndItsFactorPrintedWhole() {
        let talent = Indicator(
            id: "talent", parent: nil, row: "1", nameZh: "t", nameEn: "t", category: "c", kind: .level, unit: "万人",
            targets: [2022: 6, 2023: 6.5], headline: HeadlineGoal(rule: .final, value: 6.5))
        func jumps(_ a: Double, _ b: Double) -> [String] {
            PlanConsistency.checkJumps(
                plan(
                    [talent],
                    obs: [
                        Observation(indicator: "talent", year: 2020, value: a),
                        Observation(indicator: "talent", year: 2021, value: b),
                    ])
            ).map(\.message)
        }
        #expect(
            jumps(0.0546, 5.6) == [
                "value moves from 0.0546 in 2020 to 5.6 in 2021 (× 103); check the unit and the digits"
            ])
        #expect(jumps(5.46, 5.6).isEmpty)
        #expect(jumps(0.5, 0.6).isEmpty)
        #expect(jumps(1e-300, 2400).first?.contains("(× 2.4e+303)") == true)
        #expect(jumps(1e308, 2400).first?.contains("(× 2.4e-305)") == true)
        // A series entered in 人 every other year jumps four times: one warning says so.
        let alternating = PlanConsistency.checkJumps(
            plan(
                [talent],
                obs: (2016...2020).map {
                    Observation(indicator: "talent", year: $0, value: $0 % 2 == 0 ? 5.5 : 55_000)
                })
        ).map(\.message)
        #expect(
            alternating == [
                "value moves from 5.5 in 2016 to 55000 in 2017 (× 1e+04); check the unit and the digits"
                    + " (and 3 more rows of this series alike)"
            ])
    }

    /// A first figure in the wrong unit has no neighbour for `checkJumps` to compare with:
    /// 505,000 人 for talent resources counted in 万人 (targets 55–60) is caught against the
    /// targets, as is 1 for a yearly goal of 10,000; 50.5 beside the same targets, and a figure
    /// 99 times a target, are not.
    @Test func aFirstFigureFarFromEveryTargetIsAskedAbout() {
        let talent = Indicator(
            id: "talent", parent: nil, row: "1", nameZh: "t", nameEn: "t", category: "c", kind: .stock, unit: "万人",
            targets: [2024: 55, 2025: 60], headline: HeadlineGoal(rule: .final, value: 60))
        func scale(_ v: Double) -> [String] {
            PlanConsistency.checkScale(plan([talent], obs: [Observation(indicator: "talent", year: 2022, value: v)]))
                .map(\.message)
        }
        #expect(
            scale(505_000) == [
                "observed 505000 in 2022 is 8.42e+03 times the plan's targets (55–60 万人); check the unit and the digits"
            ])
        #expect(scale(0.5).first?.contains("is 0.00909 times the plan's targets") == true)
        #expect(scale(50.5).isEmpty)
        #expect(scale(5_940).isEmpty)
        #expect(scale(0.56).isEmpty)
        // A target of 0 ("no new apartments in 2022") sets no scale: the smallest target is the
        // least positive one, so 0.5 against a flow's 0 and 500 is 0.001 times the targets.
        // (Mutant of round 190: a 0 kept among the targets made the least 0, and no figure was
        // ever "below" it.)
        let flats = Indicator(
            id: "flats", parent: nil, row: "2", nameZh: "f", nameEn: "f", category: "c", kind: .flow, unit: "套",
            targets: [2022: 0, 2023: 500], headline: HeadlineGoal(rule: .cumulative, value: 500))
        let small = PlanConsistency.checkScale(
            plan([flats], obs: [Observation(indicator: "flats", year: 2021, value: 0.5)])
        ).map(\.message)
        #expect(
            small == ["observed 0.5 in 2021 is 0.001 times the plan's targets (500 套); check the unit and the digits"])
        // Exactly a hundredth of the least target is not beyond it (round 210: `<` as `<=`).
        func flatsAt(_ v: Double) -> Int {
            PlanConsistency.checkScale(plan([flats], obs: [Observation(indicator: "flats", year: 2021, value: v)]))
                .count
        }
        #expect(flatsAt(5) == 0 && flatsAt(4.99) == 1)
        // Without a unit the targets stand alone ("(1200–1500 )" until 2026-12-07); a percent
        // sign joins its figures, in both languages.
        for (unit, shown) in [("", "1200–1500"), ("%", "1200–1500%")] {
            let bare = Indicator(
                id: "firms", parent: nil, row: "3", nameZh: "f", nameEn: "f", category: "c", kind: .stock, unit: unit,
                targets: [2024: 1200, 2025: 1500], headline: HeadlineGoal(rule: .final, value: 1500))
            let found = PlanConsistency.checkScale(
                plan([bare], obs: [Observation(indicator: "firms", year: 2022, value: 10)]))
            #expect(
                found.map(\.message) == [
                    "observed 10 in 2022 is 0.00833 times the plan's targets (\(shown)); check the unit and the digits"
                ])
            #expect(found.first?.messageZh == "2022年观测值 10 是规划目标（\(shown)）的 0.00833 倍，请核对单位和数字")
        }
        // A whole file in the wrong unit is one finding per series, not one per row (200,000
        // rows gave 400,000 warnings and a 72 MB manifest).
        let rows = (2019...2022).map { Observation(indicator: "talent", year: $0, value: 505_000) }
        let many = PlanConsistency.checkScale(plan([talent], obs: rows)).map(\.message)
        #expect(many.count == 1)
        #expect(many.first?.hasSuffix("check the unit and the digits (and 3 more rows of this series alike)") == true)
    }

    /// A row's unit cell at another magnitude of the series' unit is asked about (人 against
    /// 万人, 百万元 against 亿元); the bracketed remark is not part of the unit, and units of
    /// another base (个 against 家) are left alone.
    @Test func aUnitCellAtAnotherMagnitudeIsAskedAbout() {
        #expect(PlanConsistency.magnitude(of: "百万元") == (1e6, "元"))
        #expect(PlanConsistency.magnitude(of: "万") == (1, "万"))
        let talent = Indicator(
            id: "talent", parent: nil, row: "1", nameZh: "t", nameEn: "t", category: "c", kind: .stock, unit: "万人",
            targets: [2025: 60], headline: HeadlineGoal(rule: .final, value: 60))
        func units(_ cell: String) -> [String] {
            var o = Observation(indicator: "talent", year: 2022, value: 50.5)
            o.unit = cell
            return PlanConsistency.checkUnits(plan([talent], obs: [o])).map(\.message)
        }
        #expect(
            units("人（原文505,000人）") == [
                "2022: the row's unit is 人, the series' is 万人 (10000 times apart); give the value in 万人, or correct the unit cell if it already is"
            ])
        #expect(units("亿人").first?.contains("(10000 times apart)") == true)
        #expect(units("万人（原文505,000 talents）").isEmpty)
        #expect(
            units("%（比上年增长）").first?.hasPrefix("2022: the row's unit is %, but the series is counted in 万人") == true)
        #expect(units("名").isEmpty)
        // A driver's rows are read against the driver's unit too (mutation round seed 91: the
        // drivers were left out of the units read and no test noticed).
        var gdp = Observation(indicator: "gdp", year: 2022, value: 5.1)
        gdp.unit = "%"
        let drivers = PlanConsistency.checkUnits(
            Plan(
                metadata: Self.meta, indicators: [talent],
                drivers: [Driver(id: "gdp", nameZh: "地区生产总值", nameEn: "GDP", kind: .level, unit: "亿元")],
                observations: [gdp])
        ).map(\.message)
        #expect(
            drivers.first?.hasPrefix("2022: the row's unit is %, but the series is counted in 亿元") == true, "\(drivers)"
        )
    }

    /// A share below 1 is a fraction when a hundred times it continues the series: 0.0383 beside
    /// 3.9 (or, alone, against targets of 4–5) is 3.83%; Nicaragua's real 0.87% of high-tech
    /// exports between 4.35% and 5.35% (World Bank, 2011–2013) is not, nor Grenada's fall from 30%
    /// to 0.025%, nor a first figure of 0.5% against targets of 2–3%. Before 2026-12-01 each of these was an error, and
    /// `run` refused the plan.
    @Test func aShareBelowOneIsAFractionOnlyWhereAHundredTimesItFits() {
        let share = Indicator(
            id: "s", parent: nil, row: "1", nameZh: "s", nameEn: "s", category: "c", kind: .share, unit: "%",
            targets: [2022: 4, 2023: 5], headline: HeadlineGoal(rule: .final, value: 5))
        let small = Indicator(
            id: "s", parent: nil, row: "1", nameZh: "s", nameEn: "s", category: "c", kind: .share, unit: "%",
            targets: [2022: 2, 2023: 3], headline: HeadlineGoal(rule: .final, value: 3))
        func fractions(_ ind: Indicator, _ values: [Double]) -> [String] {
            PlanConsistency.checkFractions(
                plan(
                    [ind],
                    obs: values.enumerated().map {
                        Observation(indicator: "s", year: 2018 + $0.offset, value: $0.element)
                    })
            ).map(\.message)
        }
        #expect(fractions(share, [0.0383, 3.9]).count == 1)
        #expect(fractions(share, [0.0383]).count == 1)
        #expect(fractions(share, [0.0383, 0.039]).count == 2)
        #expect(fractions(share, [4.35, 0.873253, 5.35]).isEmpty)
        // Grenada's high-tech exports 2006–2013: real, every value below 1 included.
        #expect(
            fractions(share, [0.0524599, 30.1088, 28.2961, 8.28685, 1.02333, 0.483537, 0.111332, 0.0246745]).isEmpty)
        #expect(fractions(share, [3.7, 0.0383, 0.039, 4.0]).count == 2)
        #expect(fractions(small, [0.5]).isEmpty)
        #expect(fractions(small, [0.02]).count == 1)
        // The reach is a factor of 4 (`fractionReach`): alone against targets of 4–5, 0.0111
        // (1.11%, a quarter of 4 and more) is a fraction; 0.009 (0.9%, 4.4 times below 4) is not.
        #expect(fractions(share, [0.0111]).count == 1)
        #expect(fractions(share, [0.009]).isEmpty)
        // Suriname's high-tech exports, 0.2% before 8.2%: read as a fraction, with the way out in
        // the message; a row that states its range in percent is taken as written.
        let suriname = fractions(share, [0.2, 8.2])
        #expect(suriname.count == 1 && suriname[0].contains("enter it in percent (20)"), "\(suriname)")
        var confirmed = Observation(indicator: "s", year: 2018, value: 0.2)
        (confirmed.explicitLower, confirmed.explicitUpper) = (0.15, 0.25)
        let stated = plan([share], obs: [confirmed, Observation(indicator: "s", year: 2019, value: 8.2)])
        #expect(PlanConsistency.checkFractions(stated).isEmpty)
        // A range with the value at an end holds it too ("0.2, at most 0.25").
        for ends in [(0.2, 0.25), (0.15, 0.2)] {
            (confirmed.explicitLower, confirmed.explicitUpper) = ends
            let atEnd = plan([share], obs: [confirmed, Observation(indicator: "s", year: 2019, value: 8.2)])
            #expect(PlanConsistency.checkFractions(atEnd).isEmpty, "\(ends)")
        }
        // Bounds that do not hold the value confirm nothing.
        (confirmed.explicitLower, confirmed.explicitUpper) = (15, 25)
        let misread = plan([share], obs: [confirmed, Observation(indicator: "s", year: 2019, value: 8.2)])
        #expect(PlanConsistency.checkFractions(misread).count == 1)
    }

    @Test func everyYearGoal() {
        let f = PlanConsistency.check(plan([ind("proj", .flow, [1000, 900], rule: .everyYear, goal: 1000)]))
        #expect(f.contains { $0.severity == .warning && $0.message.contains("below the every-year goal") })
    }
}
