"""The counts beside "Moderatie" and "Toegangsverzoeken" in the account menu.

Each is one small COUNT, run only when a page shows the item to a role that sees it, and at
most once per request (the menu's total badge reuses the same numbers).
"""

from __future__ import annotations

from flask import Blueprint, g, has_request_context
from flask_login import current_user

from community.alerts import services

bp = Blueprint("alerts", __name__)


def _memo(name: str, count) -> int:
    cache = g.setdefault("alert_counts", {})
    if name not in cache:
        cache[name] = count()
    return cache[name]


@bp.app_context_processor
def _waiting_for_me() -> dict:
    def moderation_waiting() -> int:
        if not has_request_context() or not current_user.is_authenticated:
            return 0
        if not current_user.is_moderator:
            return 0
        return _memo("moderation", services.open_flag_count)

    def access_requests_waiting() -> int:
        if not has_request_context() or not current_user.is_authenticated:
            return 0
        if not current_user.is_ambassador:
            return 0
        user = current_user._get_current_object()
        return _memo("access_requests", lambda: services.open_access_request_count(user))

    return {
        "moderation_waiting": moderation_waiting,
        "access_requests_waiting": access_requests_waiting,
    }
