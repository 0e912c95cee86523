import Forecasting
import Indicators
import Simulation

/// A what-if for a plan (DESIGN.md §4): levers on indicators or groups of indicators (growth,
/// level shifts, volatility, common shocks, driver paths; see `Lever`), assumed observations and
/// model choices. A scenario may inherit from another; `resolved(parent:)` merges them.
public struct Scenario: Sendable {
    public var name: String
    public var titleZh: String
    public var titleEn: String
    public var description: String
    /// The file it came from.
    public var file: String
    public var inherits: String?
    /// Where `name` and `inherits` are written (line, column; 1-based), for error messages.
    public var nameAt: (line: Int, column: Int)?
    public var inheritsAt: (line: Int, column: Int)?
    /// The levers, in the order the file gives them (after the parent's).
    public var levers: [Lever] = []
    /// Where each lever is written (file, line, column), by name; an inherited lever keeps its
    /// parent file's place. For messages about a lever (`LeverWarnings`).
    public var leverAt: [String: SourceLocation] = [:]
    /// Names of inherited levers that a lever of this scenario's own file replaces
    /// (`resolved(parent:)`).
    public var replacedLevers: [String] = []
    /// Values stated for indicators without data, by indicator and year.
    public var assumptions: [String: [Int: Double]] = [:]
    /// Model names per indicator (e.g. ["drift", "theta"]).
    public var models: [String: [String]] = [:]
    /// The file held no YAML at all (empty, or comments only): the scenario is a baseline named
    /// after the file. Runnable, but a truncated or unsaved file looks the same, so `run` and
    /// `check` warn (`emptyFileWarning`).
    public var fromEmptyFile = false

    /// The warning for a scenario read from a file with nothing in it; nil otherwise.
    public var emptyFileWarning: String? {
        guard fromEmptyFile else { return nil }
        return
            "the file holds no scenario (it is empty or only comments): it runs as '\(name)', a baseline with no levers; if that is meant, write 'name: \(name)' in it"
    }

    /// The same in Chinese (`check --lang zh`).
    public var emptyFileWarningZh: String? {
        guard fromEmptyFile else { return nil }
        return "文件中没有情景（为空或只有注释）：按不含杠杆的基准情景“\(name)”运行；若本意如此，请在文件中写 'name: \(name)'"
    }

    /// Lever names spelled apart only in case across the scenarios of a run (`push` in one file,
    /// `Push` in another). Scenarios share a lever's random draws by its exact name, so these
    /// draw apart, and their difference carries noise the reader takes for effect; and a
    /// spreadsheet filter reads them as one lever. One line per name, at its first file.
    public static func leverSpellingWarnings(_ scenarios: [Scenario]) -> [(
        file: String, message: String, messageZh: String
    )] {
        var spellings = [String: [(name: String, file: String)]]()
        var order = [String]()
        for s in scenarios {
            for name in s.leverNames {
                let key = name.lowercased()
                if spellings[key] == nil { order.append(key) }
                if !(spellings[key]?.contains { $0.name == name } ?? false) {
                    // At the lever itself (file:line:column) where the parser recorded it.
                    spellings[key, default: []].append((name, s.leverAt[name]?.description ?? s.file))
                }
            }
        }
        return order.compactMap { key in
            guard let all = spellings[key], all.count > 1 else { return nil }
            let listed = all.map { "'\($0.name)' (\($0.file))" }.joined(separator: ", ")
            let listedZh = all.map { "“\($0.name)”（\($0.file)）" }.joined(separator: "、")
            return (
                all[0].file,
                "levers \(listed) differ only in case: scenarios share a lever's draws under one exact name, so these draw apart; spell them alike to share the draws",
                "杠杆 \(listedZh) 只有大小写不同：各情景按完全相同的名称共用杠杆的随机抽样，这些杠杆因此各自抽样；请统一拼写以共用抽样"
            )
        }
    }

    public init(
        name: String, titleZh: String = "", titleEn: String = "", description: String = "", file: String = "",
        inherits: String? = nil
    ) {
        self.name = name
        self.titleZh = titleZh
        self.titleEn = titleEn
        self.description = description
        self.file = file
        self.inherits = inherits
    }

    /// This scenario on top of its parent: the parent's levers, then this one's, except that a
    /// lever of this one replaces the parent's lever of the same name (`replacedLevers`), and a
    /// driver path of this one the parent's path of the same driver; assumptions and model
    /// choices of this one win. (Until 2026-12-04 a lever named as an inherited one was added
    /// to it: both applied, with one draw, so restating `rd-push` in a child doubled it.)
    public func resolved(parent: Scenario) -> Scenario {
        var s = self
        let ownDrivers = Set(levers.compactMap(\.driver)), ownNames = Set(levers.map(\.name))
        s.replacedLevers = parent.levers.map(\.name).filter(ownNames.contains)
        s.levers =
            parent.levers.filter { lever in
                !ownNames.contains(lever.name) && (lever.driver.map { !ownDrivers.contains($0) } ?? true)
            } + levers
        s.leverAt = parent.leverAt.merging(leverAt) { _, own in own }
        s.assumptions = parent.assumptions.merging(assumptions) { a, b in a.merging(b) { _, new in new } }
        s.models = parent.models.merging(models) { _, new in new }
        return s
    }

    /// Per-indicator model combinations.
    public var combinations: [String: Combination] {
        models.compactMapValues { Combination.named($0) }
    }

    /// The same scenario without one lever (for sensitivity: what that lever contributes).
    public func without(lever: String) -> Scenario {
        var s = self
        s.levers.removeAll { $0.name == lever }
        return s
    }

    /// Names of every lever, in order.
    public var leverNames: [String] { levers.map(\.name) }
}
