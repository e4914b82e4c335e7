""" "Wie weet wat" (/wie-weet-wat), the first-login step (/welkom) and "vraag een collega".

Everything here is for members only: visitors are sent to log in.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from community.accounts.permissions import member_required
from community.accounts.views import safe_next
from community.colleagues import services
from community.colleagues.forms import AskForm, WelcomeForm
from community.extensions import db
from community.input_guard import page_number
from community.organisations.models import Organisation
from community.posts.models import Post
from community.posts.queries import can_view
from community.themes.models import Theme
from community.unit_of_work import Work, unit_of_work
from community.urls import post_url

bp = Blueprint("colleagues", __name__)

PER_PAGE = 24


def _user():
    return current_user._get_current_object()


def _theme(slug: str | None) -> Theme | None:
    if not slug:
        return None
    return db.session.scalar(sa.select(Theme).where(Theme.slug == slug))


@bp.route("/wie-weet-wat")
@member_required
def directory():
    theme = _theme(request.args.get("thema"))
    slug = request.args.get("organisatie") or ""
    organisation = (
        db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
        if slug
        else None
    )
    region = (request.args.get("regio") or "").strip()[:100]
    page = request.args.get("page", 1, type=page_number)
    pagination = db.paginate(
        services.directory(theme=theme, organisation=organisation, region=region),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )
    args = {
        key: value
        for key, value in (
            ("thema", theme.slug if theme else ""),
            ("organisatie", organisation.slug if organisation else ""),
            ("regio", region),
        )
        if value
    }
    return render_template(
        "colleagues/directory.html",
        pagination=pagination,
        themes=services.all_themes(),
        organisations=services.organisations_with_members(),
        regions=services.regions(),
        theme=theme,
        organisation=organisation,
        region=region,
        args=args,
    )


@bp.route("/welkom", methods=["GET", "POST"])
@member_required
def welcome():
    """The short first-login step: expertise themes (and, for ambassadors, the daily summary)."""
    user = _user()
    target = safe_next(request.args.get("next"), url_for("pages.index"))
    form = WelcomeForm(data={"expertise": services.expertise_ids(user)})
    themes = services.all_themes()
    form.expertise.choices = [SelectChoice(t.id, t.name) for t in themes]
    if form.validate_on_submit():
        skipped = "skip" in request.form
        services.finish_welcome(
            user,
            None if skipped else form.expertise.data,
            daily_summary=form.daily_summary.data,
        )
        db.session.commit()
        if not skipped:
            flash("Dank je! Collega's vinden je nu bij de thema's die je koos.", "success")
        return redirect(target)
    return render_template("colleagues/welcome.html", form=form, themes=themes)


def _question(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or not post.is_question or not can_view(current_user, post):
        abort(404)
    return post


@bp.route("/vragen/<int:post_id>/vraag-een-collega", methods=["GET", "POST"])
@member_required
def ask(post_id: int):
    """Find colleagues by name, organisation or theme, tick up to five, and ask them."""
    post = _question(post_id)
    user = _user()
    if not services.may_ask(user, post):
        flash("Deze vraag is niet meer open; je kunt er geen collega meer bij vragen.", "info")
        return redirect(post_url(post))
    query = (request.values.get("q") or "").strip()[:100]
    theme = _theme(request.values.get("thema"))
    form = AskForm()
    own_anonymous = post.is_anonymous and post.author_id == user.id
    work = Work()
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            asked = services.ask(
                user,
                post,
                form.colleagues.data or [],
                note=form.note.data or "",
                in_own_name=form.in_own_name.data if own_anonymous else True,
                privacy_confirmed=form.privacy_confirmed.data,
            )
        if work.ok:
            who = "Je collega krijgt" if len(asked) == 1 else f"Je {len(asked)} collega's krijgen"
            flash(f"Gevraagd! {who} een melding en een e-mail.", "success")
            return redirect(post_url(post) + "#gevraagd")
    selected = set(form.colleagues.data or [])
    candidates = services.candidates(user, post, query=query, theme=theme)
    # Colleagues ticked before an error stay in the list, ticked, whatever the search shows.
    missing = selected - {person.id for person in candidates}
    if missing:
        candidates = services.askable(user, post, missing) + candidates
    return render_template(
        "colleagues/ask.html",
        post=post,
        form=form,
        privacy=work.privacy,
        query=query,
        theme=theme,
        themes=services.all_themes(),
        candidates=candidates,
        selected=selected,
        asked=services.asked_on(post),
        left=services.left_to_ask(user, post),
        own_anonymous=own_anonymous,
        searched=bool(query or theme),
    )
