"""Reporting posts and replies ("Melden"), and the moderation queue."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user

from community.accounts.models import Role
from community.accounts.permissions import role_required
from community.moderation import services
from community.moderation.forms import FlagForm
from community.posts.models import Post
from community.unit_of_work import unit_of_work
from community.urls import post_path

bp = Blueprint("moderation", __name__)

KIND = "<any(post, reply):kind>"


def item_url(target: services.Target) -> str:
    """Where a post or reply is read: its post's page, at the reply when it is one."""
    if isinstance(target, Post):
        return post_path(target)
    return post_path(target.post, target)


bp.add_app_template_global(item_url, "moderation_item_url")
bp.add_app_template_global(services.excerpt, "moderation_excerpt")


def target_or_404(kind: str, id: int) -> services.Target:
    target = services.load_target(kind, id)
    if target is None:
        abort(404)
    return target


@bp.route(f"/melden/{KIND}/<int:id>", methods=["GET", "POST"])
@role_required(Role.PROFESSIONAL)
def flag(kind: str, id: int):
    target = target_or_404(kind, id)
    if not services.may_see(current_user, target):
        abort(404)  # as if it did not exist: no hint about hidden or members-only content
    form = FlagForm()
    problem = None
    if target.author_id == current_user.id:
        problem = (
            "Dit is je eigen bijdrage; die kun je niet melden. "
            "Je kunt hem wel aanpassen of verwijderen."
        )
    elif target.hidden_at is not None:
        problem = "Een moderator heeft dit al verborgen."
    elif services.open_flag_by(current_user, target) is not None:
        problem = (
            "Je hebt dit al gemeld. Een moderator kijkt ernaar; je hoeft verder niets te doen."
        )
    message = privacy = None
    if problem is None and form.validate_on_submit():
        with unit_of_work(
            "Dank je wel voor je melding. Een moderator kijkt er zo snel mogelijk naar.",
            form=form,
            flash_errors=False,
        ) as work:
            services.flag_content(
                current_user,
                target,
                form.reason.data,
                form.explanation.data,
                privacy_confirmed=form.privacy_confirmed.data,
            )
        if work.ok:
            return redirect(item_url(target))
        privacy = work.privacy
        message = work.messages[0] if work.messages else None
    return render_template(
        "moderation/flag.html",
        form=form,
        target=target,
        kind=kind,
        post=services.post_of(target),
        problem=problem,
        message=message,
        privacy=privacy,
        back=item_url(target),
    )


@bp.route("/moderatie")
@role_required(Role.MODERATOR)
def queue():
    removed_posts, removed_replies = services.removed_items()
    return render_template(
        "moderation/queue.html",
        items=services.open_queue(),
        removed_posts=removed_posts,
        removed_replies=removed_replies,
    )


def act(kind: str, id: int, action: Callable, done: str):
    """Run a moderation action on one item; a broken rule becomes a Dutch flash, never a 500."""
    target = target_or_404(kind, id)
    with unit_of_work(done, category="warning"):
        action(current_user, target)
    return redirect(url_for("moderation.queue"))


@bp.route(f"/moderatie/{KIND}/<int:id>/verbergen", methods=["POST"])
@role_required(Role.MODERATOR)
def hide(kind: str, id: int):
    return act(kind, id, services.hide, "Verborgen. De auteur krijgt daarvan een melding.")


@bp.route(f"/moderatie/{KIND}/<int:id>/herstellen", methods=["POST"])
@role_required(Role.MODERATOR)
def restore(kind: str, id: int):
    return act(kind, id, services.restore, "Hersteld: iedereen die het mocht zien, ziet het weer.")


@bp.route(f"/moderatie/{KIND}/<int:id>/afwijzen", methods=["POST"])
@role_required(Role.MODERATOR)
def dismiss(kind: str, id: int):
    return act(kind, id, services.dismiss, "De meldingen zijn afgewezen; het bericht blijft staan.")
