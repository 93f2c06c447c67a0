import Foundation
import Logging

/// Sends one message at a time through an ``SMTPClient``, writing the journal
/// around it: `pending` before each attempt, `uncertain` just before the final
/// ".", then `sent`, `failed`, `deferred` or `uncertain`. Retries transient
/// failures per ``RetryPolicy``, reconnecting as needed. Once the server proves
/// unusable (no STARTTLS, TLS or login failure, unreachable) it stops trying and
/// defers every later message with the reason, without connecting again. A journal
/// that cannot be written (before an attempt, or in the hand-over hook) is a local
/// failure: it stops the run with the journal's error, and nothing is retried.
struct JournaledSender {
    let client: SMTPClient
    let journal: any MailJournalWriter
    let retry: RetryPolicy
    let logger: Logger
    private(set) var stopReason: String?
    /// The code of the error behind `stopReason`, for logs.
    private(set) var stopCode = ""

    init(client: SMTPClient, journal: any MailJournalWriter, retry: RetryPolicy, logger: Logger) {
        self.client = client
        self.journal = journal
        self.retry = retry
        self.logger = logger
    }

    mutating func deliver(_ message: OutgoingMessage) async throws(MailRunError) -> MailResult {
        let id = message.recordID
        if let stopReason {
            return try await finish(message, .deferred, "not attempted: \(stopReason)", code: stopCode, stoppedByRun: true)
        }
        var attempt = 1
        while true {
            try await record(id, message.messageID, .pending, "attempt \(attempt)")
            let error: SMTPClientError
            switch try await sendOnce(message) {
            case .success(let reply): return try await finish(message, .sent, reply.redacted, code: "accepted")
            case .failure(let failure): error = failure
            }
            let reason = error.errorDescription ?? "error"
            logger.warning(
                "mail attempt failed", metadata: ["record": "\(id)", "attempt": "\(attempt)", "reason": "\(reason)"])
            switch SendDisposition(error) {
            case .uncertain:
                return try await finish(message, .uncertain, reason, code: error.code)
            case .failed:
                return try await finish(message, .failed, reason, code: error.code)
            case .stopRun:
                stop(reason, error)
                return try await finish(message, .deferred, reason, code: error.code, stoppedByRun: true)
            case .retry where attempt < retry.maxAttempts:
                try? await Task.sleep(for: retry.delay(afterAttempt: attempt))
                attempt += 1
            case .retry:
                if case .connectionFailed = error { stop(reason, error) }
                return try await finish(message, .deferred, reason, code: error.code, stoppedByRun: stopReason != nil)
            }
        }
    }

    private mutating func stop(_ reason: String, _ error: SMTPClientError) {
        stopReason = reason
        stopCode = error.code
    }

    /// One attempt: the server's reply or its failure. A journal that cannot be
    /// written in the hand-over hook is no such failure: it ends the run.
    private func sendOnce(_ message: OutgoingMessage) async throws(MailRunError) -> Result<SMTPReply, SMTPClientError> {
        do {
            return .success(try await attemptSend(message))
        } catch {
            switch error {
            case .smtp(let failure): return .failure(failure)
            case .handover(let failure): throw .journal(failure)
            }
        }
    }

    private func attemptSend(_ message: OutgoingMessage) async throws(SMTPSendError<MailJournalError>) -> SMTPReply {
        if await !client.isConnected {
            do { try await client.connect() } catch { throw .smtp(error) }
        }
        let journal = self.journal
        let id = message.recordID
        let messageID = message.messageID
        return try await client.send(message) { () async throws(MailJournalError) in
            try await journal.append(
                MailJournalEntry(
                    id: id, messageID: messageID, status: .uncertain, reply: "handed over, awaiting reply",
                    time: MailDateFormat.iso8601(Date())))
        }
    }

    private func finish(
        _ message: OutgoingMessage, _ status: MailJournalStatus, _ detail: String, code: String, stoppedByRun: Bool = false
    ) async throws(MailRunError) -> MailResult {
        try await record(message.recordID, message.messageID, status, detail)
        let outcome = MailOutcome(rawValue: status.rawValue) ?? .failed
        logger.info("mail \(status.rawValue)", metadata: ["record": "\(message.recordID)"])
        return MailResult(id: message.recordID, outcome: outcome, messageID: message.messageID, detail: detail, reason: code,
                          stoppedByRun: stoppedByRun)
    }

    func record(
        _ id: String, _ messageID: String, _ status: MailJournalStatus, _ detail: String
    ) async throws(MailRunError) {
        let entry = MailJournalEntry(
            id: id, messageID: messageID, status: status, reply: Redaction.redactAddresses(detail),
            time: MailDateFormat.iso8601(Date()))
        do {
            try await journal.append(entry)
        } catch {
            throw .journal(error)
        }
    }
}
