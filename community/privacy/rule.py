"""The guard as a rule for services: found and not confirmed means nothing is saved.

Every form where a person types free text or a web address runs its fields through `guard`
in its service; the view shows `PersonalDataFound.fields` with the shared template macro
`macros/privacy.html` and a "privacy_confirmed" checkbox, like the post forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from community.errors import DomainError

# The checkbox every guarded form shows under the warning (field name "privacy_confirmed").
PRIVACY_LABEL = "Ik heb dit gecontroleerd: er is niemand aan te herkennen"


@dataclass(frozen=True)
class FieldFindings:
    field: str
    label: str
    findings: list[Any]
    highlighted: Markup


class PersonalDataFound(DomainError):
    """The privacy guard found something that may identify a child or family.

    Nothing was saved. The author either edits the text or confirms it identifies nobody.
    """

    MESSAGE = (
        "Je tekst lijkt gegevens te bevatten waarmee iemand te herkennen is. Haal ze weg, of "
        "bevestig dat er niemand aan te herkennen is."
    )

    def __init__(self, fields: list[FieldFindings]):
        super().__init__(self.MESSAGE, field="privacy_confirmed")
        self.fields = fields


def guard(
    texts: Mapping[str, str | None],
    confirmed: bool,
    *,
    labels: Mapping[str, str] | None = None,
    urls: Iterable[str] = (),
) -> bool:
    """Run the privacy guard over every field in `texts` (name -> text).

    Raises PersonalDataFound when something was found and the author did not confirm; answers
    whether the author confirmed a warning. `labels` gives each field's Dutch name; fields
    named in `urls` are web addresses.
    """
    from community.privacy import check  # the package imports this module

    labels = labels or {}
    result = check(*texts.items(), urls=urls)
    found = [
        FieldFindings(
            name, labels.get(name, name), result.for_field(name), result.highlighted(name)
        )
        for name in result.fields
    ]
    if found and not confirmed:
        raise PersonalDataFound(found)
    return bool(found)
