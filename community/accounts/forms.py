"""Forms for logging in and managing one's account."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from community.accounts.services import BIO_MAX, JOB_TITLE_MAX, MIN_PASSWORD_LENGTH, NAME_MAX
from community.colleagues.forms import IdCheckboxes
from community.privacy import PRIVACY_LABEL


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


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        "E-mailadres",
        validators=EMAIL_VALIDATORS,
        render_kw={"autocomplete": "email"},
    )


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    new = PasswordField(
        "Nieuw wachtwoord",
        validators=[
            DataRequired("Kies een nieuw wachtwoord."),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=f"Kies een wachtwoord van {MIN_PASSWORD_LENGTH} tot 200 tekens.",
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Herhaal je nieuwe wachtwoord",
        validators=[
            DataRequired("Typ je nieuwe wachtwoord nog een keer."),
            EqualTo("new_password", "De twee wachtwoorden zijn niet hetzelfde."),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return new, confirm


class ResetPasswordForm(FlaskForm):
    new_password, confirm_password = _new_password_fields()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Huidig wachtwoord",
        validators=[DataRequired("Vul je huidige wachtwoord in."), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, confirm_password = _new_password_fields()


class ProfileForm(FlaskForm):
    name = StringField(
        "Naam",
        validators=[
            DataRequired("Vul je naam in."),
            Length(max=NAME_MAX, message=f"Je naam mag hoogstens {NAME_MAX} tekens zijn."),
        ],
        render_kw={"autocomplete": "name", "maxlength": NAME_MAX},
    )
    job_title = StringField(
        "Functie",
        validators=[
            Length(
                max=JOB_TITLE_MAX, message=f"Je functie mag hoogstens {JOB_TITLE_MAX} tekens zijn."
            )
        ],
        render_kw={"autocomplete": "organization-title", "maxlength": JOB_TITLE_MAX},
    )
    bio = TextAreaField(
        "Over jou",
        validators=[Length(max=BIO_MAX, message=f"Over jou mag hoogstens {BIO_MAX} tekens zijn.")],
        # Browsers count a line break as one character for maxlength but send two.
        filters=[lambda value: value.replace("\r\n", "\n") if value else value],
        render_kw={"rows": 6, "maxlength": BIO_MAX},
    )
    expertise = IdCheckboxes("Waar weet je veel van?", coerce=int, validate_choice=False)
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class SettingsForm(FlaskForm):
    notify_by_email = BooleanField(
        "Stuur me een e-mail als er iets nieuws is bij wat ik deel of volg"
    )
    accepts_asks = BooleanField("Collega's mogen mij vragen om een vraag te beantwoorden")
