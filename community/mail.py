"""All outgoing mail: rendered from a .txt and an .html template, sent by SMTP or to a folder.

Mail about a change is written to the outbox table in the change's own transaction and delivered
by a background job after the commit (community/mail_outbox.py), so a rolled-back action never
mails anyone and no request waits for the mail server. Without MAIL_SERVER, messages are written
as .eml files to instance/outbox/ so a fresh install works offline. Bulk senders (the digest)
open one transport and reuse its connection.
"""

from __future__ import annotations

import contextlib
import logging
import re
import smtplib
import uuid
from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import NamedTuple

from flask import Flask, current_app, render_template
from sqlalchemy.orm import Session

from community.formatting import AMSTERDAM

log = logging.getLogger(__name__)

# Headers that machines read as lists of <URI>s or fixed tokens (RFC 2369, RFC 8058, RFC 2919).
# The default policy RFC 2047-encodes any word too long for a 78-character line, which turns
# `<https://…>` into `=?utf-8?q?=3Chttps=3A//…` and breaks one-click unsubscribe.
VERBATIM_HEADERS = frozenset(
    {"list-unsubscribe", "list-unsubscribe-post", "list-id", "list-help", "list-post"}
)
MAX_LINE = 998  # RFC 5322 2.1.1: a line is never longer than this, folded or not


class MailPolicy(EmailPolicy):
    """The default policy, except that VERBATIM_HEADERS are folded only between their entries."""

    def fold(self, name, value):
        verbatim = self._verbatim(name, value)
        return super().fold(name, value) if verbatim is None else verbatim

    def fold_binary(self, name, value):
        verbatim = self._verbatim(name, value)
        return super().fold_binary(name, value) if verbatim is None else verbatim.encode("ascii")

    def _verbatim(self, name: str, value) -> str | None:
        text = str(value)
        if name.lower() not in VERBATIM_HEADERS or not text.isascii() or set(text) & {"\r", "\n"}:
            return None
        folded = _fold_between_entries(name, text, self.max_line_length or 78)
        if folded is None:
            log.warning("%s header too long to send unencoded: %.80s…", name, text)
            return None
        return self.linesep.join(folded) + self.linesep


def _fold_between_entries(name: str, text: str, width: int) -> list[str] | None:
    """`Name: <a>, <b>` on one line if it fits in `width`, else one entry per folded line.

    None when an entry is longer than a line may ever be (then only encoding can fold it).
    """
    entries = text.split(", ")
    lines = [f"{name}: {entries[0]}"]
    for entry in entries[1:]:
        if len(lines[-1]) + 2 + len(entry) <= width:
            lines[-1] += f", {entry}"
        else:
            lines[-1] += ","
            lines.append(f" {entry}")
    return None if any(len(line) > MAX_LINE for line in lines) else lines


POLICY = MailPolicy()


def new_message() -> EmailMessage:
    """An empty message with our policy and a `Date` in Amsterdam time with its real offset."""
    message = EmailMessage(policy=POLICY)
    message["Date"] = format_datetime(datetime.now(AMSTERDAM))
    return message


_HEADER_BREAKERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def header_safe(value: str) -> str:
    """One line for a mail header: a name with a newline (stored before names were checked)
    would make the email package refuse the whole message, or start a header of its own."""
    return " ".join(_HEADER_BREAKERS.sub(" ", value).split())


def build_message(
    to: str,
    subject: str,
    template: str,
    *,
    sender: str | None = None,
    headers: dict[str, str] | None = None,
    **context,
) -> EmailMessage:
    """Render templates/mail/<template>.txt and .html into one multipart/alternative message."""
    config = current_app.config
    context.setdefault("site_url", config["SITE_URL"])
    context.setdefault("site_name", config["SITE_NAME"])
    context.setdefault("subject", subject)
    message = new_message()
    message["Subject"] = header_safe(subject)
    message["From"] = header_safe(sender or config["MAIL_FROM"])
    message["To"] = header_safe(to)
    domain = parseaddr(message["From"])[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    # Sent by the site, not written by a person: out-of-office replies stay away (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    for name, value in (headers or {}).items():
        message[name] = header_safe(value)
    message.set_content(render_template(f"mail/{template}.txt", **context))
    message.add_alternative(render_template(f"mail/{template}.html", **context), subtype="html")
    return message


class MailTransport:
    """One connection for many messages; reconnects after a failure. Use as a context manager."""

    def __init__(self, config=None):
        self.config = config or current_app.config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> MailTransport:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @property
    def uses_smtp(self) -> bool:
        return bool(self.config.get("MAIL_SERVER"))

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        smtp = smtplib.SMTP(
            config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
        )
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Send one message; raises on failure after dropping the broken connection."""
        if not self.uses_smtp:
            self._write_to_outbox(message)
            return
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(message)
        except (smtplib.SMTPException, OSError):
            self.close()
            raise

    def send_raw(self, sender: str, recipients: list[str], raw: bytes) -> None:
        """Send bytes made by `mail_outbox.wire_bytes` exactly as they are; raises on failure."""
        if not self.uses_smtp:  # a local file gets the platform's line ends, as before
            self._write_bytes(raw.replace(b"\r\n", b"\n"), ", ".join(recipients))
            return
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.sendmail(sender, recipients, raw)
        except (smtplib.SMTPException, OSError):
            self.close()
            raise

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None

    def _write_to_outbox(self, message: EmailMessage) -> None:
        self._write_bytes(bytes(message), message["To"])

    def _write_bytes(self, raw: bytes, to: str) -> None:
        outbox = Path(self.config["MAIL_OUTBOX_DIR"])
        outbox.mkdir(parents=True, exist_ok=True)
        name = (
            f"{formatdate(usegmt=True)[5:25].replace(' ', '-').replace(':', '')}"
            f"-{uuid.uuid4().hex[:8]}.eml"
        )
        (outbox / name).write_bytes(raw)
        log.info("Mail to %s written to %s", to, outbox / name)


class FailureRef(NamedTuple):
    """Which registered failure handler to call, and with what (an id), after the last attempt."""

    handler: str
    ref: str


_failure_handlers: dict[str, Callable[[str, str], None]] = {}


def failure_handler(name: str):
    """Register `func(ref, error_text)` under `name`; `func.ref(value)` makes its FailureRef.

    A handler is named, not passed as a closure, because it runs later in the worker: the name
    and the reference are stored with the mail (community/mail_outbox.py).
    """

    def decorate(func: Callable[[str, str], None]):
        _failure_handlers[name] = func
        func.ref = lambda value: FailureRef(name, str(value))
        return func

    return decorate


def run_failure_handler(name: str, ref: str, error: str) -> None:
    handler = _failure_handlers.get(name)
    if handler is None:
        log.error("No mail failure handler %r (ref %s): %s", name, ref, error)
        return
    try:
        handler(ref, error)
    except Exception:  # recording the failure must not break the worker's loop
        log.exception("Could not record a failed mail")


def queue(session: Session, message: EmailMessage, *, on_failure: FailureRef | None = None) -> None:
    """Send `message` once the session's transaction commits; drop it on rollback.

    The message is written to the `outgoing_mails` outbox in the same transaction, and a job
    delivers it after the commit (community/mail_outbox.py): the request never waits for the
    mail server, a failed attempt is retried, and a restarted worker picks up what was left.
    Savepoints keep to that: a rolled-back savepoint drops only the mail queued inside it.

    `on_failure` (from a handler registered with `failure_handler`) runs in the worker after the
    last attempt failed, to record it (invitations show "niet verstuurd").
    """
    from community import mail_outbox

    handler, ref = on_failure if on_failure is not None else ("", "")
    mail_outbox.add(session, message, handler=handler, ref=ref)


def init_app(app: Flask) -> None:
    app.extensions["mail"] = True
