"""Imports every feature's models so the metadata is complete for Alembic and the tests."""

from community.accounts.models import PasswordResetToken, Role, User  # noqa: F401
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation  # noqa: F401
from community.organisations.models import Organisation, OrganisationKind  # noqa: F401
