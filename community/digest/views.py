"""Following by e-mail (/volgen), the links in digest mails, members' digest settings, and the
admin's view of the digest (/beheer/nieuwsbrief)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from community.accounts.permissions import admin_required, member_required
from community.clock import utcnow
from community.digest import forms, links, sending, services, settings
from community.digest.models import DigestRun, Subscriber
from community.digest.runs import run_state
from community.errors import DomainError, apply_to_form, render_error
from community.extensions import csrf, db, limiter
from community.input_guard import to_id
from community.unit_of_work import unit_of_work

bp = Blueprint("digest", __name__)

BAD_LINK = (
    "Deze link klopt niet (meer). Kopieer de hele link uit de mail, of kijk in een nieuwere "
    "nieuwsbrief; daar staat altijd een werkende link in."
)


@bp.app_template_global()
def digest_themes() -> list:
    """The themes for the follow form, read once per request (the macro may be used twice)."""
    if "digest_themes" not in g:
        g.digest_themes = services.all_themes()
    return g.digest_themes


@bp.app_template_global()
def digest_follow_form(theme=None) -> forms.FollowForm:
    """A fresh follow form for the macro in templates/digest/_follow_form.html."""
    form = forms.FollowForm(formdata=None, themes=[theme.id] if theme is not None else [])
    form.set_theme_choices(digest_themes())
    return form


bp.add_app_template_global(services.CONSENT_TEXT, "digest_consent_text")


def _choices(form: forms.DigestChoicesForm) -> services.Preferences:
    """The form's themes and frequency, checked by the service (DomainError on bad input)."""
    return services.chosen_preferences(
        form.frequency.data, bool(form.all_themes.data), form.themes.data or []
    )


def _fill(form: forms.DigestChoicesForm, prefs: services.Preferences) -> None:
    form.frequency.data = prefs.frequency.value
    form.all_themes.data = prefs.all_themes
    form.themes.data = [theme.id for theme in prefs.themes]


@bp.route("/volgen", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["DIGEST_FOLLOW_RATE_LIMIT"], methods=["POST"])
def follow():
    form = forms.FollowForm()
    form.set_theme_choices(digest_themes())
    if request.method == "GET":
        theme_id = request.args.get("thema", type=to_id)
        form.themes.data = [theme_id] if theme_id else []
    if form.validate_on_submit():
        # Check the address and the choices separately, so both messages show at once.
        checks = {
            "email": lambda: services.checked_email(form.email.data),
            "prefs": lambda: _choices(form),
        }
        found = {}
        for name, check in checks.items():
            try:
                found[name] = check()
            except DomainError as error:
                apply_to_form(error, form)
        if len(found) == len(checks):
            services.follow_by_email(found["email"], found["prefs"])
            db.session.commit()
            return redirect(url_for("digest.follow_sent"))
    return render_template("digest/follow.html", form=form, consent=services.CONSENT_TEXT)


@bp.route("/volgen/kijk-in-je-mail")
def follow_sent():
    return render_template("digest/follow_sent.html")


@bp.route("/volgen/bevestigen/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """GET shows a button (mail scanners open links; only a person confirms); POST confirms."""
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        subscriber = services.confirm_subscription(token)
        if subscriber is None:
            db.session.rollback()
            return _already_following(token) or (
                render_template("digest/confirm.html", subscriber=None, form=form),
                400,
            )
        db.session.commit()
        return _confirmed_page("digest/confirmed.html", subscriber)
    subscriber = services.pending_subscriber(token)
    if subscriber is None:
        return _already_following(token) or (
            render_template("digest/confirm.html", subscriber=None, form=form),
            404,
        )
    return render_template("digest/confirm.html", subscriber=subscriber, form=form)


def _confirmed_page(template: str, subscriber: Subscriber) -> str:
    token = services.Addressee(links.SUBSCRIBER, subscriber=subscriber).token
    return render_template(template, subscriber=subscriber, preferences_token=token)


def _already_following(token: str) -> str | None:
    """A used link clicked again: tell them they follow, instead of "this link is broken"."""
    subscriber = services.already_following(token)
    if subscriber is None:
        return None
    return _confirmed_page("digest/already_following.html", subscriber)


@bp.route("/nieuwsbrief/<token>", methods=["GET", "POST"])
def preferences(token: str):
    recipient = services.recipient_from_token(token)
    if recipient is None:
        return render_error(404, BAD_LINK)
    form = forms.DigestChoicesForm()
    form.set_theme_choices(digest_themes())
    if request.method == "GET":
        _fill(form, recipient.preferences())
    if form.validate_on_submit():
        with unit_of_work("Je voorkeuren zijn opgeslagen.", form=form) as work:
            services.update_preferences(recipient, _choices(form))
        if work.ok:
            return redirect(url_for("digest.preferences", token=token))
    return render_template("digest/preferences.html", form=form, recipient=recipient, token=token)


@bp.route("/afmelden/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """RFC 8058 one-click: mail providers POST here without a session or CSRF token.

    GET only shows the button (it never writes); POST unsubscribes at once, for the one
    recipient the signed token names, and answers with a page, never a redirect.
    """
    recipient = services.recipient_from_token(token)
    if recipient is None and services.recipient_is_gone(token):
        # They deleted their data: there is nothing left to unsubscribe, and that is a success.
        return render_template("digest/gone.html")
    if recipient is None:
        return render_error(404 if request.method == "GET" else 400, BAD_LINK)
    if request.method == "POST":
        services.unsubscribe(recipient)
        db.session.commit()
        return render_template("digest/unsubscribed.html", recipient=recipient, token=token)
    return render_template("digest/unsubscribe.html", recipient=recipient, token=token)


@bp.route("/instellingen/nieuwsbrief", methods=["GET", "POST"])
@member_required
def member_settings():
    user = current_user._get_current_object()
    form = forms.MemberDigestForm()
    form.set_theme_choices(digest_themes())
    if request.method == "GET":
        _fill(form, services.Addressee(links.MEMBER, user=user).preferences())
        form.digest_enabled.data = settings.settings_of(user.id).enabled
    if form.validate_on_submit():
        saved = "Je instellingen voor de nieuwsbrief zijn opgeslagen."
        with unit_of_work(saved, form=form) as work:
            services.update_member_settings(user, bool(form.digest_enabled.data), _choices(form))
        if work.ok:
            return redirect(url_for("digest.member_settings"))
    return render_template("digest/member_settings.html", form=form)


# --- Admin -----------------------------------------------------------------------------------


@bp.route("/beheer/nieuwsbrief")
@admin_required
def admin_runs():
    runs = db.session.scalars(
        sa.select(DigestRun).order_by(DigestRun.started_at.desc(), DigestRun.id.desc()).limit(50)
    )
    now = utcnow()
    counts = {
        "confirmed": db.session.scalar(
            sa.select(sa.func.count()).where(
                Subscriber.confirmed_at.is_not(None), Subscriber.unsubscribed_at.is_(None)
            )
        ),
        "waiting": db.session.scalar(
            sa.select(sa.func.count()).where(
                Subscriber.confirmed_at.is_(None), Subscriber.confirm_token_hash.is_not(None)
            )
        ),
    }
    return render_template(
        "digest/admin_runs.html",
        runs=[(run, run_state(run, now)) for run in runs],
        counts=counts,
        form=forms.PeriodForm(request.args),
    )


def _preview_or_error():
    form = forms.PeriodForm(request.args)
    email = (form.email.data or "").strip()
    preview = sending.preview_digest(email, form.frequency()) if email and form.validate() else None
    return form, preview


@bp.route("/beheer/nieuwsbrief/voorbeeld")
@admin_required
def admin_preview():
    form, preview = _preview_or_error()
    status = 200 if preview or not form.email.data else 404
    return render_template("digest/admin_preview.html", form=form, preview=preview), status


@bp.route("/beheer/nieuwsbrief/voorbeeld/mail")
@admin_required
def admin_preview_mail():
    """The HTML part alone, for the preview's iframe: a mail's inline styles need their own CSP."""
    _form, preview = _preview_or_error()
    if preview is None:
        return render_error(404)
    response = current_app.response_class(preview.rendered.html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@bp.route("/beheer/nieuwsbrief/test", methods=["POST"])
@admin_required
def admin_test():
    form = forms.PeriodForm(request.form)
    preview = sending.preview_digest((form.email.data or "").strip(), form.frequency())
    if preview is None:
        flash("Voor dat e-mailadres is er geen ontvanger; er is niets verstuurd.", "error")
        return redirect(url_for("digest.admin_runs"))
    sending.send_test(current_user._get_current_object(), preview)
    db.session.commit()
    flash(f"De test is verstuurd naar {current_user.email}.", "success")
    return redirect(
        url_for("digest.admin_preview", email=preview.recipient.email, period=preview.period.value)
    )
