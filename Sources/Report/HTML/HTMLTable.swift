// The report's tables: a header row, body rows and an optional footer row, with numbers
// right-aligned. Cells escape their text unless they are markup the report built itself.

/// One table cell's content.
struct TableCell {
    /// The cell's HTML, already escaped.
    var html: String
    /// Right-aligned, in tabular figures.
    var numeric: Bool

    /// Text from anywhere: escaped.
    static func text(_ text: String) -> TableCell { TableCell(html: HTMLText.escaped(text), numeric: false) }
    /// A number as the report formats it.
    static func number(_ text: String) -> TableCell { TableCell(html: HTMLText.escaped(text), numeric: true) }
    /// A count with thousands separators.
    static func count(_ value: Int) -> TableCell { number(HTMLNumbers.count(value)) }
    /// Text shown as code (operation ids, pointers, expressions): escaped.
    static func code(_ text: String) -> TableCell { TableCell(html: "<code>\(HTMLText.escaped(text))</code>", numeric: false) }
    /// Markup the report built (a pass/fail badge); never text from the run.
    static func markup(_ html: String) -> TableCell { TableCell(html: html, numeric: false) }
}

/// A table with a header row.
struct HTMLTable {
    /// Column titles, and whether each column holds numbers.
    var columns: [(title: String, numeric: Bool)]
    var rows: [[TableCell]]
    /// A totals row, set apart at the bottom.
    var footer: [TableCell]?

    /// The `<table>`.
    func html() -> String {
        var html = "<table><thead><tr>"
        for column in columns {
            html += column.numeric ? "<th class=\"num\">" : "<th>"
            html += HTMLText.escaped(column.title) + "</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows { html += Self.row(row) }
        html += "</tbody>"
        if let footer { html += "<tfoot>" + Self.row(footer) + "</tfoot>" }
        return html + "</table>"
    }

    private static func row(_ cells: [TableCell]) -> String {
        "<tr>" + cells.map { ($0.numeric ? "<td class=\"num\">" : "<td>") + $0.html + "</td>" }.joined() + "</tr>"
    }
}

/// A two-column table of names and values: the run's settings, the machine, iteration counts.
struct DefinitionTable {
    var entries: [(name: String, value: TableCell)]

    /// The `<table>`, names in header cells.
    func html() -> String {
        "<table class=\"settings\"><tbody>"
            + entries.map { "<tr><th scope=\"row\">\(HTMLText.escaped($0.name))</th><td>\($0.value.html)</td></tr>" }.joined()
            + "</tbody></table>"
    }
}
