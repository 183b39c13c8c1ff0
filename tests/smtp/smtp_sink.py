#!/usr/bin/python3
"""A real SMTP server for palabre's tests (aiosmtpd, Debian's python3-aiosmtpd), on 127.0.0.1.

    /usr/bin/python3 tests/smtp/smtp_sink.py DIR [--user NAME --password PASS]

Prints "listening PORT" once it accepts connections, then stores every accepted message as
DIR/N.json (written whole, then renamed into place): the envelope (mail_from, rcpt_tos), the
login used (or null), the raw message, and what Python's standard e-mail parser decodes from it
(subject, from, to, the other headers, the text and HTML parts). So tests check both what went
over the wire and that an ordinary mail reader understands it.

Recipients whose local part starts with "tempfail" are refused with 451 (try again later), with
"permfail" with 550 (no such user): the sender's two kinds of failure. With --user, AUTH is
offered (without TLS: loopback only) and required. Stops on SIGTERM or SIGKILL.
"""
import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import signal
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local.startswith("tempfail"):
            return "451 4.3.0 Mailbox busy, try again later"
        if local.startswith("permfail"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text" and part.get_content_subtype() in ("plain", "html"):
                parts.setdefault(part.get_content_subtype(), part.get_content())
        auth = getattr(session, "auth_data", None)
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login,
            "raw": raw.decode("utf-8", "replace"),
            "subject": str(message.get("Subject", "")),
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "headers": {k: str(v) for k, v in message.items()},
            "content_type": message.get_content_type(),
            "text": parts.get("plain", ""),
            "html": parts.get("html", ""),
        }
        self.count += 1
        path = os.path.join(self.directory, "%d.json" % self.count)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    handler = Sink(args.directory)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        # handled=False: on a refusal aiosmtpd answers 535 itself (its default, True, answers nothing).
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def factory():
        if args.user:
            return SMTP(handler, hostname="palabre-test-smtp", authenticator=authenticate,
                         auth_required=True, auth_require_tls=False)
        return SMTP(handler, hostname="palabre-test-smtp")

    # AUTH without TLS is what these loopback tests want, and aiosmtpd's own deprecation notices
    # say nothing about palabre: its warnings and log lines below errors are not shown.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]
    print("listening %d" % port, flush=True)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.run_forever()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
