"""Forms for inviting, accepting an invitation, and asking for access."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
)

from community.accounts.forms import EMAIL_VALIDATORS
from community.accounts.models import Role
from community.privacy import PRIVACY_LABEL

ROLE_CHOICES = [
    SelectChoice(Role.PROFESSIONAL.value, "Lid"),
    SelectChoice(Role.AMBASSADOR.value, "Ambassadeur"),
]
ROLE_HINTS = {
    Role.PROFESSIONAL.value: "Stelt en beantwoordt vragen en volgt thema's.",
    Role.AMBASSADOR.value: "Kan daarnaast goede voorbeelden delen en zelf collega's uitnodigen.",
}
CHOICE_MESSAGE = "Kies een van de mogelijkheden uit de lijst."


def choice_field(label: str, **kwargs) -> SelectField:
    """A select of ids whose messages for a tampered value are Dutch too."""
    return SelectField(
        label,
        coerce=int,
        default=0,
        invalid_value_message=CHOICE_MESSAGE,
        invalid_choice_message=CHOICE_MESSAGE,
        **kwargs,
    )


def _role_field(label: str) -> RadioField:
    return RadioField(
        label,
        choices=ROLE_CHOICES,
        invalid_choice_message=CHOICE_MESSAGE,
        default=Role.PROFESSIONAL.value,
        validators=[InputRequired("Kies een rol.")],
    )


class InviteForm(FlaskForm):
    emails = TextAreaField(
        "E-mailadressen van je collega's",
        validators=[
            DataRequired("Vul minstens één e-mailadres in."),
            Length(max=20000, message="Dat zijn te veel adressen in één keer."),
        ],
        render_kw={"rows": 5, "autocomplete": "off", "spellcheck": "false"},
    )
    role = _role_field("Uitnodigen als")
    message = TextAreaField(
        "Persoonlijk bericht",
        validators=[
            Optional(),
            Length(max=2000, message="Je bericht mag hoogstens 2000 tekens lang zijn."),
        ],
        render_kw={"rows": 5, "maxlength": 2000},
    )
    organisation = choice_field("Organisatie")
    confirm_outside = BooleanField("Ja, nodig deze adressen toch uit")
    confirmed_addresses = HiddenField()
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class AcceptForm(FlaskForm):
    name = StringField(
        "Je naam",
        validators=[
            DataRequired("Vul je naam in."),
            Length(max=120, message="Je naam mag hoogstens 120 tekens lang zijn."),
        ],
        render_kw={"autocomplete": "name", "maxlength": 120},
    )
    job_title = StringField(
        "Je functie",
        validators=[
            Optional(),
            Length(max=120, message="Je functie mag hoogstens 120 tekens lang zijn."),
        ],
        render_kw={"autocomplete": "organization-title", "maxlength": 120},
    )
    password = PasswordField(
        "Kies een wachtwoord",
        # Length rules live in accounts.services.check_password_rules, one place for every form.
        validators=[DataRequired("Kies een wachtwoord.")],
        render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        "Herhaal je wachtwoord",
        validators=[
            DataRequired("Vul je wachtwoord nog een keer in."),
            EqualTo("password", message="De twee wachtwoorden zijn niet hetzelfde."),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class AccessRequestForm(FlaskForm):
    name = StringField(
        "Je naam",
        validators=[
            DataRequired("Vul je naam in."),
            Length(max=120, message="Maak je naam korter."),
        ],
        render_kw={"autocomplete": "name", "maxlength": 120},
    )
    email = EmailField(
        "Je e-mailadres op je werk",
        validators=EMAIL_VALIDATORS,
        render_kw={"autocomplete": "email"},
    )
    organisation = choice_field("Je organisatie")
    organisation_name = StringField(
        "Staat je organisatie er niet bij? Typ hier de naam",
        validators=[Optional(), Length(max=150, message="Maak de naam korter.")],
        render_kw={"autocomplete": "organization", "maxlength": 150},
    )
    motivation = TextAreaField(
        "Je motivatie",
        validators=[
            DataRequired("Vertel kort waarom je wilt meedoen."),
            Length(max=2000, message="Je motivatie mag hoogstens 2000 tekens lang zijn."),
        ],
        render_kw={"rows": 5, "maxlength": 2000},
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)


class ApproveForm(FlaskForm):
    class Meta:
        csrf = False  # one page holds many of these; CSRFProtect checks every POST already

    role = _role_field("Toelaten als")
    organisation = choice_field("Organisatie")


class DeclineForm(FlaskForm):
    class Meta:
        csrf = False  # see ApproveForm

    reason = TextAreaField(
        "Toelichting voor de aanvrager (mag leeg blijven)",
        validators=[Optional(), Length(max=1000, message="Maak je toelichting korter.")],
        render_kw={"rows": 3, "maxlength": 1000},
    )
    privacy_confirmed = BooleanField(PRIVACY_LABEL)
