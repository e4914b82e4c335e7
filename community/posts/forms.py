"""Forms for questions, good practices and replies.

The forms only parse; the rules (lengths, themes, links, privacy) live in the services, whose
DomainErrors the views put back on these fields.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from community.input_guard import to_id
from community.posts import rules
from community.posts.models import PRACTICE_SECTIONS, Post
from community.privacy import PRIVACY_LABEL
from community.submissions import OnceForm

VISIBILITY_CHOICES = [
    SelectChoice("public", "Iedereen: ook bezoekers zonder account kunnen het lezen en delen"),
    SelectChoice("members", "Alleen leden van de Community"),
]
# Another feature may start a practice for its author (a support request's outcome): it puts the
# field values under this session key and sends them to the empty practice form.
DRAFT_SESSION_KEY = "practice_draft"
DRAFT_FIELDS = ("title", "summary", "context", "approach", "results", "tips")

SECTION_HINTS = {
    "context": "Wat speelde er? Waarom zijn jullie hiermee begonnen?",
    "approach": "Wat deden jullie precies, en wie deed wat?",
    "target_group": "Voor wie is het bedoeld: starters, teams, leidinggevenden…",
    "results": (
        "Wat leverde het op? Cijfers zijn welkom, bijvoorbeeld "
        "“uitstroom na één jaar van 17% naar 3%”."
    ),
    "tips": "Wat zou je een andere organisatie aanraden die dit ook wil proberen?",
}


def _int_or_none(value: Any) -> int | str | None:
    """An id, None for nothing chosen, or the odd value as sent (the service refuses it)."""
    if value in (None, ""):
        return None
    return to_id(value) or str(value)[:20]


# static/js/mentions.js offers colleagues to @mention in these textareas (see community.mentions).
MENTIONS = {"data-mentions": "/leden/noemen"}


class ThemeChoices(SelectMultipleField):
    """Checkboxes, one per theme."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", _int_or_none)
        kwargs.setdefault("validate_choice", False)  # the service says which themes are valid
        super().__init__(*args, **kwargs)


class _PostForm(FlaskForm):
    title = StringField("Titel", render_kw={"maxlength": rules.TITLE_MAX, "autocomplete": "off"})
    themes = ThemeChoices("Thema's")
    visibility = RadioField(
        "Wie mag dit lezen?", choices=VISIBILITY_CHOICES, default="public", validate_choice=False
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)

    def set_theme_choices(self, themes) -> None:
        self.themes.choices = [SelectChoice(theme.id, theme.name) for theme in themes]

    def data_for_service(self) -> dict[str, Any]:
        data = {
            name: field.data
            for name, field in self._fields.items()
            if name not in ("csrf_token", "submission_key")
        }
        data["themes"] = [theme_id for theme_id in (self.themes.data or []) if theme_id is not None]
        return data


class QuestionForm(_PostForm):
    body = TextAreaField("Je vraag", render_kw={"rows": 10, **MENTIONS})
    is_anonymous = BooleanField(
        "Anoniem stellen: anderen zien “een lid van de Community” in plaats van je naam"
    )

    def fill_from(self, post: Post) -> None:
        self.title.data = post.title
        self.body.data = post.body
        self.themes.data = [theme.id for theme in post.themes]
        self.visibility.data = post.visibility.value


class PracticeForm(_PostForm):
    summary = TextAreaField("Samenvatting", render_kw={"rows": 3, "maxlength": rules.SUMMARY_MAX})
    context = TextAreaField(
        PRACTICE_SECTIONS["context"],
        description=SECTION_HINTS["context"],
        render_kw={"rows": 5, **MENTIONS},
    )
    approach = TextAreaField(
        PRACTICE_SECTIONS["approach"],
        description=SECTION_HINTS["approach"],
        render_kw={"rows": 8, **MENTIONS},
    )
    target_group = TextAreaField(
        PRACTICE_SECTIONS["target_group"],
        description=SECTION_HINTS["target_group"],
        render_kw={"rows": 3, **MENTIONS},
    )
    results = TextAreaField(
        PRACTICE_SECTIONS["results"],
        description=SECTION_HINTS["results"],
        render_kw={"rows": 5, **MENTIONS},
    )
    tips = TextAreaField(
        PRACTICE_SECTIONS["tips"],
        description=SECTION_HINTS["tips"],
        render_kw={"rows": 5, **MENTIONS},
    )
    grounding_url = StringField(
        "Link naar de onderbouwing", render_kw={"type": "url", "inputmode": "url", "maxlength": 500}
    )
    grounding_text = StringField("Naam van de interventie of bron", render_kw={"maxlength": 500})
    organisation_id = SelectField("Organisatie", coerce=_int_or_none, validate_choice=False)
    contact_id = SelectField("Contactpersoon", coerce=_int_or_none, validate_choice=False)

    def fill_from_draft(self, draft: dict) -> None:
        for name in DRAFT_FIELDS:
            if isinstance(draft.get(name), str):
                getattr(self, name).data = draft[name]
        self.themes.data = [i for i in draft.get("themes", []) if isinstance(i, int)]

    def fill_from(self, post: Post) -> None:
        for name in ("title", "summary", *PRACTICE_SECTIONS, "grounding_url", "grounding_text"):
            getattr(self, name).data = getattr(post, name)
        self.themes.data = [theme.id for theme in post.themes]
        self.visibility.data = post.visibility.value
        self.organisation_id.data = post.organisation_id
        self.contact_id.data = post.contact_id


class ReplyForm(FlaskForm):
    body = TextAreaField("Je reactie", render_kw={"rows": 7, **MENTIONS})
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class NewQuestionForm(OnceForm, QuestionForm):
    """Asking: sent twice (a double click), it still makes one question."""


class NewPracticeForm(OnceForm, PracticeForm):
    """Sharing a practice: sent twice, it still makes one."""


class NewReplyForm(OnceForm, ReplyForm):
    """Answering: sent twice, it still makes one reply."""


class ConfirmForm(FlaskForm):
    """Only the CSRF token: for delete confirmations and one-button actions."""
