// What `contract` and `load` say before they send anything to a live target (`TargetKind`):
// the planned count and rate, and the run id its creates will carry — on stderr, so reports on
// stdout stay what scripts read.
import Redaction
import Scenario

enum LiveTargetNotice {
    /// `live target https://acme.freshchat.com/v2: about 1,200 requests over 60 s at 20/s
    /// (--max-rps 20)`, then `creates tagged fcharness_run_id=…` when the run tags them.
    static func announce(baseURL: String, plan: String, runID: String?) {
        printError("live target \(redactedURL(baseURL)): \(plan)")
        if let runID {
            printError("live target: creates are tagged \(RunTag.propertyName)=\(runID) where the spec allows (docs/cli.md, \"Safety on real accounts\")")
        }
    }
}
