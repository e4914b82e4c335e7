"""Random tokens for links in mails: only the SHA-256 of a token is ever stored.

A token in a link is worth as much as a password for a short while. Storing only its hash means a
database leak does not hand out working links; comparing hashes avoids timing leaks too.
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa


def new_token() -> tuple[str, str]:
    """Return (token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def use_once(model, token: str, now, *criteria) -> bool:
    """Mark the still-open row of `token` used (`model` has token_hash, used_at, expires_at).

    One UPDATE whose row count decides: of two clicks on the same link, exactly one gets True.
    """
    from community.extensions import db

    result = db.session.execute(
        sa.update(model)
        .where(
            model.token_hash == hash_token(token),
            model.used_at.is_(None),
            model.expires_at > now,
            *criteria,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
