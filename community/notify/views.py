"""Choosing how you hear about what you follow, which mails you get, and the one-click off."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from community.accounts.permissions import member_required
from community.accounts.views import safe_next
from community.errors import render_error
from community.extensions import csrf, db
from community.follows.models import DELIVERY_LABELS, Delivery, Follow
from community.input_guard import to_id
from community.notify import mails, services
from community.notify.models import DECIDERS_KINDS, MailKind
from community.organisations.models import Organisation
from community.themes.models import Theme
from community.unit_of_work import unit_of_work

bp = Blueprint("notify", __name__)

BAD_LINK = (
    "Deze link werkt niet (meer). Zet je meldingen aan of uit bij je instellingen, "
    "nadat je bent ingelogd."
)
CHOICES = [(delivery.value, DELIVERY_LABELS[delivery]) for delivery in Delivery]
HINTS = {
    Delivery.DIRECT: "een e-mail bij elke nieuwe vraag (hoogstens één per tien minuten)",
    Delivery.DAILY: "één samenvatting per dag, ’s ochtends",
    Delivery.DIGEST: "alleen in de nieuwsbrief",
    Delivery.SITE: "een melding op de site, geen e-mail",
}


def _delivery(value: str | None) -> Delivery | None:
    try:
        return Delivery(value or "")
    except ValueError:
        return None


@bp.app_template_global()
def delivery_hints() -> dict:
    return {"choices": list(Delivery), "labels": DELIVERY_LABELS, "hints": HINTS}


@bp.app_template_global()
def notification_settings(user) -> dict:
    """What the settings page shows: every kind of mail with on/off, and each follow's choice."""
    follows = db.session.scalars(
        sa.select(Follow)
        .where(Follow.user_id == user.id, Follow.post_id.is_(None))
        .order_by(Follow.created_at)
    ).all()
    names = _names(follows)
    off = mails.kinds_off(user)
    return {
        "kinds": [
            (kind, kind not in off)
            for kind in MailKind
            if kind not in DECIDERS_KINDS or user.is_ambassador or user.is_moderator
        ],
        "follows": [(follow, names[follow.id]) for follow in follows if follow.id in names],
    }


def _names(follows: list[Follow]) -> dict[int, str]:
    theme_ids = [f.theme_id for f in follows if f.theme_id]
    org_ids = [f.organisation_id for f in follows if f.organisation_id]
    themes = dict(
        db.session.execute(sa.select(Theme.id, Theme.name).where(Theme.id.in_(theme_ids))).all()
        if theme_ids
        else []
    )
    orgs = dict(
        db.session.execute(
            sa.select(Organisation.id, Organisation.name).where(Organisation.id.in_(org_ids))
        ).all()
        if org_ids
        else []
    )
    names = {}
    for follow in follows:
        if follow.theme_id in themes:
            names[follow.id] = f"Thema {themes[follow.theme_id]}"
        elif follow.organisation_id in orgs:
            names[follow.id] = orgs[follow.organisation_id]
    return names


@bp.route("/ik-volg/<int:follow_id>/meldingen", methods=["POST"])
@member_required
def choose(follow_id: int):
    """One follow's choice, from "Wat je volgt" (a form per theme or organisation)."""
    delivery = _delivery(request.form.get("delivery"))
    back = safe_next(request.form.get("next"), url_for("follows.index"))
    if delivery is None:
        flash("Kies hoe je het wilt horen.", "error")
        return redirect(back)
    with unit_of_work(f"Bewaard: je koos ‘{DELIVERY_LABELS[delivery]}’, {HINTS[delivery]}."):
        services.choose_delivery(current_user._get_current_object(), follow_id, delivery)
    return redirect(back)


@bp.route("/instellingen/meldingen", methods=["POST"])
@member_required
def settings():
    """The settings page's one form: every kind of mail on or off, and every follow's choice."""
    user = current_user._get_current_object()
    on = {kind for kind in MailKind if request.form.get(f"kind-{kind.value}") == "aan"}
    choices = {}
    for name, value in request.form.items():
        if name.startswith("delivery-"):
            follow_id, delivery = to_id(name.removeprefix("delivery-")), _delivery(value)
            if follow_id is None or delivery is None:
                return render_error(400)
            choices[follow_id] = delivery
    with unit_of_work("Je meldingen zijn bewaard."):
        mails.set_kinds(user, on)
        if choices:
            services.choose_deliveries(user, choices)
    return redirect(url_for("accounts.settings", _anchor="welke-e-mails"))


@bp.route("/meldingen/uit/<token>", methods=["GET", "POST"])
@csrf.exempt
def off(token: str):
    """RFC 8058 one-click: mail providers POST here without a session or CSRF token.

    GET only shows the button (it never writes); POST turns off the one kind for the one member
    the signed token names, and answers with a page, never a redirect.
    """
    found = mails.read_off_token(token)
    if found is None:
        return render_error(404 if request.method == "GET" else 400, BAD_LINK)
    user, kind = found
    if request.method == "POST":
        mails.set_kind(user, kind, False)
        db.session.commit()
        return render_template("notify/off_done.html", kind=kind, user=user)
    already = user.id in mails.turned_off([user.id], kind)
    return render_template("notify/off.html", kind=kind, user=user, token=token, already=already)
