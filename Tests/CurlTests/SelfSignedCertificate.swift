// A private key and a self-signed certificate for localhost, made with openssl for one test and
// removed after it: what the TLS tests' servers present. openssl is a requirement of these
// tests, not an option (`make deps` installs it): without it they fail, they do not skip.
import Foundation

/// A key and certificate in PEM files of a fresh temporary folder.
struct SelfSignedCertificate: Sendable {
    /// Where openssl is looked for.
    static let opensslCandidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]

    let folder: URL
    /// The EC (P-256) private key, PEM.
    var keyPath: String { folder.appendingPathComponent("key.pem").path }
    /// The certificate, PEM, valid for a day, CN=localhost.
    var certificatePath: String { folder.appendingPathComponent("cert.pem").path }

    /// The openssl binary; throws when none is installed.
    static func openssl() throws -> String {
        guard let path = opensslCandidates.first(where: FileManager.default.isExecutableFile) else {
            throw SelfSignedCertificateError.opensslMissing(looked: opensslCandidates)
        }
        return path
    }

    /// Makes a new key and certificate; throws when openssl is missing or fails.
    static func make() throws -> SelfSignedCertificate {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = SelfSignedCertificate(folder: folder)
        let make = Process()
        make.executableURL = URL(fileURLWithPath: try openssl())
        make.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", certificate.keyPath, "-out", certificate.certificatePath, "-days", "1",
                          "-subj", "/CN=localhost"]
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        guard make.terminationStatus == 0 else {
            certificate.remove()
            throw SelfSignedCertificateError.opensslFailed(status: make.terminationStatus)
        }
        return certificate
    }

    /// Deletes the folder and both files.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Why no certificate could be made.
enum SelfSignedCertificateError: Error, CustomStringConvertible {
    case opensslMissing(looked: [String])
    case opensslFailed(status: Int32)

    var description: String {
        switch self {
        case .opensslMissing(let looked):
            return "openssl is not installed (looked at \(looked.joined(separator: ", "))); `make deps` installs it"
        case .opensslFailed(let status):
            return "openssl could not make a certificate (exit status \(status))"
        }
    }
}
