"""All outgoing mail: rendered from a .txt and an .html template, sent by SMTP or to a folder.

Mail about a change is queued on the database session and sent only after the commit succeeds, so
a rolled-back action never mails anyone. Without MAIL_SERVER, messages are written as .eml files to
instance/outbox/ so a fresh install works offline. Bulk senders (the digest) open one transport and
reuse its connection.
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

from flask import Flask, current_app, render_template
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from community.formatting import AMSTERDAM

log = logging.getLogger(__name__)

QUEUE_KEY = "outgoing_mail"
MARKS_KEY = "outgoing_mail_savepoints"
FAILURE_KEY = "outgoing_mail_on_failure"

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

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None

    def _write_to_outbox(self, message: EmailMessage) -> None:
        outbox = Path(self.config["MAIL_OUTBOX_DIR"])
        outbox.mkdir(parents=True, exist_ok=True)
        name = (
            f"{formatdate(usegmt=True)[5:25].replace(' ', '-').replace(':', '')}"
            f"-{uuid.uuid4().hex[:8]}.eml"
        )
        (outbox / name).write_bytes(bytes(message))
        log.info("Mail to %s written to %s", message["To"], outbox / name)


def send_now(*messages: EmailMessage) -> None:
    with MailTransport() as transport:
        for message in messages:
            transport.send(message)


def queue(
    session: Session,
    message: EmailMessage,
    *,
    on_failure: Callable[[str], None] | None = None,
) -> None:
    """Send `message` once the session's transaction commits; drop it on rollback.

    Savepoints (`session.begin_nested()`) keep to that: releasing one sends nothing yet, and
    rolling one back drops only the mail queued inside it.

    `on_failure(error_text)` runs when the mail server did not take the message. It runs after
    the commit, outside the session's transaction: to record the failure it writes on its own
    connection (`db.engine.begin()`), and the caller sees it once the committed objects reload.
    """
    session.info.setdefault(QUEUE_KEY, []).append(message)
    if on_failure is not None:
        session.info.setdefault(FAILURE_KEY, {})[id(message)] = on_failure


# SQLAlchemy reports a savepoint's release as a commit and its rollback as a rollback. Each
# savepoint remembers how long the queue was when it began, so its rollback can cut off its mail.


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks = session.info.setdefault(MARKS_KEY, {})
        marks[transaction] = len(session.info.get(QUEUE_KEY, ()))


@event.listens_for(Session, "after_commit")
def _send_queued(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: wait for the real commit
        session.info.get(MARKS_KEY, {}).pop(session.get_nested_transaction(), None)
        return
    messages = session.info.pop(QUEUE_KEY, [])
    on_failure = session.info.pop(FAILURE_KEY, {})
    if not messages:
        return
    app = current_app._get_current_object()
    with MailTransport(app.config) as transport:
        for message in messages:
            try:
                transport.send(message)
            except (smtplib.SMTPException, OSError) as error:
                # The change is committed; the mail can be resent from the site. Never a 500.
                log.exception("Could not send mail to %s", message["To"])
                handler = on_failure.get(id(message))
                if handler is not None:
                    _report_failure(handler, f"{type(error).__name__}: {error}")


def _report_failure(handler: Callable[[str], None], error: str) -> None:
    try:
        handler(error)
    except Exception:  # recording the failure must not turn a committed action into a 500
        log.exception("Could not record a failed mail")


@event.listens_for(Session, "after_soft_rollback")
def _drop_savepoints_mail(session: Session, transaction: SessionTransaction) -> None:
    mark = session.info.get(MARKS_KEY, {}).pop(transaction, None)
    if mark is not None:
        dropped = session.info.get(QUEUE_KEY, [])
        handlers = session.info.get(FAILURE_KEY, {})
        for message in dropped[mark:]:
            handlers.pop(id(message), None)
        del dropped[mark:]


@event.listens_for(Session, "after_transaction_end")
def _drop_unsent(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction is over: its mail went out on commit, or must not go at all."""
    if transaction.parent is None:
        session.info.pop(QUEUE_KEY, None)
        session.info.pop(MARKS_KEY, None)
        session.info.pop(FAILURE_KEY, None)


def init_app(app: Flask) -> None:
    app.extensions["mail"] = True
