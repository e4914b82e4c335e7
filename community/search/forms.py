"""The form on /beheer/zoekwoorden: one group of words that mean the same."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from community.privacy import PRIVACY_LABEL
from community.search.synonyms import EXAMPLE, MAX_CHARS


class SynonymForm(FlaskForm):
    terms = StringField(
        "Woorden die hetzelfde betekenen",
        validators=[
            DataRequired(f"Vul minstens twee woorden in die hetzelfde betekenen, zoals {EXAMPLE}."),
            Length(max=MAX_CHARS, message=f"Dat is te lang: hoogstens {MAX_CHARS} tekens."),
        ],
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)
