"""Telling the inviter, in plain Dutch, what happened to each address they entered."""

from __future__ import annotations

from collections import defaultdict

from community.invites.models import Invitation
from community.invites.services import InviteResult


def _list(addresses: list[str]) -> str:
    if len(addresses) == 1:
        return addresses[0]
    return ", ".join(addresses[:-1]) + " en " + addresses[-1]


def _emails(invitations: list[Invitation]) -> list[str]:
    return [invitation.email for invitation in invitations]


def unsent_message(invitations: list[Invitation]) -> str:
    """The truth when the mail server did not take an invitation, and what happens next."""
    which = "die uitnodiging" if len(invitations) == 1 else "die uitnodigingen"
    return (
        f"De uitnodiging aan {_list(_emails(invitations))} kon niet worden verstuurd: de "
        "mailserver was even niet bereikbaar. We proberen het vanzelf opnieuw; je kunt ook zelf "
        f"meteen op ‘Opnieuw versturen’ klikken bij {which}."
    )


def invite_report(result: InviteResult) -> list[tuple[str, str]]:
    """(flash category, message) pairs, most important first. Call it after the commit: only
    then is known which mails the server took (see Invitation.mail_failed_at)."""
    report: list[tuple[str, str]] = []
    unsent = [invitation for invitation in result.mailed if invitation.mail_failed]
    if unsent:
        report.append(("error", unsent_message(unsent)))
    sent = [invitation for invitation in result.sent if not invitation.mail_failed]
    resent = [invitation for invitation in result.resent if not invitation.mail_failed]
    if sent:
        report.append(
            (
                "success",
                f"Je uitnodiging is verstuurd naar {_list(_emails(sent))}. "
                "De link in de e-mail werkt 14 dagen.",
            )
        )
    if resent:
        report.append(
            (
                "success",
                f"Je had {_list(_emails(resent))} al uitgenodigd; die uitnodiging is "
                "opnieuw verstuurd met een nieuwe link.",
            )
        )
    if result.recently_sent:
        report.append(
            (
                "info",
                f"{_list(_emails(result.recently_sent))}: al uitgenodigd in de afgelopen 24 uur, "
                "dus niet nog een keer verstuurd.",
            )
        )
    by_colleague: dict[str, list[str]] = defaultdict(list)
    for invitation in result.invited_by_colleague:
        name = invitation.inviter.name if invitation.inviter else "een collega"
        by_colleague[name].append(invitation.email)
    for name, addresses in by_colleague.items():
        report.append(
            (
                "info",
                f"{_list(addresses)}: al uitgenodigd door {name}. Die uitnodiging staat nog open, "
                "dus we hebben niets nieuws gestuurd.",
            )
        )
    if result.existing_accounts:
        one = len(result.existing_accounts) == 1
        report.append(
            (
                "info",
                f"{_list(result.existing_accounts)} {'heeft' if one else 'hebben'} al een account "
                f"en {'is' if one else 'zijn'} dus niet uitgenodigd.",
            )
        )
    if not result.mailed and not report:
        report.append(("info", "Er is niemand uitgenodigd."))
    return report
