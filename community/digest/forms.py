"""Forms for following by e-mail and for digest preferences; the rules live in services.py."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
)
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from community.digest.models import Frequency
from community.input_guard import to_id

FREQUENCY_CHOICES = [
    SelectChoice(Frequency.WEEKLY.value, "Elke week"),
    SelectChoice(Frequency.DAILY.value, "Elke dag"),
]


class ThemeCheckboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    MAX_VALUES = 500  # far more themes than the site has; refused before any work

    def process_formdata(self, valuelist: list[str]) -> None:
        ids = [to_id(value) for value in valuelist[: self.MAX_VALUES + 1]]
        if len(ids) > self.MAX_VALUES or None in ids:
            self.data = []
            raise ValueError("Kies thema's uit de lijst.")
        self.data = ids


class DigestChoicesForm(FlaskForm):
    """Themes and frequency: the part every digest form shares. Choices are set by the view."""

    all_themes = BooleanField("Alle thema's, ook nieuwe")
    themes = ThemeCheckboxes("Thema's", coerce=int, validate_choice=False)
    frequency = RadioField(
        "Hoe vaak?",
        choices=FREQUENCY_CHOICES,
        default=Frequency.WEEKLY.value,
        validate_choice=False,
    )

    def set_theme_choices(self, themes) -> None:
        self.themes.choices = [SelectChoice(theme.id, theme.name) for theme in themes]


class FollowForm(DigestChoicesForm):
    email = EmailField(
        "Je e-mailadres",
        validators=[
            DataRequired("Vul je e-mailadres in."),
            Length(max=254, message="Dat e-mailadres is te lang."),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


class MemberDigestForm(DigestChoicesForm):
    digest_enabled = BooleanField("Stuur mij de nieuwsbrief")


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the button that confirms a subscription."""


class PeriodForm(FlaskForm):
    """The admin's preview choice: read from the query string, so it needs no CSRF token."""

    class Meta:
        csrf = False

    email = EmailField("E-mailadres van de ontvanger", validators=[Length(max=254)])
    period = SelectField(
        "Nieuwsbrief",
        choices=[
            SelectChoice(Frequency.WEEKLY.value, "Wekelijks"),
            SelectChoice(Frequency.DAILY.value, "Dagelijks"),
        ],
        default=Frequency.WEEKLY.value,
        validate_choice=False,
    )

    def frequency(self) -> Frequency:
        try:
            return Frequency(self.period.data)
        except ValueError:
            return Frequency.WEEKLY
