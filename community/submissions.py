"""One form submission makes at most one thing.

A double click on "plaatsen", a reload that posts again, or a form sent from two tabs sends the
same filled form twice, often at the same moment to two workers. Every form that creates
something carries a one-time key in a hidden field (`OnceForm`); `once()` claims the key in the
same transaction that creates the thing and records what it made. A second submission of that
form finds the claim and gets the first one's thing back, to redirect to, instead of making a
second. The claim is an INSERT on a unique key, so on PostgreSQL the second request waits for the
first one's commit (and creates after all if the first one rolled back); on SQLite write
transactions take turns anyway.

Only the SHA-256 of the member's id and the key is stored, with what it made ("posts:12"): the
table links nobody to anything without the key, which only the member's browser has.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from flask_wtf import FlaskForm
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from community.clock import utcnow
from community.database import insert_if_absent
from community.db_types import UTCDateTime
from community.extensions import db
from community.tokens import hash_token

T = TypeVar("T")
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class FormSubmission(db.Model):
    """A form that was sent, by the hash of its one-time key, and what it made."""

    __tablename__ = "form_submissions"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # "<table>:<id>" of what the submission created; set in the same transaction as the claim.
    made: Mapped[str | None] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def new_key() -> str:
    return secrets.token_urlsafe(24)


class OnceForm(FlaskForm):
    """A form that creates something: `form.hidden_tag()` renders its one-time key.

    A form shown again (an error to fix, a preview) keeps the key it was sent with; a freshly
    opened form gets a new one.
    """

    submission_key = HiddenField(default=new_key)


def once(user_id: int, key: Any, create: Callable[[], T]) -> tuple[T, bool]:
    """Run `create` for this form submission unless it ran already; answers (thing, created).

    Flushes, never commits: the claim belongs to the caller's transaction, so if that rolls
    back, the form can be sent again. A submission without a well-formed key (a page from before
    keys existed) just creates.
    """
    if not isinstance(key, str) or not KEY_RE.match(key):
        return create(), True
    key_hash = hash_token(f"{user_id}:{key}")
    if not insert_if_absent(db.session, FormSubmission, key_hash=key_hash, created_at=utcnow()):
        earlier = _load(
            db.session.scalar(
                sa.select(FormSubmission.made).where(FormSubmission.key_hash == key_hash)
            )
        )
        if earlier is not None:
            return earlier, False
        # What it made is gone (or it made nothing): this submission may make it again.
    thing = create()
    db.session.flush()
    db.session.execute(
        sa.update(FormSubmission)
        .where(FormSubmission.key_hash == key_hash)
        .values(made=_reference(thing))
        .execution_options(synchronize_session=False)
    )
    return thing, True


def _reference(thing: Any) -> str:
    state = sa.inspect(thing)
    (identity,) = state.identity
    return f"{state.mapper.local_table.name}:{identity}"


def _load(reference: str | None) -> Any:
    if not reference:
        return None
    table, _, identity = reference.partition(":")
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name == table:
            return db.session.get(mapper.class_, int(identity))
    return None
