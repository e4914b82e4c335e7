""" "Mijn gegevens": a member downloads or deletes their data; a follower does the same from the
page their digest links to (signed token, no account)."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user, logout_user

from community.accounts.permissions import member_required
from community.clock import utcnow
from community.digest import follower_data
from community.digest import services as digest_services
from community.digest.views import BAD_LINK
from community.errors import render_error
from community.extensions import db, limiter
from community.formatting import local
from community.mydata import follower_links, forms, services
from community.unit_of_work import unit_of_work

bp = Blueprint("mydata", __name__)


def json_download(data: dict, prefix: str):
    """`data` as a JSON attachment named prefix-YYYY-MM-DD.json; never cached anywhere."""
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    response = make_response(body)
    response.mimetype = "application/json"
    filename = f"{prefix}-{local(utcnow()):%Y-%m-%d}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _password_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _link_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


@bp.route("/instellingen/mijn-gegevens")
@member_required
def index():
    return render_template("mydata/index.html")


@bp.route("/instellingen/mijn-gegevens/download")
@member_required
def download():
    data = services.export_member_data(current_user._get_current_object())
    return json_download(data, "mijn-gegevens")


@bp.route("/instellingen/account-verwijderen", methods=["GET", "POST"])
@member_required
@limiter.limit(_password_limit, methods=["POST"])
def delete_account():
    user = current_user._get_current_object()
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            services.confirm_identity(user, form.password.data)
            services.delete_member_account(user, remove_content=form.content.data == forms.REMOVE)
        if work.ok:
            logout_user()
            flash(
                "Je account is verwijderd en je bent uitgelogd. Dank je wel voor wat je met "
                "de Community deelde.",
                "success",
            )
            return redirect(url_for("pages.index"))
    return render_template(
        "mydata/delete_account.html", form=form, counts=services.content_counts(user)
    )


# --- Followers (no account): from the preferences page of their digest -------------------------
#
# The digest's preferences link never expires and may be forwarded, so it only asks for a fresh
# link by mail (mydata.follower_links); that one-hour, single-use link downloads or deletes.


def _follower(token: str):
    """The subscriber a digest token names; None for a member's token or a bad one."""
    recipient = digest_services.recipient_from_token(token)
    return recipient.subscriber if recipient is not None else None


def _ask_for_link(token: str, purpose: str):
    subscriber = _follower(token)
    if subscriber is None:
        return render_error(404, BAD_LINK)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        follower_links.request_link(subscriber, purpose)
        db.session.commit()
        return render_template(
            "mydata/follower_link_sent.html", email=subscriber.email, purpose=purpose, token=token
        )
    return render_template("mydata/follower_ask_link.html", form=form, purpose=purpose, token=token)


@bp.route("/nieuwsbrief/<token>/mijn-gegevens", methods=["GET", "POST"])
@limiter.limit(_link_limit, methods=["POST"])
def follower_download(token: str):
    return _ask_for_link(token, follower_links.EXPORT)


@bp.route("/nieuwsbrief/<token>/verwijderen", methods=["GET", "POST"])
@limiter.limit(_link_limit, methods=["POST"])
def follower_delete(token: str):
    return _ask_for_link(token, follower_links.DELETE)


def _no_referrer(response):
    """The token is in the URL: never hand it to another site in a Referer header."""
    response = make_response(response)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/nieuwsbrief/gegevens/<token>", methods=["GET", "POST"])
def follower_link(token: str):
    """The mailed link: GET shows what it will do (and writes nothing), POST does it, once."""
    link = follower_links.open_link(token)
    if link is None:
        return _no_referrer(render_error(404, follower_links.INVALID_LINK))
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        purpose = link.purpose  # deleting the follower deletes their links too
        with unit_of_work(flash_errors=False) as work:
            subscriber = follower_links.redeem(token, purpose)
            email = subscriber.email
            if purpose == follower_links.EXPORT:
                data = follower_data.export_follower_data(subscriber)
            else:
                follower_data.delete_follower(subscriber)
        if not work.ok:  # used by a second click a moment ago
            return _no_referrer(render_error(404, work.error.message))
        if purpose == follower_links.EXPORT:
            return _no_referrer(json_download(data, "mijn-gegevens"))
        return _no_referrer(render_template("mydata/follower_deleted.html", email=email))
    template = (
        "mydata/follower_download.html"
        if link.purpose == follower_links.EXPORT
        else "mydata/follower_delete.html"
    )
    return _no_referrer(
        render_template(template, form=form, subscriber=link.subscriber, token=token)
    )
