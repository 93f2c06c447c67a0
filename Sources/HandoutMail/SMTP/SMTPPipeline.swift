import NIOCore
import NIOSSL

/// Builds the client's channel pipeline, one handler per concern:
///
/// ```
/// [NIOSSLClientHandler]  implicit TLS only (STARTTLS inserts it here later)
/// ByteToMessageHandler(SMTPLineDecoder)   bytes -> lines, bounded
/// SMTPReplyDecoder                        lines -> replies (multi-line kept)
/// MessageToByteHandler(SMTPCommandEncoder) commands -> bytes, dot-stuffing
/// SMTPClientHandler                       carries out SMTPClientStateMachine's actions
/// ```
enum SMTPPipeline {
    static func configure(
        _ channel: Channel, configuration: SMTPConfiguration, tlsContext: NIOSSLContext?,
        connected: EventLoopPromise<SMTPReply>
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        if configuration.security == .implicitTLS, let tlsContext {
            try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: configuration.host))
        }
        try pipeline.addHandlers([
            ByteToMessageHandler(SMTPLineDecoder(maximumLineLength: configuration.maximumReplyLineLength)),
            SMTPReplyDecoder(),
            MessageToByteHandler(SMTPCommandEncoder()),
            SMTPClientHandler(configuration: configuration, tlsContext: tlsContext, connected: connected),
        ])
    }

    /// TLS 1.2 or later, full certificate and host name verification, and the
    /// given CA file as the only trust root when there is one.
    static func makeTLSContext(caFile: String?) throws(SMTPClientError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let caFile {
            guard let certificates = try? NIOSSLCertificate.fromPEMFile(caFile), !certificates.isEmpty else {
                throw .caFileUnreadable(path: caFile)
            }
            tls.trustRoots = .certificates(certificates)
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPClientError(tlsError: error)
        }
    }
}
