/// A problem with a user's input file, located to the line and column, with what to do next.
///
/// Lines and columns are 1-based as editors show them; `column` counts CSV fields (not
/// characters) for table files and is nil when the problem is the whole line or file.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String
    public let hint: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: message` then the hint on a second line.
    public var description: String {
        var loc = file
        if let line { loc += ":\(line)" }
        if let column { loc += ":\(column)" }
        var s = "\(loc): \(message)"
        if let hint { s += "\n  hint: \(hint)" }
        return s
    }
}
