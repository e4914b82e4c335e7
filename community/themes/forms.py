"""Forms for administering themes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from community.privacy import PRIVACY_LABEL


class ThemeForm(FlaskForm):
    name = StringField(
        "Naam",
        validators=[
            DataRequired("Geef het thema een naam."),
            Length(max=80, message="Een naam is hoogstens 80 tekens."),
        ],
    )
    slug = StringField(
        "Webadres",
        validators=[Optional(), Length(max=80, message="Een webadres is hoogstens 80 tekens.")],
    )
    description = TextAreaField(
        "Beschrijving",
        validators=[Length(max=500, message="Een beschrijving is hoogstens 500 tekens.")],
    )
    position = IntegerField(
        "Volgorde",
        validators=[
            Optional(),
            NumberRange(min=0, max=10_000, message="Kies een volgorde tussen 0 en 10.000."),
        ],
        invalid_value_message="Vul een heel getal in, zoals 5.",
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class MergeForm(FlaskForm):
    """The choices are the current themes, set by the view."""

    source = SelectField(
        "Dit thema gaat op in het andere",
        coerce=int,
        invalid_value_message="Kies een thema uit de lijst.",
        invalid_choice_message="Kies een thema uit de lijst.",
    )
    target = SelectField(
        "Het thema dat blijft",
        coerce=int,
        invalid_value_message="Kies een thema uit de lijst.",
        invalid_choice_message="Kies een thema uit de lijst.",
    )
    confirm = BooleanField(
        "Ja, voeg deze thema's samen. Dit kun je niet ongedaan maken.",
        validators=[DataRequired("Vink aan dat je de thema's echt wilt samenvoegen.")],
    )
