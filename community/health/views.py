"""GET /healthz: 200 when this worker can serve ("ok", or "degraded" while the rate-limit store
is down and limits are counted per process), 503 when it cannot. No login, no cookies."""

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
    response.status_code = 503 if report["status"] == services.FAIL else 200
    response.headers["Cache-Control"] = "no-store"
    return response
