"""Logging in and out. Account management lives here too."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from community.accounts import services
from community.accounts.forms import LoginForm
from community.extensions import db, limiter

bp = Blueprint("accounts", __name__)


def safe_next(target: str | None, default: str) -> str:
    """Only follow `next` to a path on this site."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("pages.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(
                "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw."
            )
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash(f"Welkom terug, {user.name}!", "success")
            return redirect(safe_next(request.args.get("next"), url_for("pages.index")))
    return render_template("accounts/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
def logout():
    logout_user()
    flash("Je bent uitgelogd. Tot ziens!", "info")
    return redirect(url_for("pages.index"))
