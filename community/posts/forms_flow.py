"""How every post and reply form in the views runs: preview, save, or show what to fix.

Shared by the create, edit and reply views so each of them stays a few lines long.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import request
from flask_login import current_user
from markupsafe import Markup

from community.errors import apply_to_form
from community.posts import rules
from community.submissions import OnceForm, once
from community.unit_of_work import unit_of_work

PREVIEW_BUTTON = "voorbeeld"


@dataclass
class Outcome:
    saved: Any = None
    # {field name: rendered HTML} when the author asked for "Voorbeeld bekijken".
    preview: dict[str, Markup] | None = None
    # The privacy guard's findings, shown highlighted above the form.
    privacy: rules.PersonalDataFound | None = None
    # Errors that belong to no single field.
    messages: list[str] = field(default_factory=list)


def wants_preview() -> bool:
    return PREVIEW_BUTTON in request.form


def run(form, save: Callable[[dict[str, Any]], Any], preview_fields: tuple[str, ...]) -> Outcome:
    """Validate the form; on "Voorbeeld bekijken" render a preview; otherwise call `save` with
    the form data in one unit of work. Nothing is saved when anything is wrong. A form that creates
    something (an `OnceForm`) saves once: sent again, it answers with what the first send made."""
    outcome = Outcome()
    if not form.validate_on_submit():
        return outcome
    if wants_preview():
        texts = {name: rules.clean_text(getattr(form, name).data) for name in preview_fields}
        problems = rules.Problems()
        for name, text in texts.items():  # the limits of saving: a preview is no way around them
            rules.check_length(problems, name, text, rules.BODY_MAX)
        for problem in problems.errors:
            apply_to_form(problem, form)
        if not problems.errors:
            outcome.preview = {name: Markup(rules.render(text)) for name, text in texts.items()}
        return outcome
    data = form.data_for_service() if hasattr(form, "data_for_service") else form.data
    with unit_of_work(form=form, flash_errors=False) as work:
        if isinstance(form, OnceForm):
            # A second send of this very form gets what the first one made.
            outcome.saved, _ = once(current_user.id, form.submission_key.data, lambda: save(data))
        else:
            outcome.saved = save(data)
    outcome.privacy = work.privacy
    outcome.messages = work.messages
    return outcome
