"""The pages that belong to no single feature: home, privacy statement, health check."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from community import pagecache
from community.extensions import db
from community.mydata.retention import PERIODS
from community.posts import lists
from community.themes import services as themes

bp = Blueprint("pages", __name__)


@bp.route("/")
@pagecache.for_visitors
def index():
    """What the Community is, how to join, and what is new: a fixed number of queries."""
    viewer = current_user
    return render_template(
        "pages/index.html",
        practices=db.session.scalars(lists.practices(viewer).limit(3)).unique().all(),
        questions=db.session.scalars(lists.questions(viewer).limit(5)).unique().all(),
        waiting=db.session.scalars(lists.unanswered_questions(viewer).limit(5)).unique().all(),
        themes=db.session.scalars(lists.all_themes()).all(),
        theme_counts={
            theme_id: counts.total for theme_id, counts in themes.post_counts(viewer).items()
        },
    )


@bp.route("/privacy")
def privacy():
    return render_template("pages/privacy.html", periods=PERIODS)
