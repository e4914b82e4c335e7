"""The "Meldingen" page, and the unread count in the header of every page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from community.accounts.permissions import member_required
from community.extensions import db
from community.input_guard import page_number
from community.notifications import services
from community.notifications.models import NotificationKind
from community.posts.models import Post
from community.posts.queries import can_view
from community.urls import post_url

bp = Blueprint("notifications", __name__)

PER_PAGE = 30


class UnreadCount:
    """The header's unread count, counted (one COUNT query) only when a page shows it."""

    def __init__(self, user):
        self._user = user
        self._value: int | None = None

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = services.unread_count(self._user)
        return self._value

    def __bool__(self) -> bool:
        return self.value > 0

    def __int__(self) -> int:
        return self.value

    def __str__(self) -> str:
        return str(self.value)

    def __html__(self) -> str:
        return str(self.value)


@bp.app_context_processor
def _unread_notifications() -> dict:
    if not has_request_context() or not getattr(current_user, "is_authenticated", False):
        return {"unread_notifications": 0}
    return {"unread_notifications": UnreadCount(current_user._get_current_object())}


@bp.route("/meldingen")
@member_required
def index():
    page = request.args.get("pagina", 1, type=page_number)
    pagination = db.paginate(
        services.for_user(current_user), page=page, per_page=PER_PAGE, error_out=False
    )
    return render_template("notifications/index.html", pagination=pagination, can_view=can_view)


@bp.route("/meldingen/gelezen", methods=["POST"])
@member_required
def mark_all_read():
    count = services.mark_all_read(current_user._get_current_object())
    db.session.commit()
    flash(
        "Alle meldingen zijn gelezen." if count else "Je had geen ongelezen meldingen.", "success"
    )
    return redirect(url_for("notifications.index"))


@bp.route("/meldingen/<int:notification_id>", methods=["POST"], endpoint="open")
@member_required
def open_notification(notification_id: int):
    """Mark one notification read and go to what it is about."""
    notification = services.mark_read(current_user._get_current_object(), notification_id)
    if notification is None:
        abort(404)
    post_id, reply_id = notification.post_id, notification.reply_id
    kind, actor_id = notification.kind, notification.actor_id
    support_request_id = notification.support_request_id
    db.session.commit()
    elsewhere = _destination(kind, actor_id, support_request_id)
    if elsewhere is not None:
        return redirect(elsewhere)
    post = db.session.get(Post, post_id) if post_id else None
    if post is None or not can_view(current_user, post):
        flash("Dit bericht is er niet meer.", "info")
        return redirect(url_for("notifications.index"))
    return redirect(post_url(post) + (f"#reactie-{reply_id}" if reply_id else ""))


SUPPORT_KINDS = (NotificationKind.SUPPORT_OFFERED, NotificationKind.SUPPORT_ESCALATED)


def _destination(
    kind: NotificationKind, actor_id: int | None, support_request_id: int | None
) -> str | None:
    """Alerts lead to where the work is, not to a post."""
    if kind in SUPPORT_KINDS:
        # The request's page decides who may open it (the ambassadors it was offered to,
        # moderators); the notification went only to them.
        return url_for("support.detail", request_id=support_request_id)
    if kind is NotificationKind.ACCESS_REQUESTED:
        return url_for("invites.requests")
    if kind is NotificationKind.FLAG_RAISED and current_user.is_moderator:
        return url_for("moderation.queue")
    if kind is NotificationKind.COLLEAGUE_JOINED:
        return (
            url_for("accounts.member", user_id=actor_id) if actor_id else url_for("invites.network")
        )
    return None


@bp.route("/meldingen/e-mail", methods=["POST"])
@member_required
def email_preference():
    enabled = request.form.get("notify_by_email") == "aan"
    services.set_email_preference(current_user._get_current_object(), enabled)
    db.session.commit()
    flash(
        "Je krijgt weer een e-mail bij nieuwe antwoorden."
        if enabled
        else "Je krijgt geen e-mail meer bij nieuwe antwoorden. Je meldingen blijven hier staan.",
        "success",
    )
    return redirect(url_for("notifications.index"))
