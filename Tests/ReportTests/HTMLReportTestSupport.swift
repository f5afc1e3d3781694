// What the HTML report tests share: the results files they render (a real smoke run and the
// same run with hostile text planted in it) and a well-formedness check with Foundation's XMLParser.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Report
import XCTest

enum HTMLReportFixtures {
    /// A real 10-second smoke run against the embedded mock: 14 operations, 10 windows.
    static func smokeRun() throws -> LoadResult { try read("smoke-run.json") }

    /// The smoke run, interrupted and aborted, with `<script>alert(1)</script>`, quotes,
    /// ampersands, a control character and non-ASCII text planted in the profile name, the
    /// target, the host, an operation id, an error sample, a failed check, a violation and a
    /// threshold; and one window whose histogram is not an encoding.
    static func hostileRun() throws -> LoadResult { try read("hostile-run.json") }

    private static func read(_ name: String) throws -> LoadResult {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/html/\(name)").path
        return try ResultsFile.read(path: path)
    }
}

/// Why a page is not well-formed XML, where the parser stopped.
struct MarkupError: Error, CustomStringConvertible {
    var line: Int
    var column: Int
    var reason: String
    var description: String { "not well-formed at \(line):\(column): \(reason)" }
}

/// Element names and their attributes, in document order, as XMLParser saw them.
final class MarkupOutline: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var text = ""
    private var errors: [Error] = []

    /// Parses `markup` as XML; throws where it is not well-formed.
    static func parse(_ markup: String) throws -> MarkupOutline {
        let outline = MarkupOutline()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = outline
        // On Linux, libxml2 recovers from a mismatched end tag and `parse()` still returns
        // true; the error is only in `parserError` and the delegate's callback.
        let parsed = parser.parse()
        guard parsed, parser.parserError == nil, outline.errors.isEmpty else {
            throw MarkupError(line: parser.lineNumber, column: parser.columnNumber,
                              reason: (parser.parserError ?? outline.errors.first).map { "\($0)" } ?? "unknown")
        }
        return outline
    }

    /// The elements named `name` whose `class` attribute is `className` (any class when nil).
    func elements(named name: String, class className: String? = nil) -> [[String: String]] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }.map(\.attributes)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((elementName, attributes))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        errors.append(parseError)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}

extension String {
    /// How often `needle` occurs.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
