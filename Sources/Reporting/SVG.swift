import Foundation

/// A small SVG writer: elements as strings with escaped text, numbers rounded to 0.1 px.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }

    mutating func rect(x: Double, y: Double, w: Double, h: Double, fill: String, extra: String = "") {
        body +=
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)/>"
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        body +=
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
    }

    mutating func polyline(_ pts: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil) {
        guard pts.count > 1 else { return }
        body +=
            "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") points=\"\(pts.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " "))\"/>"
    }

    /// A filled band between an upper and a lower line (same x positions).
    mutating func band(_ xs: [Double], upper: [Double], lower: [Double], fill: String, opacity: Double) {
        guard xs.count > 0 else { return }
        let pts =
            zip(xs, upper).map { "\(Self.n($0)),\(Self.n($1))" }
            + zip(xs, lower).reversed().map { "\(Self.n($0)),\(Self.n($1))" }
        body +=
            "<polygon fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\" stroke=\"none\" points=\"\(pts.joined(separator: " "))\"/>"
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String = "none", title: String? = nil)
    {
        body +=
            "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\">"
            + (title.map { "<title>\(escapeHTML($0))</title>" } ?? "") + "</circle>"
    }

    mutating func diamond(cx: Double, cy: Double, r: Double, fill: String, title: String? = nil) {
        let p = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)].map { "\(Self.n($0.0)),\(Self.n($0.1))" }
            .joined(separator: " ")
        body +=
            "<polygon points=\"\(p)\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"0.8\">"
            + (title.map { "<title>\(escapeHTML($0))</title>" } ?? "") + "</polygon>"
    }

    mutating func text(
        _ s: String, x: Double, y: Double, size: Double = 11, anchor: String = "start", fill: String = "#333",
        weight: String? = nil, title: String? = nil
    ) {
        body +=
            "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(weight.map { " font-weight=\"\($0)\"" } ?? "")>"
            + (title.map { "<title>\(escapeHTML($0))</title>" } ?? "") + "\(escapeHTML(s))</text>"
    }

    func render(label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escapeHTML(label))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">\(body)</svg>"
    }
}

/// Colours: a red–amber–green scale for probabilities and a palette for scenarios.
enum Palette {
    static let scenarios = ["#1f4e9a", "#c0392b", "#1e8449", "#8e44ad", "#d35400", "#117a8b", "#7f8c8d"]

    /// Red (0) → amber (0.5) → green (1), as hex.
    static func probability(_ p: Double) -> String {
        let stops: [(Double, (Double, Double, Double))] = [
            (0, (215, 48, 39)), (0.33, (252, 141, 89)), (0.5, (254, 224, 139)), (0.66, (145, 207, 96)),
            (1, (26, 152, 80)),
        ]
        let q = min(max(p, 0), 1)
        var k = 0
        while k < stops.count - 2 && q > stops[k + 1].0 { k += 1 }
        let (a, ca) = stops[k], (b, cb) = stops[k + 1]
        let w = (q - a) / (b - a)
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * w).rounded()) }
        return String(format: "#%02x%02x%02x", mix(ca.0, cb.0), mix(ca.1, cb.1), mix(ca.2, cb.2))
    }
}
