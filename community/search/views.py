"""/zoeken, and the similar-questions API the question form uses while a title is typed."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user

from community.formatting import endpoint_url
from community.posts.models import Post, PostKind
from community.search import (
    outbox,  # noqa: F401  (registers the session hooks)
    services,
)
from community.search.indexer import Indexer

bp = Blueprint("search", __name__)

AREAS = {PostKind.QUESTION: "vragen", PostKind.PRACTICE: "goede-voorbeelden"}


@bp.record_once
def _install(state) -> None:
    state.app.extensions["search"] = Indexer(state.app)


def post_link(post: Post) -> str | None:
    """The post's page, when the posts feature is installed."""
    return endpoint_url(
        "posts.detail", area=AREAS[post.kind], post_id=post.id, slug=post.slug
    ) or endpoint_url("posts.detail", post_id=post.id, slug=post.slug)


@bp.app_context_processor
def _helpers() -> dict:
    return {"post_link": post_link}


@bp.route("/zoeken")
def index():
    params = services.SearchParams.from_args(request.args)
    outcome = services.search(current_user, params)
    return render_template(
        "search/index.html",
        outcome=outcome,
        params=params,
        sorts=services.SORTS,
        periods=services.PERIOD_LABELS,
        page_size=services.PAGE_SIZE,
    )


@bp.route("/api/vergelijkbare-vragen")
def similar_questions():
    title = request.args.get("titel", "")
    questions = services.similar_questions(current_user, title)
    response = jsonify(
        {
            "vragen": [
                {
                    "titel": post.title,
                    "url": post_link(post),
                    "beantwoord": post.is_answered,
                    "antwoorden": post.reply_count,
                }
                for post in questions
            ]
        }
    )
    response.headers["Cache-Control"] = "private, max-age=60"
    return response
