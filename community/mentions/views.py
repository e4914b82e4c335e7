"""The mention autocomplete's data: members by name, as JSON, for logged-in members only."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from community.accounts.permissions import member_required
from community.mentions import services

bp = Blueprint("mentions", __name__)


@bp.route("/leden/noemen")
@member_required
def search():
    """At most 8 active members whose name contains `q` (2+ characters)."""
    users = services.search(request.args.get("q", ""))
    response = jsonify(
        leden=[
            {
                "id": user.id,
                "naam": user.name,
                "organisatie": user.organisation.name if user.organisation else "",
            }
            for user in users
        ]
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
