"""The signed recipient token that digest mails carry in their links.

Every digest carries one token that opens that recipient's preferences page and unsubscribes them,
without a login. It is signed with SECRET_KEY (itsdangerous), names the kind of recipient and their
id, and carries a short fingerprint of their e-mail address: a token stops working when the address
changes, or when an id is ever reused for someone else. It does not expire, because the unsubscribe
link in an old mail must keep working (RFC 8058).
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

SUBSCRIBER, MEMBER = "subscriber", "member"
_SALT = "digest-recipient"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def fingerprint(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]


def recipient_token(kind: str, recipient_id: int, email: str) -> str:
    return _serializer().dumps([kind[0], recipient_id, fingerprint(email)])


def read_recipient_token(token: str) -> tuple[str, int, str] | None:
    """(kind, id, fingerprint) from a token, or None when it was not made by us."""
    try:
        kind, recipient_id, mark = _serializer().loads(token)
    except (BadData, ValueError, TypeError):
        return None
    kinds = {SUBSCRIBER[0]: SUBSCRIBER, MEMBER[0]: MEMBER}
    if kind not in kinds or not isinstance(recipient_id, int) or not isinstance(mark, str):
        return None
    return kinds[kind], recipient_id, mark
