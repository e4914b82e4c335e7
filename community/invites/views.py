"""Invitations and access requests."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("invites", __name__)
