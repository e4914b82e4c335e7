"""Forms for expertise themes, the first-login step and "vraag een collega"."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, TextAreaField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from community.colleagues.services import NOTE_MAX
from community.input_guard import to_id
from community.privacy import PRIVACY_LABEL


class IdCheckboxes(SelectMultipleField):
    """Checkboxes whose values are ids; the choices (themes, colleagues) are set by the view."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    MAX_VALUES = 100  # far more than any list shows; more is not a person ticking boxes

    def process_formdata(self, valuelist: list[str]) -> None:
        ids = [to_id(value) for value in valuelist[: self.MAX_VALUES + 1]]
        if len(ids) > self.MAX_VALUES or None in ids:
            self.data = []
            raise ValueError("Kies uit de lijst.")
        self.data = ids


class WelcomeForm(FlaskForm):
    expertise = IdCheckboxes("Waar weet je veel van?", coerce=int, validate_choice=False)
    daily_summary = BooleanField("Stuur me elke dag een samenvatting van wat er nieuw is")


class AskForm(FlaskForm):
    colleagues = IdCheckboxes("Collega's", coerce=int, validate_choice=False)
    note = TextAreaField(
        "Waarom vraag je juist hen? (mag leeg blijven)",
        validators=[
            Length(max=NOTE_MAX, message=f"Je toelichting mag hoogstens {NOTE_MAX} tekens zijn.")
        ],
        render_kw={"rows": 3, "maxlength": NOTE_MAX},
    )
    in_own_name = BooleanField("Vraag het in mijn eigen naam (dan zien ze dat jij het vraagt)")
    privacy_confirmed = BooleanField(PRIVACY_LABEL)
