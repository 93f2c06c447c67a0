import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Cuts off a client that sends slowly to hold a connection open (slowloris): a request's head
/// must arrive within `head` of the connection opening or of the previous answer, and its body
/// within `body` of its head. The idle timeout alone would not do: one byte every few seconds
/// keeps a connection from ever being idle.
final class RequestDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let head: TimeAmount
    private let body: TimeAmount
    private var timer: Scheduled<Void>?

    init(head: TimeAmount, body: TimeAmount) {
        self.head = head
        self.body = body
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(head, context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(body, context)
        case .end:
            // Read in full: the route takes its time to answer.
            timer?.cancel()
            timer = nil
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(head, context) }
        context.write(data, promise: promise)
    }

    private func arm(_ amount: TimeAmount, _ context: ChannelHandlerContext) {
        timer?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: amount) {
            loopBound.value.close(promise: nil)
        }
    }
}
