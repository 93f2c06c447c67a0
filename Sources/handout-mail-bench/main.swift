// Sends N handout emails to a local SMTP server and prints `messages_per_second N`.
// Run through scripts/mail_bench.sh, which starts the aiosmtpd test server.
//
//   handout-mail-bench --port P --ca-file CA.pem [--host localhost] [--count 1000]
//                      [--user U --password P] [--pdf-bytes 20000]
import Foundation
import HandoutMail
import Logging

func option(_ name: String, _ fallback: String? = nil) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

guard let port = option("--port").flatMap(Int.init) else {
    FileHandle.standardError.write(Data("usage: handout-mail-bench --port P --ca-file CA.pem [--count N]\n".utf8))
    exit(2)
}
let count = option("--count").flatMap(Int.init) ?? 1000
let pdfBytes = option("--pdf-bytes").flatMap(Int.init) ?? 20_000
let credentials = option("--user").map { SMTPConfiguration.Credentials(user: $0, password: option("--password") ?? "") }
let smtp = SMTPConfiguration(
    host: option("--host") ?? "localhost", port: port, security: .startTLS, credentials: credentials,
    caFile: option("--ca-file"))

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("handout-mail-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

var pdf = Array("%PDF-1.7\n".utf8)
pdf += (0..<pdfBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
let pdfURL = directory.appendingPathComponent("handout.pdf")
try Data(pdf).write(to: pdfURL)
let deliveries = (1...count).map { index in
    MailDelivery(
        id: String(format: "b%05d", index), recipientName: "Patient \(index)",
        recipientAddress: "b\(index)@patients.example", attachmentPath: pdfURL, language: index % 2 == 0 ? "es" : "en",
        clinic: ClinicContact(name: "Spine Clinic", phone: "(555) 555-0100"))
}

var logger = Logger(label: "handout.mail.bench")
logger.logLevel = .warning
let run = MailRun(
    settings: MailRunSettings(
        from: try Mailbox(parsing: "Spine Clinic <care@clinic.example>"), batchID: "bench-\(getpid())", date: Date(),
        smtp: smtp, journalURL: directory.appendingPathComponent("mail-journal.csv")),
    logger: logger)

let clock = ContinuousClock()
let start = clock.now
let summary = try await run.run(deliveries)
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("messages \(count) pdf_bytes \(pdfBytes) seconds \(String(format: "%.2f", seconds))")
print(summary.line)
print("messages_per_second \(String(format: "%.1f", Double(summary.count(.sent)) / seconds))")
exit(summary.count(.sent) == count ? 0 : 1)
