"""What the privacy guard reports: the kinds of identifying data and one match of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    BSN = "bsn"
    PHONE = "phone"
    EMAIL = "email"
    BIRTH_DATE = "birth_date"
    POSTCODE_ADDRESS = "postcode_address"

    @property
    def label(self) -> str:
        """Dutch name, for lists such as "We vonden: een telefoonnummer en een adres"."""
        return _LABELS[self]

    @property
    def explanation(self) -> str:
        return _EXPLANATIONS[self]


_LABELS = {
    FindingKind.BSN: "BSN",
    FindingKind.PHONE: "telefoonnummer",
    FindingKind.EMAIL: "e-mailadres",
    FindingKind.BIRTH_DATE: "geboortedatum",
    FindingKind.POSTCODE_ADDRESS: "adres",
}

_EXPLANATIONS = {
    FindingKind.BSN: (
        "Dit lijkt op een BSN. Deel nooit gegevens waarmee een kind of gezin te herkennen is. "
        "Haal het nummer weg; je verhaal is zonder net zo waardevol."
    ),
    FindingKind.PHONE: (
        "Dit lijkt op een telefoonnummer. Is het van een jongere, een ouder of een gezin? "
        "Haal het dan weg. Wil je zelf bereikbaar zijn voor collega's, dan kan dat via je profiel."
    ),
    FindingKind.EMAIL: (
        "Dit lijkt op een e-mailadres. Is het van een jongere, een ouder of een gezin? "
        "Haal het dan weg. Collega's kunnen jou bereiken via je profiel."
    ),
    FindingKind.BIRTH_DATE: (
        "Dit lijkt op een geboortedatum of geboortemaand. Daarmee is een kind snel te "
        "herkennen, zeker samen met een woonplaats of een klas. Noem liever een leeftijd, "
        "zoals 'een meisje van 9' of 'een jongen van rond de 15'."
    ),
    FindingKind.POSTCODE_ADDRESS: (
        "Dit lijkt op een adres. Met een straat en huisnummer of een postcode is een gezin "
        "te vinden. Noem liever alleen de gemeente of de regio."
    ),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One match: what it looks like, where it is (text[start:end] == text) and in which field."""

    kind: FindingKind
    text: str
    start: int
    end: int
    field: str | None = None

    @property
    def explanation(self) -> str:
        return self.kind.explanation

    @property
    def label(self) -> str:
        return self.kind.label
