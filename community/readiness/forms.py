"""The check's nine yes/no questions as one form, and the small form to start a team round."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from community.readiness import services

ANSWER_CHOICES = [SelectChoice("ja", "Ja"), SelectChoice("nee", "Nee")]


class CheckForm(FlaskForm):
    """Built once with a RadioField per question (q1..q9), in the order of services.QUESTIONS."""

    def answers(self) -> dict[str, bool]:
        return {q.key: self[q.key].data == "ja" for q in services.QUESTIONS}


for _question in services.QUESTIONS:
    setattr(
        CheckForm,
        _question.key,
        RadioField(
            _question.text,
            choices=ANSWER_CHOICES,
            validators=[InputRequired("Kies ja of nee.")],
        ),
    )


class RoundForm(FlaskForm):
    title = StringField(
        "Naam van de ronde",
        validators=[
            InputRequired("Geef de ronde een naam, bijvoorbeeld de naam van je team."),
            Length(max=services.MAX_TITLE),
        ],
    )
    days = SelectField(
        "De link werkt",
        choices=[SelectChoice(str(d), f"{d} dagen") for d in services.ROUND_DAYS],
        default="14",
    )
