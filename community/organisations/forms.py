"""The admin's form for an organisation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from community.organisations.models import KIND_LABELS, OrganisationKind
from community.organisations.services import (
    NAME_MAX,
    REGION_MAX,
    WEBSITE_MAX,
    OrganisationData,
)


class OrganisationForm(FlaskForm):
    name = StringField(
        "Naam",
        validators=[
            DataRequired("Vul de naam van de organisatie in."),
            Length(max=NAME_MAX, message=f"De naam mag hoogstens {NAME_MAX} tekens zijn."),
        ],
        render_kw={"maxlength": NAME_MAX},
    )
    kind = SelectField(
        "Soort organisatie",
        # A required <select> starts with an empty placeholder (HTML), so no kind is preselected.
        choices=[
            SelectChoice("", "Kies een soort"),
            *(SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()),
        ],
        validate_choice=False,  # AnyOf says it in Dutch
        validators=[
            DataRequired("Kies wat voor organisatie het is."),
            AnyOf([kind.value for kind in OrganisationKind], "Kies een soort uit de lijst."),
        ],
    )
    region = StringField(
        "Regio",
        validators=[
            Length(max=REGION_MAX, message=f"De regio mag hoogstens {REGION_MAX} tekens zijn.")
        ],
        render_kw={"maxlength": REGION_MAX},
    )
    website = StringField(
        "Website",
        validators=[
            Length(
                max=WEBSITE_MAX, message=f"Het webadres mag hoogstens {WEBSITE_MAX} tekens zijn."
            )
        ],
        render_kw={"maxlength": WEBSITE_MAX, "inputmode": "url", "placeholder": "https://"},
    )
    email_domains = TextAreaField(
        "E-maildomeinen",
        validators=[Length(max=2000, message="Dat zijn te veel domeinen voor één organisatie.")],
        render_kw={"rows": 3},
    )

    def fill_from(self, organisation) -> None:
        """Show an existing organisation's values in the form (GET only)."""
        self.name.data = organisation.name
        self.kind.data = organisation.kind.value
        self.region.data = organisation.region
        self.website.data = organisation.website
        self.email_domains.data = "\n".join(organisation.email_domains)

    def to_data(self) -> OrganisationData:
        return OrganisationData(
            name=self.name.data or "",
            kind=OrganisationKind(self.kind.data),
            region=self.region.data or "",
            website=self.website.data or "",
            email_domains=self.email_domains.data or "",
        )
