"""Forms on the admin pages: the member filter (GET, no CSRF) and the small POST forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SearchField, SelectChoice, SelectField
from wtforms.validators import AnyOf, Length

from community.accounts.models import ROLE_LABELS, Role
from community.admin.services import ACTIVE, DEACTIVATED
from community.input_guard import to_id

ROLE_CHOICES = [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


class UserFilterForm(FlaskForm):
    """Read from the query string; a search changes nothing, so it needs no CSRF token."""

    class Meta:
        csrf = False

    q = SearchField("Zoek op naam of e-mailadres", validators=[Length(max=200)])
    role = SelectField(
        "Rol", choices=[SelectChoice("", "Alle rollen"), *ROLE_CHOICES], validate_choice=False
    )
    organisation = SelectField("Organisatie", choices=[SelectChoice("", "Alle organisaties")])
    status = SelectField(
        "Status",
        choices=[
            SelectChoice("", "Actief en gedeactiveerd"),
            SelectChoice(ACTIVE, "Actief"),
            SelectChoice(DEACTIVATED, "Gedeactiveerd"),
        ],
        validate_choice=False,
    )

    def role_value(self) -> Role | None:
        values = {role.value for role in Role}
        return Role(self.role.data) if self.role.data in values else None

    def organisation_id(self) -> int | None:
        value = self.organisation.data or ""
        return to_id(value)

    def active_filters(self) -> dict[str, str]:
        """The filters in use, for the pagination links."""
        return {f.name: f.data for f in self if f.data}


class RoleForm(FlaskForm):
    role = SelectField(
        "Rol",
        choices=ROLE_CHOICES,
        validate_choice=False,
        validators=[AnyOf([role.value for role in Role], "Kies een rol uit de lijst.")],
    )


class UserOrganisationForm(FlaskForm):
    """Choices are the organisations, filled in by the view; '' means none."""

    organisation = SelectField("Organisatie", validate_choice=False)

    def organisation_id(self) -> int | None:
        value = self.organisation.data or ""
        return to_id(value)
