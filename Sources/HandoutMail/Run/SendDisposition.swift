/// How the run treats an ``SMTPClientError`` for the message in hand: the one rule
/// for what is worth trying again.
enum SendDisposition: Equatable {
    /// The message may have been delivered: record `uncertain`, do not retry.
    case uncertain
    /// Refused for good: record `failed`.
    case failed
    /// Try again after a pause (reconnecting if needed); `deferred` when out of tries.
    case retry
    /// Nothing can be sent safely on this configuration: stop the run.
    case stopRun

    init(_ error: SMTPClientError) {
        switch error {
        case .outcomeUnknown:
            self = .uncertain
        case .permanentFailure, .unexpectedReply, .messageTooLarge:
            self = .failed
        case .transientFailure, .connectionFailed, .connectionLost, .timedOut, .notConnected, .protocolViolation:
            self = .retry
        case .ipAddressHostNeedsName, .plaintextNotLoopback, .caFileUnreadable, .credentialsInvalid,
            .startTLSNotOffered, .startTLSRejected, .startTLSInjection, .tlsFailed, .authenticationRequiresTLS,
            .authenticationNotOffered, .authenticationFailed, .requestOutOfOrder:
            self = .stopRun
        }
    }
}
