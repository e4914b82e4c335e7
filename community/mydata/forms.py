"""The form that deletes an account: the password again, what happens to posts, and a yes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

KEEP, REMOVE = "keep", "remove"


class DeleteAccountForm(FlaskForm):
    content = RadioField(
        "Wat gebeurt er met wat je geplaatst hebt?",
        choices=[
            SelectChoice(KEEP, "Laat ze staan, als “voormalig lid”"),
            SelectChoice(REMOVE, "Verwijder ze ook"),
        ],
        default=KEEP,
        validators=[InputRequired("Kies wat er met je berichten gebeurt.")],
    )
    password = PasswordField(
        "Je wachtwoord",
        validators=[
            DataRequired("Vul je wachtwoord in, zodat we zeker weten dat jij het bent."),
            Length(max=200),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    confirm = BooleanField(
        "Ik begrijp dat mijn account definitief verdwijnt en dat dit niet ongedaan kan worden",
        validators=[DataRequired("Vink aan dat je je account echt wilt verwijderen.")],
    )


class ConfirmForm(FlaskForm):
    """Just the CSRF token: a follower deletes their data with one button."""
