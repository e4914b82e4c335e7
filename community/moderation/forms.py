"""The "Melden" form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length

from community.moderation.models import FLAG_REASON_LABELS
from community.moderation.services import EXPLANATION_MAX
from community.privacy import PRIVACY_LABEL


class FlagForm(FlaskForm):
    reason = RadioField(
        "Waarom meld je dit?",
        choices=[SelectChoice(reason.value, label) for reason, label in FLAG_REASON_LABELS.items()],
        validators=[InputRequired("Kies een reden.")],
        invalid_choice_message="Kies een van de redenen uit de lijst.",
    )
    explanation = TextAreaField(
        "Toelichting",
        validators=[
            Length(
                max=EXPLANATION_MAX,
                message=f"Je toelichting mag hoogstens {EXPLANATION_MAX} tekens zijn.",
            )
        ],
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)
