"""Logging in and out, password reset, the member's own profile and settings.

Views stay thin: parse the form, call a service, commit once, flash, redirect.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from wtforms import SelectChoice

from community.accounts import login_limits, password_reset, services, sessions
from community.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    SettingsForm,
)
from community.accounts.models import User
from community.accounts.permissions import member_required
from community.colleagues import services as colleagues
from community.extensions import db, limiter
from community.input_guard import is_single_line
from community.unit_of_work import Work, unit_of_work

bp = Blueprint("accounts", __name__)

RESET_SENT = (
    "Als er een account bij dit e-mailadres hoort, staat er nu een e-mail voor je klaar met een "
    "link om een nieuw wachtwoord te kiezen. De link werkt één uur. Niets ontvangen? Kijk ook even "
    "in je spammap."
)


def safe_next(target: str | None, default: str) -> str:
    """Only follow `next` to a path on this site."""
    if not target or not is_single_line(target):
        return default
    try:
        parts = urlsplit(target)
    except ValueError:
        return default
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def log_in(user: User, *, remember: bool = False) -> None:
    """Open a server-side log-in for `user`, commit, and set the cookies that carry its key."""
    sessions.open_session(user)
    db.session.commit()
    login_user(user, remember=remember)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    """Failed attempts are counted per account and per address (accounts.login_limits), in the
    database; successful log-ins never count, so a whole team behind one address gets in."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email, address = form.email.data, request.remote_addr
        refused = login_limits.refusal(email, address)
        if refused:
            form.password.errors.append(refused)
            return render_template("accounts/login.html", form=form), 429
        user = services.authenticate(email, form.password.data)
        if user is None:
            login_limits.record_failure(email, address)
            db.session.commit()
            form.password.errors.append(
                "Dit e-mailadres en wachtwoord horen niet bij elkaar. "
                "Controleer ze en probeer het opnieuw."
            )
        else:
            login_limits.forget_account(email)
            log_in(user, remember=form.remember.data)
            flash(f"Welkom terug, {user.name}!", "success")
            target = safe_next(request.args.get("next"), url_for("pages.index"))
            if user.welcome_pending:
                return redirect(url_for("colleagues.welcome", next=target))
            return redirect(target)
    return render_template("accounts/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        sessions.end_session(current_user._get_current_object())
        db.session.commit()
    logout_user()
    flash("Je bent uitgelogd. Tot ziens!", "info")
    return redirect(url_for("pages.index"))


@bp.route("/instellingen/overal-uitloggen", methods=["POST"])
@member_required
def logout_everywhere():
    sessions.end_all_sessions(current_user._get_current_object())
    db.session.commit()
    logout_user()
    flash("Je bent nu overal uitgelogd, ook op je andere apparaten. Log hier opnieuw in.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.queue_password_reset(form.email.data)
        db.session.commit()  # enqueues the job; known and unknown addresses alike
        flash(RESET_SENT, "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    user = password_reset.user_for_reset_token(token)
    if user is not None and form.validate_on_submit():
        with unit_of_work(
            "Je nieuwe wachtwoord is ingesteld. Log er nu mee in.", form=form, flash_errors=False
        ) as work:
            password_reset.reset_password(token, form.new_password.data)
        if work.ok:
            return redirect(url_for("accounts.login"))
        if work.messages:
            user = None  # used by a second click a moment ago
    page = render_template("accounts/reset_password.html", form=form, user=user)
    response = make_response(page, 200 if user else 404)
    # The token is in the URL: never hand it to another site in a Referer header.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _profile_page(user: User):
    """A member's profile: who they are, what they know about, and what they did."""
    return render_template(
        "accounts/profile.html",
        member=user,
        is_own=user.id == current_user.id,
        activity=colleagues.activity(current_user, user),
    )


@bp.route("/profiel")
@member_required
def profile():
    return _profile_page(colleagues.load_member(current_user.id))


@bp.route("/leden/<int:user_id>")
@member_required
def member(user_id: int):
    user = colleagues.load_member(user_id)
    if user is None or user.is_former_member or not (user.is_active or current_user.is_admin):
        abort(404)
    return _profile_page(user)


@bp.route("/profiel/bewerken", methods=["GET", "POST"])
@member_required
def edit_profile():
    user = current_user._get_current_object()
    form = ProfileForm(
        data={
            "name": user.name,
            "job_title": user.job_title,
            "bio": user.bio,
            "expertise": colleagues.expertise_ids(user),
        }
    )
    form.expertise.choices = [SelectChoice(t.id, t.name) for t in colleagues.all_themes()]
    work = Work()
    if form.validate_on_submit():
        with unit_of_work("Je profiel is bijgewerkt.", form=form) as work:
            services.update_profile(
                user,
                user,
                name=form.name.data,
                job_title=form.job_title.data,
                bio=form.bio.data,
                privacy_confirmed=form.privacy_confirmed.data,
            )
            colleagues.set_expertise(user, form.expertise.data or [])
        if work.ok:
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/edit_profile.html", form=form, privacy=work.privacy)


@bp.route("/instellingen", methods=["GET", "POST"])
@member_required
def settings():
    user = current_user._get_current_object()
    form = SettingsForm(obj=user)
    if form.validate_on_submit():
        services.update_settings(
            user,
            notify_by_email=form.notify_by_email.data,
            accepts_asks=form.accepts_asks.data,
        )
        db.session.commit()
        flash("Je instellingen zijn bewaard.", "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form)


@bp.route("/instellingen/wachtwoord", methods=["GET", "POST"])
@member_required
@limiter.limit(_login_limit, methods=["POST"])
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            services.change_password(user, form.current_password.data, form.new_password.data)
        if work.ok:
            # The new password ended every log-in; log this device in again.
            cookie = current_app.config["REMEMBER_COOKIE_NAME"]
            log_in(user, remember=cookie in request.cookies)
            flash("Je wachtwoord is veranderd. Op je andere apparaten ben je uitgelogd.", "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_password.html", form=form)
