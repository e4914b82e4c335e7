"""Forms for logging in and managing one's account."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField(
        "E-mailadres",
        validators=[DataRequired("Vul je e-mailadres in."), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Wachtwoord",
        validators=[DataRequired("Vul je wachtwoord in."), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Onthoud mij op dit apparaat (30 dagen)")


EMAIL_VALIDATORS = [
    DataRequired("Vul een e-mailadres in."),
    Length(max=254, message="Dat e-mailadres is te lang."),
    Email("Dat lijkt geen geldig e-mailadres.", check_deliverability=False),
]
