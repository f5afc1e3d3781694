// The coverage matrix for a terminal or a CI log: one row per operation, one column per
// status any operation documents, then the undocumented statuses seen, and the summary line.

/// Renders a `ContractCoverage` as a compact table. Colour only when asked.
public struct ContractCoverageText: Sendable {
    /// Whether to colour the marks (✓ green, · red) with ANSI escapes.
    public var colour: Bool

    /// Creates a renderer.
    public init(colour: Bool) { self.colour = colour }

    /// The matrix, ending with `coverage: N of M documented responses (P%), K of L operations`.
    ///
    /// A cell is ✓ when the operation documents that status and a response landed on it, · when
    /// it documents it and none did, and blank when the operation does not document it.
    public func render(_ coverage: ContractCoverage) -> String {
        let columns = Self.columns(of: coverage)
        let operationWidth = max("operation".count, coverage.operations.map(\.operation.count).max() ?? 0)
        var out = "\ncoverage (✓ exercised, · documented but not exercised)\n"
        var header = pad("operation", operationWidth)
        for column in columns { header += "  " + pad(column, max(3, column.count)) }
        out += header + "  undocumented seen\n"
        for row in coverage.operations {
            var line = pad(row.operation, operationWidth)
            for column in columns {
                let mark: String
                if let cell = row.documented.first(where: { $0.status == column }) {
                    mark = cell.exercised ? paint("✓", green: true) : paint("·", green: false)
                } else {
                    mark = " "
                }
                line += "  " + mark + String(repeating: " ", count: max(3, column.count) - 1)
            }
            line += "  " + row.undocumented.map { "\($0.status) (\($0.responses)×)" }.joined(separator: ", ")
            out += Self.trimmingTrailingSpaces(line) + "\n"
        }
        out += coverage.summaryLine + "\n"
        return out
    }

    /// Every documented status of any operation, codes by number, a range after the codes in
    /// it, "default" last (the order `fcharness operations` lists them in).
    static func columns(of coverage: ContractCoverage) -> [String] {
        let statuses = Set(coverage.operations.flatMap { $0.documented.map(\.status) })
        return statuses.sorted { sortKey($0) < sortKey($1) }
    }

    private static func sortKey(_ status: String) -> (Int, Int, String) {
        if let code = Int(status) { return (code, 0, status) }
        if let hundreds = status.first?.wholeNumberValue { return (hundreds * 100 + 99, 1, status) }
        return (Int.max, 2, status)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func paint(_ mark: String, green: Bool) -> String {
        colour ? "\u{1B}[\(green ? "32" : "31")m\(mark)\u{1B}[0m" : mark
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
