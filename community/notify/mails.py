"""Notification mails with a one-click off for their kind (RFC 8058), and the kinds turned off.

Every notification mail carries `List-Unsubscribe: <…/meldingen/uit/<token>>` and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The token is signed like the newsletter's
(community.digest.links): it names the member, the kind, and a fingerprint of their address, so
it stops working when the address changes, and never expires (an old mail's link must work).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

from community import mail
from community.accounts.models import User
from community.database import insert_if_absent
from community.digest.links import fingerprint
from community.extensions import db
from community.notify.models import MailKind, MailOptOut
from community.urls import absolute_url

_SALT = "notification-kind-off"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def off_token(user: User, kind: MailKind) -> str:
    return _serializer().dumps([user.id, kind.value, fingerprint(user.email)])


def read_off_token(token: str) -> tuple[User, MailKind] | None:
    """The member and kind a one-click link names; None for a forged, stale or foreign token."""
    try:
        user_id, kind_value, mark = _serializer().loads(token)
        kind = MailKind(kind_value)
    except (BadData, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(mark, str):
        return None
    user = db.session.get(User, user_id)
    if user is None or user.deleted_at is not None or fingerprint(user.email) != mark:
        return None
    return user, kind


def off_url(user: User, kind: MailKind) -> str:
    return absolute_url("notify.off", token=off_token(user, kind))


def build(user: User, kind: MailKind, subject: str, template: str, **context):
    """A notification mail to `user` with the one-click off for `kind` in header and footer."""
    link = off_url(user, kind)
    headers = dict(context.pop("headers", None) or {})
    headers["List-Unsubscribe"] = f"<{link}>"
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    context.setdefault("settings_link", absolute_url("accounts.settings", anchor="welke-e-mails"))
    return mail.build_message(
        user.email,
        subject,
        template,
        headers=headers,
        recipient=user,
        off_link=link,
        kind_label=kind.label,
        **context,
    )


# Kinds turned off ------------------------------------------------------------------------------


def turned_off(user_ids: Iterable[int], kind: MailKind) -> set[int]:
    """Of these members, who turned this kind off (one query for any number)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(MailOptOut.user_id).where(
                MailOptOut.kind == kind, MailOptOut.user_id.in_(ids)
            )
        )
    )


def kinds_off(user: User) -> set[MailKind]:
    return set(db.session.scalars(sa.select(MailOptOut.kind).where(MailOptOut.user_id == user.id)))


def wants(user: User, kind: MailKind) -> bool:
    """Does `user` get mail of this kind? (the general mail switch and the kind's own)."""
    return bool(
        user.notify_by_email and user.is_active and user.id not in turned_off([user.id], kind)
    )


def set_kind(user: User, kind: MailKind, on: bool) -> bool:
    """Turn one kind on or off; answers whether it changed. Repeating is harmless."""
    if on:
        result = db.session.execute(
            sa.delete(MailOptOut).where(MailOptOut.user_id == user.id, MailOptOut.kind == kind)
        )
        return bool(result.rowcount)
    return insert_if_absent(db.session, MailOptOut, user_id=user.id, kind=kind)


def set_kinds(user: User, on: Iterable[MailKind]) -> None:
    """The settings page: exactly the kinds in `on` are on."""
    on = set(on)
    for kind in MailKind:
        set_kind(user, kind, kind in on)
    db.session.flush()
