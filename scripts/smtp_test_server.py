#!/usr/bin/python3
"""A real SMTP server (aiosmtpd) for HandoutMail's tests and benchmark.

Run it with Debian's /usr/bin/python3 (package python3-aiosmtpd). It listens on
127.0.0.1, prints "READY <port>" on standard output once it accepts connections,
and writes every accepted message to --maildir as NNNNNN.eml plus NNNNNN.json
(the envelope). --maildir/events.log gets one line per AUTH, MAIL and DATA
command it sees (the verb only), so a test can prove that nothing was sent.

Failure modes for tests:
  --die-after N --die-mode after-data   save message N, then exit at once, before
                                        replying to the final "." (the client
                                        cannot know whether it was delivered)
  --die-after N --die-mode before-data-end
                                        accept N messages, then exit at once when
                                        the client sends the next DATA command
  --defer-first N --defer-at rcpt|data  answer 451 to the first N RCPT (or DATA)
  --reject ADDRESS                      answer 550 to RCPT TO:<ADDRESS>, quoting it
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--host", default="127.0.0.1")
    tls = p.add_mutually_exclusive_group()
    tls.add_argument("--starttls", dest="mode", action="store_const", const="starttls")
    tls.add_argument("--no-starttls", dest="mode", action="store_const", const="plain")
    tls.add_argument("--implicit-tls", dest="mode", action="store_const", const="implicit")
    p.set_defaults(mode="starttls")
    p.add_argument("--cert", help="server certificate chain (PEM)")
    p.add_argument("--key", help="server private key (PEM)")
    p.add_argument("--auth", help="user:password; AUTH becomes required")
    p.add_argument("--maildir", required=True)
    p.add_argument("--die-after", type=int, default=0)
    p.add_argument("--die-mode", choices=["after-data", "before-data-end"], default="after-data")
    p.add_argument("--defer-first", type=int, default=0)
    p.add_argument("--defer-at", choices=["rcpt", "data"], default="rcpt")
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--size-limit", type=int, default=33554432)
    return p.parse_args()


class State:
    def __init__(self, args):
        self.args = args
        self.received = 0
        self.deferred = 0
        os.makedirs(args.maildir, exist_ok=True)
        self.events = open(os.path.join(args.maildir, "events.log"), "a", buffering=1)

    def event(self, verb):
        self.events.write(verb + "\n")
        self.events.flush()
        os.fsync(self.events.fileno())

    def should_defer(self, stage):
        if self.args.defer_at == stage and self.deferred < self.args.defer_first:
            self.deferred += 1
            return True
        return False


class Handler:
    def __init__(self, state):
        self.state = state

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.state.event("MAIL")
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in (a.lower() for a in self.state.args.reject):
            # As Postfix says it: the refused address quoted back.
            return "550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable" % address
        if self.state.should_defer("rcpt"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.state.should_defer("data"):
            return "451 4.3.0 try again later"
        st = self.state
        st.received += 1
        base = os.path.join(st.args.maildir, "%06d" % st.received)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "mail_options": envelope.mail_options, "tls": session.ssl is not None,
                       "authenticated": bool(session.authenticated)}, f)
            f.flush()
            os.fsync(f.fileno())
        if st.args.die_after and st.args.die_mode == "after-data" and st.received >= st.args.die_after:
            os._exit(17)
        return "250 2.0.0 OK queued"


class TestSMTP(SMTP):
    async def smtp_DATA(self, arg):
        st = self.event_handler.state
        st.event("DATA")
        if st.args.die_after and st.args.die_mode == "before-data-end" and st.received >= st.args.die_after:
            os._exit(18)
        return await super().smtp_DATA(arg)


def make_authenticator(state, user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        state.event("AUTH")
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user and auth_data.password.decode() == password)
        # handled=False: aiosmtpd then answers a failure with 535 (by default it answers nothing).
        return AuthResult(success=ok, handled=False)
    return authenticate


async def main():
    # The parent may have started us with signals blocked; make SIGTERM end us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    try:  # Linux: end with the test process that started us, even if it crashes.
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    args = parse_args()
    state = State(args)
    handler = Handler(state)
    context = None
    if args.mode in ("starttls", "implicit"):
        if not (args.cert and args.key):
            sys.exit("--cert and --key are required for TLS modes")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    kwargs = {"data_size_limit": args.size_limit, "hostname": "localhost"}
    if args.auth:
        user, password = args.auth.split(":", 1)
        kwargs.update(authenticator=make_authenticator(state, user, password),
                      auth_required=True,
                      # aiosmtpd cannot see TLS set up by the listener (implicit mode).
                      auth_require_tls=args.mode != "implicit")
    if args.mode == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: TestSMTP(handler, loop=loop, **kwargs), args.host, args.port,
        ssl=context if args.mode == "implicit" else None)
    port = server.sockets[0].getsockname()[1]
    print("READY %d" % port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
