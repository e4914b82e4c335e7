"""The pages that belong to no single feature: home, privacy statement, health check."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.route("/")
def index():
    return render_template("pages/index.html")


@bp.route("/privacy")
def privacy():
    return render_template("pages/privacy.html")
