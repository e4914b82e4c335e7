"""Turning submitted data into a post's fields: every rule checked first, then applied.

Used by the services in `community.posts.services`; nothing here checks who acts (they do).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.extensions import db
from community.organisations.models import Organisation
from community.posts import rules
from community.posts.models import PRACTICE_SECTIONS, Post


def apply_question(post: Post, data: Mapping[str, Any]) -> None:
    problems = rules.Problems()
    title = rules.clean_line(data.get("title"))
    body = rules.clean_text(data.get("body"))
    rules.check_title(problems, title)
    rules.check_length(
        problems, "body", body, rules.BODY_MAX, required="Vertel in een paar zinnen wat er speelt."
    )
    themes = rules.resolve_themes(problems, data.get("themes"))
    visibility = rules.resolve_visibility(problems, data.get("visibility"))
    problems.check()
    confirmed = rules.guard_privacy(
        {"title": title, "body": body}, bool(data.get("privacy_confirmed"))
    )

    if title != post.title:
        post.slug = rules.slugify(title)
    post.title = title
    if body != post.body or not post.body_html:
        post.body = body
        post.body_html = rules.render(body)
    post.themes = themes
    post.visibility = visibility
    post.privacy_confirmed = confirmed


def apply_practice(
    actor: User, post: Post, data: Mapping[str, Any], *, now: datetime, new: bool
) -> None:
    problems = rules.Problems()
    title = rules.clean_line(data.get("title"))
    summary = rules.clean_line(data.get("summary"))
    sections = {field: rules.clean_text(data.get(field)) for field in PRACTICE_SECTIONS}
    grounding_url = str(data.get("grounding_url") or "").strip()
    grounding_text = rules.clean_line(data.get("grounding_text"))

    rules.check_title(problems, title)
    rules.check_length(
        problems,
        "summary",
        summary,
        rules.SUMMARY_MAX,
        required="Vat je voorbeeld samen in een paar zinnen.",
    )
    for field, text in sections.items():
        required = (
            "Beschrijf jullie aanpak: wat deden jullie precies?" if field == "approach" else ""
        )
        rules.check_length(problems, field, text, rules.BODY_MAX, required=required)
    rules.check_url(problems, "grounding_url", grounding_url)
    rules.check_length(problems, "grounding_text", grounding_text, rules.GROUNDING_MAX)
    themes = rules.resolve_themes(problems, data.get("themes"))
    visibility = rules.resolve_visibility(problems, data.get("visibility"))
    organisation_id = _practice_organisation(problems, actor, post, data.get("organisation_id"))
    contact_id = _practice_contact(problems, actor, post, data.get("contact_id"), organisation_id)
    problems.check()
    texts = {
        "title": title,
        "summary": summary,
        **sections,
        "grounding_text": grounding_text,
        "grounding_url": grounding_url,
    }
    confirmed = rules.guard_privacy(texts, bool(data.get("privacy_confirmed")))

    if title != post.title:
        post.slug = rules.slugify(title)
    post.title = title
    post.summary = summary
    html = dict(post.sections_html or {})
    for field, text in sections.items():
        if text != getattr(post, field) or field not in html:
            setattr(post, field, text)
            html[field] = rules.render(text)
    post.sections_html = html
    post.grounding_url = grounding_url
    post.grounding_text = grounding_text
    post.themes = themes
    post.visibility = visibility
    post.organisation_id = organisation_id
    post.contact_id = contact_id
    post.privacy_confirmed = confirmed
    if new:
        post.reviewed_at = now


def _practice_organisation(
    problems: rules.Problems, actor: User, post: Post, value: Any
) -> int | None:
    """Ambassadors share for their own organisation; admins for any."""
    current = post.organisation_id if post.id else actor.organisation_id
    if value in (None, ""):
        return current
    try:
        organisation_id = int(value)
    except (TypeError, ValueError):
        problems.add("organisation_id", "Kies een organisatie uit de lijst.")
        return current
    if organisation_id == current:
        return current
    if not actor.is_admin:
        problems.add(
            "organisation_id", "Je kunt alleen voorbeelden van je eigen organisatie delen."
        )
        return current
    if db.session.get(Organisation, organisation_id) is None:
        problems.add("organisation_id", "Die organisatie bestaat niet (meer).")
        return current
    return organisation_id


def _practice_contact(
    problems: rules.Problems, actor: User, post: Post, value: Any, organisation_id: int | None
) -> int:
    """The ambassador readers can contact: the author by default, else an ambassador of the
    practice's organisation."""
    default = post.contact_id or post.author_id or actor.id
    if value in (None, ""):
        return default
    try:
        contact_id = int(value)
    except (TypeError, ValueError):
        problems.add("contact_id", "Kies een contactpersoon uit de lijst.")
        return default
    if contact_id in (default, actor.id):
        return contact_id
    contact = db.session.get(User, contact_id)
    if (
        contact is None
        or not contact.is_ambassador
        or (contact.organisation_id != organisation_id and not actor.is_admin)
    ):
        problems.add("contact_id", "Kies als contactpersoon een ambassadeur van deze organisatie.")
        return default
    return contact_id


def contact_candidates(actor: User, post: Post | None = None) -> sa.Select:
    """Ambassadors who may be named as a practice's contact person."""
    organisation_id = post.organisation_id if post is not None else actor.organisation_id
    return (
        sa.select(User)
        .where(User.is_active.is_(True), User.organisation_id == organisation_id)
        .where(User.role.in_([role for role in Role if role >= Role.AMBASSADOR]))
        .order_by(User.name)
    )
