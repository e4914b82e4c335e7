"""Random tokens for links in mails: only the SHA-256 of a token is ever stored.

A token in a link is worth as much as a password for a short while. Storing only its hash means a
database leak does not hand out working links; comparing hashes avoids timing leaks too.
"""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """Return (token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
