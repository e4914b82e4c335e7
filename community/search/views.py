"""/zoeken, and the similar-questions API the question form uses while a title is typed."""

from __future__ import annotations

import threading

from flask import Blueprint, current_app, g, jsonify, render_template, request
from flask_login import current_user

from community.search import (
    lexicon,
    outbox,  # registers the session hooks
    services,
)
from community.search.indexer import Indexer, get_indexer
from community.urls import post_url

bp = Blueprint("search", __name__)


@bp.record_once
def _install(state) -> None:
    state.app.extensions["search"] = Indexer(state.app)


_warming = threading.Lock()


@bp.before_app_request
def _warm_the_lexicon() -> None:
    """Load the Dutch lexicons (about 2 s) beside a worker's first request, so the first visitor
    who searches does not wait for them. Tests load them when a test first needs them."""
    if current_app.testing or not _warming.acquire(blocking=False):
        return
    threading.Thread(target=lexicon.warm, name="search-lexicon", daemon=True).start()


@bp.after_app_request
def _drain_after_response(response):
    """Apply this request's changes to the index once the response has been sent: publishing
    does not wait for the index writer. Until the drain is done a search on any worker waits
    for it (the index lock) or applies the log itself, so the change is found all the same."""
    post_ids = g.pop(outbox.DRAIN_AFTER_RESPONSE, None)
    if post_ids:
        app = current_app._get_current_object()

        def drain() -> None:
            with app.app_context():
                get_indexer(app).after_commit(post_ids)

        response.call_on_close(drain)
    return response


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
                    "url": post_url(post),
                    "beantwoord": post.is_answered,
                    "antwoorden": post.reply_count,
                }
                for post in questions
            ]
        }
    )
    response.headers["Cache-Control"] = "private, max-age=60"
    return response
