"""Small helpers shared by the invitation tests."""

from __future__ import annotations

import re
from email.message import EmailMessage

import sqlalchemy as sa

from community.accounts.models import User
from community.extensions import db
from community.invites.models import AccessRequest, Invitation

LINK_RE = re.compile(r"https?://[^\s\"<>]+/uitnodiging/[A-Za-z0-9_\-]+")


def row_counts() -> dict[str, int]:
    """How many users, invitations and access requests exist: 'nothing changed' made checkable."""
    db.session.expire_all()
    return {
        model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Invitation, AccessRequest)
    }


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message: EmailMessage) -> str:
    links = set(LINK_RE.findall(text_of(message)))
    assert len(links) == 1, links
    return links.pop()
