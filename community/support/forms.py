"""Forms of support requests: they only parse; the services decide what is valid."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)

from community.input_guard import to_id
from community.posts.forms import ThemeChoices
from community.privacy import PRIVACY_LABEL
from community.support.models import HELP_KIND_LABELS, URGENCY_LABELS


def _int_or_zero(value) -> int:
    """A chosen id, or 0 ("nothing chosen") for anything that is not one (bounded by to_id)."""
    return to_id(value) or 0


class _WithThemes(FlaskForm):
    themes = ThemeChoices("Thema's")

    def set_theme_choices(self, themes) -> None:
        self.themes.choices = [SelectChoice(theme.id, theme.name) for theme in themes]

    def theme_ids(self) -> list[int]:
        return [theme_id for theme_id in (self.themes.data or []) if theme_id is not None]


class AskForm(_WithThemes):
    goal = TextAreaField("Wat wil je bereiken?", render_kw={"rows": 5, "maxlength": 3000})
    tried = TextAreaField("Wat heb je al geprobeerd?", render_kw={"rows": 4, "maxlength": 3000})
    region = StringField("Je regio", render_kw={"maxlength": 100, "autocomplete": "address-level1"})
    help_kind = RadioField(
        "Wat voor hulp zoek je?",
        choices=[SelectChoice(k.value, label) for k, label in HELP_KIND_LABELS.items()],
        validate_choice=False,
    )
    urgency = RadioField(
        "Hoe snel heb je hulp nodig?",
        choices=[SelectChoice(k.value, label) for k, label in URGENCY_LABELS.items()],
        validate_choice=False,
    )
    allow_own_organisation = BooleanField("Iemand van mijn eigen organisatie mag ook helpen")
    privacy_confirmed = BooleanField(PRIVACY_LABEL)
    # Only asked of someone without an account:
    name = StringField("Je naam", render_kw={"maxlength": 120, "autocomplete": "name"})
    email = EmailField("Je e-mailadres", render_kw={"maxlength": 254, "autocomplete": "email"})
    organisation_id = SelectField("Je organisatie", coerce=_int_or_zero, validate_choice=False)
    organisation_name = StringField(
        "Staat je organisatie er niet bij? Typ dan hier de naam",
        render_kw={"maxlength": 150, "autocomplete": "organization"},
    )
    requester_role = StringField(
        "Je rol of functie", render_kw={"maxlength": 120, "autocomplete": "organization-title"}
    )


class MessageForm(FlaskForm):
    body = TextAreaField("Je bericht", render_kw={"rows": 4, "maxlength": 5000})
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class FinishForm(FlaskForm):
    outcome = TextAreaField("Wat heeft het opgeleverd?", render_kw={"rows": 4, "maxlength": 3000})
    organisation_may_be_named = BooleanField(
        "Mijn organisatie mag genoemd worden als hier een goed voorbeeld van komt"
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class AssignForm(FlaskForm):
    helper_id = SelectField("Ambassadeur", coerce=_int_or_zero, validate_choice=False)


class SparringForm(_WithThemes):
    active = BooleanField("Ik denk mee met hulpvragen van organisaties")
    region = StringField("Mijn regio", render_kw={"maxlength": 100})
    per_month = SelectField(
        "Hoeveel hulpvragen per maand wil je hoogstens oppakken?",
        choices=[SelectChoice(n, str(n)) for n in range(1, 11)],
        coerce=_int_or_zero,
        default=2,
        validate_choice=False,
    )


class NewLinkForm(FlaskForm):
    email = EmailField("Je e-mailadres", render_kw={"maxlength": 254, "autocomplete": "email"})


class ActionForm(FlaskForm):
    """Only the CSRF token: "Ik help" and "Sluiten"."""
