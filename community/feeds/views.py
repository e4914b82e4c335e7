"""Atom feeds: /feeds/recent.atom and /feeds/themas/<slug>.atom."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, request, url_for

from community.feeds import services
from community.themes.services import find_theme
from community.urls import absolute_url

bp = Blueprint("feeds", __name__)

CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def atom_response(body: bytes) -> Response:
    response = Response(body, content_type=CONTENT_TYPE)
    response.cache_control.max_age = 300
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/feeds/recent.atom")
def recent():
    site = current_app.config["SITE_NAME"]
    return atom_response(
        services.atom_feed(
            title=f"Nieuw in de {site}",
            subtitle="Goede voorbeelden en vragen van jeugdprofessionals over inwerken "
            "en behouden.",
            self_url=absolute_url("feeds.recent"),
            page_url=absolute_url("pages.index"),
            posts=services.public_posts(),
        )
    )


@bp.route("/feeds/themas/<slug>.atom")
def theme(slug: str):
    found, moved = find_theme(slug)
    if moved is not None:
        return redirect(url_for("feeds.theme", slug=moved.slug), 301)
    if found is None:
        abort(404)
    site = current_app.config["SITE_NAME"]
    return atom_response(
        services.atom_feed(
            title=f"{found.name} · {site}",
            subtitle=found.description or f"Goede voorbeelden en vragen over {found.name}.",
            self_url=absolute_url("feeds.theme", slug=found.slug),
            page_url=absolute_url("themes.detail", slug=found.slug),
            posts=services.public_posts(found),
            empty_updated=found.created_at,
        )
    )
