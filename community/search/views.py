"""/zoeken, the similar-questions API the question form uses while a title is typed, and
/beheer/zoekwoorden, where moderators add synonyms."""

from __future__ import annotations

import threading

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from community import pagecache
from community.accounts.models import Role
from community.accounts.permissions import role_required
from community.extensions import db
from community.search import lexicon, outbox, services
from community.search import synonyms as synonym_source
from community.search.forms import SynonymForm
from community.search.indexer import get_indexer
from community.search.models import SearchSynonym
from community.unit_of_work import unit_of_work
from community.urls import post_url

bp = Blueprint("search", __name__)


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
@pagecache.for_visitors
def index():
    """The search page; a visitor's is kept rendered until content changes (pagecache.py),
    like the other public pages: popular searches are served without searching again."""
    params = services.SearchParams.from_args(request.args)
    outcome = services.search(current_user, params)
    page = render_template(
        "search/index.html",
        outcome=outcome,
        params=params,
        sorts=services.SORTS,
        periods=services.PERIOD_LABELS,
        page_size=services.PAGE_SIZE,
    )
    # An answer from an index that may lag behind the content is shown, never kept.
    return page if outcome.complete and not outcome.unavailable else make_response(page)


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


# --- /beheer/zoekwoorden: the synonyms moderators add ------------------------------------------


@bp.route("/beheer/zoekwoorden", methods=["GET", "POST"])
@role_required(Role.MODERATOR)
def synonyms():
    form = SynonymForm()
    privacy = None
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            added = synonym_source.add(
                current_user, form.terms.data, bool(form.privacy_confirmed.data)
            )
        if work.ok:
            flash(f"Toegevoegd: {added.terms}. Zoeken gebruikt het meteen.", "success")
            return redirect(url_for("search.synonyms"))
        privacy = work.privacy
    return render_template(
        "search/synonyms.html",
        form=form,
        privacy=privacy,
        additions=synonym_source.additions(),
        base_groups=synonym_source.base_groups(),
    )


@bp.route("/beheer/zoekwoorden/<int:synonym_id>/verwijderen", methods=["POST"])
@role_required(Role.MODERATOR)
def remove_synonym(synonym_id: int):
    row = db.session.get(SearchSynonym, synonym_id)
    label = row.terms if row else ""
    if synonym_source.remove(current_user, synonym_id):
        db.session.commit()
        flash(f"Verwijderd: {label}.", "success")
    else:
        flash("Die groep was al verwijderd.", "info")
    return redirect(url_for("search.synonyms"))
