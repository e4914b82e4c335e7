"""Following with one button: themes, questions (and practices) and organisations."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from community.accounts.permissions import member_required
from community.accounts.views import safe_next
from community.extensions import db
from community.follows import services
from community.input_guard import to_id
from community.organisations.models import Organisation
from community.posts.models import Post
from community.posts.queries import can_view
from community.themes.models import Theme
from community.unit_of_work import unit_of_work
from community.urls import post_url

bp = Blueprint("follows", __name__)

KINDS = {"theme": Theme, "post": Post, "organisation": Organisation}


def _target(kind: str | None, target_id: int | None):
    model = KINDS.get(kind or "")
    target = db.session.get(model, target_id) if model and target_id else None
    if target is None or (isinstance(target, Post) and not can_view(current_user, target)):
        abort(404)
    return target


def _name(target) -> str:
    if isinstance(target, Theme):
        return f"het thema {target.name}"
    if isinstance(target, Post):
        return f"“{target.title}”"
    return target.name


def _page_of(target) -> str:
    if isinstance(target, Post):
        return post_url(target)
    if isinstance(target, Theme):
        return url_for("themes.detail", slug=target.slug)
    return url_for("organisations.detail", slug=target.slug)


@bp.route("/ik-volg", methods=["POST"])
@member_required
def toggle():
    """Follow or stop following; `action` says which, so a double click changes nothing."""
    kind = request.form.get("kind")
    target = _target(kind, request.form.get("id", type=to_id))
    user = current_user._get_current_object()
    action = request.form.get("action", "follow")
    if action == "unfollow":
        message = f"Je volgt {_name(target)} niet meer."
    elif kind == "post":
        message = f"Je volgt nu {_name(target)}. Je krijgt een melding bij nieuwe antwoorden."
    else:
        message = (
            f"Je volgt nu {_name(target)}. Nieuwe vragen zie je in de nieuwsbrief;"
            " bij ‘Wat je volgt’ kies je of je ze direct, dagelijks of alleen op de site"
            " wilt horen."
        )
    with unit_of_work(message):
        if action == "unfollow":
            services.unfollow(user, **{kind: target})
        else:
            services.follow(user, **{kind: target})
    return redirect(safe_next(request.form.get("next"), _page_of(target)))


@bp.route("/ik-volg")
@member_required
def index():
    """What the member follows, with a button to stop following each."""
    follows = db.session.scalars(services.followed_by(current_user)).all()
    themes = _by_id(Theme, [f.theme_id for f in follows if f.theme_id])
    posts = _by_id(Post, [f.post_id for f in follows if f.post_id])
    organisations = _by_id(Organisation, [f.organisation_id for f in follows if f.organisation_id])
    return render_template(
        "follows/index.html",
        themes=[themes[f.theme_id] for f in follows if f.theme_id in themes],
        posts=[
            posts[f.post_id]
            for f in follows
            if f.post_id in posts and can_view(current_user, posts[f.post_id])
        ],
        organisations=[
            organisations[f.organisation_id] for f in follows if f.organisation_id in organisations
        ],
        # How each followed theme and organisation notifies (community.notify's choice form).
        follow_of={_key(f): f for f in follows if f.post_id is None},
    )


def _key(follow) -> str:
    if follow.theme_id:
        return f"theme-{follow.theme_id}"
    return f"organisation-{follow.organisation_id}"


def _by_id(model, ids: list[int]) -> dict:
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}


@bp.app_template_global()
def follow_state(known: bool | None = None, **target) -> dict:
    """What a follow button shows (templates/follows/_button.html), without template context.
    Pass `known` when the page already knows whether the member follows, to save a query."""
    here = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
    if not current_user.is_authenticated:
        return {"member": False, "following": False, "next": here}
    if known is not None:
        return {"member": True, "following": known, "next": here, "delivery": None}
    delivery = services.delivery_of(current_user, **target)
    return {"member": True, "following": delivery is not None, "next": here, "delivery": delivery}
