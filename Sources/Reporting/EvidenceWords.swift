import Indicators

/// The evidence behind a forecast in words a planner reads without a glossary.
enum EvidenceWords {
    static func describe(_ e: Evidence, language: Language) -> String {
        let zh = language == .zh
        var years = ""
        if let f = e.firstYear, let l = e.lastYear { years = f == l ? "\(f)" : "\(f)–\(l)" }
        let base: String
        switch e.grade {
        case .insufficient:
            base = zh ? "无确切观测" : "no exact observation"
        case .referenceClass where e.observations == 0:
            let b =
                e.boundYears.map {
                    $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)"
                } ?? ""
            return zh
                ? "无确切观测，仅知 \(b) 年的范围（如“突破”“超”、年中时点值或部分口径）：参考类预测，自范围中点起向后预测、向前回推，增长与波动取自真实年度序列库"
                : "no exact observation, only bounds for \(b) (\"over\", \"nearly\", a mid-year count or a partial count): a reference-class forecast from the middle of the bounds, forward and back to earlier plan years, growth and spread from a library of real yearly series"
        case .referenceClass:
            base =
                zh
                ? "1 个确切观测（\(years)）：参考类预测，增长与波动取自真实年度序列库"
                : "1 exact observation (\(years)): a reference-class forecast, growth and spread from a library of real yearly series"
        case .weak, .moderate, .strong:
            let grade: String
            switch e.grade {
            case .weak: grade = zh ? "证据较弱" : "weak evidence"
            case .moderate: grade = zh ? "证据中等" : "moderate evidence"
            default: grade = zh ? "证据较强" : "strong evidence"
            }
            base =
                zh
                ? "\(e.observations) 个确切观测（\(years)），\(grade)"
                : "\(e.observations) exact observations \(years), \(grade)"
        }
        guard e.bounds > 0 else { return base }
        return base
            + (zh
                ? "；另有 \(e.bounds) 年仅知范围（如“突破”“超”“近”或年中时点值）"
                : "; \(e.bounds == 1 ? "1 more year" : "\(e.bounds) more years") known only within bounds (\"over\", \"nearly\" or a mid-year count)")
    }
}
