"""GET /healthz: 200 when this worker can serve, 503 when it cannot. No login, no cookies."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from community.extensions import limiter
from community.health import services

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@limiter.exempt
def index():
    report = services.health(current_app)
    response = jsonify(report)
    response.status_code = 200 if report["status"] == services.OK else 503
    response.headers["Cache-Control"] = "no-store"
    return response
