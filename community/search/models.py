"""The search outbox: an append-only log of posts whose index document must change.

Rows are written in the same transaction as the change (see outbox.py), so the log holds
exactly the committed changes. Every index copy remembers the last log id it applied and
registers its progress in `search_index_state`; rows every registered copy has passed (or older
than the retention) are pruned.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class OutboxAction(enum.Enum):
    UPSERT = "upsert"
    DELETE = "delete"


class SearchOutbox(db.Model):
    __tablename__ = "search_outbox"
    # AUTOINCREMENT on SQLite: ids are never reused, even after the table was pruned empty.
    __table_args__ = {"sqlite_autoincrement": True, "info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True
    )
    # No foreign key: a row must outlive the post it reports deleted.
    post_id: Mapped[int] = mapped_column(sa.Integer)
    action: Mapped[OutboxAction] = mapped_column(enum_type(OutboxAction))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SearchOutbox {self.id} {self.action.value} post {self.post_id}>"


class SearchIndexState(db.Model):
    """One row per index copy (per host and folder): how far it has followed the log."""

    __tablename__ = "search_index_state"
    __table_args__ = {"info": {"shown_on_pages": False}}

    name: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    last_applied_id: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchIndexState {self.name} at {self.last_applied_id}>"


class SearchSynonym(db.Model):
    """A group of words that mean the same, added by a moderator on top of synonyms.txt.

    `terms` keeps the group as typed: "BOA = buitengewoon opsporingsambtenaar".
    """

    __tablename__ = "search_synonyms"
    # AUTOINCREMENT on SQLite: a removed group's id is never given to a new one.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    terms: Mapped[str] = mapped_column(sa.String(500))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchSynonym {self.id} {self.terms!r}>"


class SearchSynonymVersion(db.Model):
    """One row whose value changes with every change of search_synonyms, in the same commit:
    each host compares it with the version it loaded before a search (synonyms.current())."""

    __tablename__ = "search_synonym_version"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)
