"""Organisations: the youth-care providers, GIs, municipalities and others members work for."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class OrganisationKind(enum.Enum):
    YOUTH_CARE_PROVIDER = "jeugdhulpaanbieder"
    CERTIFIED_INSTITUTION = "gecertificeerde_instelling"
    CHILD_PROTECTION_BOARD = "raad_kinderbescherming"
    VEILIG_THUIS = "veilig_thuis"
    MUNICIPALITY = "gemeente"
    EDUCATION = "onderwijs"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    OrganisationKind.YOUTH_CARE_PROVIDER: "Jeugdhulpaanbieder",
    OrganisationKind.CERTIFIED_INSTITUTION: "Gecertificeerde instelling",
    OrganisationKind.CHILD_PROTECTION_BOARD: "Raad voor de Kinderbescherming",
    OrganisationKind.VEILIG_THUIS: "Veilig Thuis",
    OrganisationKind.MUNICIPALITY: "Gemeente",
    OrganisationKind.EDUCATION: "Onderwijs",
    OrganisationKind.OTHER: "Anders",
}


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(150), unique=True)
    slug: Mapped[str] = mapped_column(sa.String(160), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind))
    region: Mapped[str] = mapped_column(sa.String(100), default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    # Space-separated, lower case: "molendrift.nl jeugdzorg.nl"
    email_domains_text: Mapped[str] = mapped_column("email_domains", sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members = relationship("User", back_populates="organisation", lazy="raise_on_sql")

    @property
    def email_domains(self) -> list[str]:
        return self.email_domains_text.split()

    @email_domains.setter
    def email_domains(self, domains: list[str]) -> None:
        cleaned = (d.strip().lower().lstrip("@") for d in domains)
        self.email_domains_text = " ".join(sorted({d for d in cleaned if d}))

    def owns_address(self, email: str) -> bool:
        domain = email.rsplit("@", 1)[-1].lower()
        return any(domain == d or domain.endswith("." + d) for d in self.email_domains)

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"
