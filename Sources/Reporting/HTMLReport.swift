import Foundation
import Indicators
import Scenarios
import Simulation

/// The self-contained HTML report of a run (inline CSS and SVG, no scripts, no network).
public enum HTMLReport {
    public static func render(runs: [ScenarioRun], sensitivity: [ScenarioRunner.Sensitivity], language: String, settings: [String: String]) -> String {
        let zh = language != "en"
        guard let first = runs.first else { return "<!DOCTYPE html><html><body></body></html>" }
        let meta = first.model.plan.metadata
        var h = "<!DOCTYPE html>\n<html lang=\"\(zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>\(escapeHTML(zh ? meta.titleZh : meta.titleEn))</title>\n"
        h += "<style>\(ReportStyle.css)</style>\n</head>\n<body>\n"
        h += "<h1>\(escapeHTML(zh ? meta.titleZh : meta.titleEn))</h1>\n"
        h += "<p class=\"meta\">\(escapeHTML(meta.documentNumber)) · seed \(escapeHTML(settings["seed"] ?? "")) · \(escapeHTML(settings["paths"] ?? "")) paths\(settings["as_of"].map { $0.isEmpty ? "" : " · as of " + escapeHTML($0) } ?? "") · plancast \(escapeHTML(settings["version"] ?? ""))</p>\n"
        h += "<pre class=\"summary\">\(escapeHTML(SummaryTable.render(runs, language: language)))</pre>\n"
        h += "</body>\n</html>\n"
        return h
    }
}

enum ReportStyle {
    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px}.meta{color:#666}
        table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}
        th{background:#f4f4f4}td.name{text-align:left}
        """
}
