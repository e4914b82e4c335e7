"""Mail headers as the bytes a real SMTP server receives, not as Python parses them back.

A mail provider's one-click unsubscribe (RFC 8058) reads the plain `<https://…>` list of RFC 2369;
an RFC 2047 encoded-word there is not a URL to it. Auto-replies and out-of-office messages need
`Auto-Submitted`, and a `Date` of `-0000` says "local time unknown".
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from community.accounts.models import Role
from community.clock import utcnow
from community.digest import links, sending
from community.digest.models import Frequency
from community.extensions import db
from tests.factories import create_organisation, create_post, create_subscriber, create_user

SITE = "https://community.jeugdhulp-voorbeeld.nl"


def raw_headers(envelope) -> dict[str, str]:
    """Header name (lower case) -> value exactly as on the wire, with folding undone (RFC 5322)."""
    data = envelope.original_content or envelope.content
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    lines = head.split("\r\n")
    assert all(len(line) <= 998 for line in lines), "RFC 5322: at most 998 characters a line"
    unfolded: dict[str, str] = {}
    name = ""
    for line in lines:
        if line[:1] in (" ", "\t"):
            unfolded[name] += line  # a continuation line: CRLF removed, whitespace kept
        else:
            name, _, value = line.partition(":")
            name = name.lower()
            unfolded[name] = value.lstrip(" ")
    return unfolded


def assert_real_date(value: str) -> None:
    assert not value.endswith("-0000"), value
    assert re.search(r" \+0[12]00$", value), f"Amsterdam time with its offset: {value}"
    assert abs(parsedate_to_datetime(value) - datetime.now(UTC)) < timedelta(minutes=2)


@pytest.mark.config(SITE_URL=SITE)
def test_digest_unsubscribe_headers_are_plain_on_the_wire(app, smtp_server):
    author = create_user(Role.AMBASSADOR, digest={"enabled": False})
    for n in range(3):
        create_post(author=author, title=f"Vraag {n}")
    subscriber = create_subscriber("draad@example.nl", all_themes=True)
    sending.send_digest(Frequency.WEEKLY, now=utcnow() + timedelta(seconds=1))
    smtp_server.wait_for(1)
    headers = raw_headers(smtp_server.envelopes[0])

    token = links.recipient_token(links.SUBSCRIBER, subscriber.id, subscriber.email)
    unsubscribe = headers["list-unsubscribe"]
    assert "=?" not in unsubscribe
    # Folding may put whitespace between the two entries; the entries themselves stay whole.
    assert re.fullmatch(
        rf"<{re.escape(SITE)}/afmelden/{re.escape(token)}>,\s+"
        r"<mailto:nieuwsbrief@jeugdhulp-community\.example\.nl\?subject=unsubscribe>",
        unsubscribe,
    ), unsubscribe
    assert headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"
    assert headers["list-id"] == "Nieuwsbrief <nieuwsbrief.jeugdhulp-community.example.nl>"
    assert headers["auto-submitted"] == "auto-generated"
    assert_real_date(headers["date"])
    # Other headers are still folded and encoded the ordinary way where they need it.
    assert headers["subject"] == "3 nieuwe vragen"


@pytest.mark.config(SITE_URL=SITE)
def test_transactional_mails_say_they_are_automatic_and_carry_a_real_date(
    app, browser, smtp_server
):
    org = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    create_user(Role.AMBASSADOR, email="anna@molendrift.nl", name="Anna Bakker", organisation=org)
    create_user(Role.PROFESSIONAL, email="piet@molendrift.nl")
    db.session.commit()

    browser.login("anna@molendrift.nl")
    invite = browser.submit(
        "/uitnodigingen/nieuw", {"emails": "joris@molendrift.nl", "role": "professional"}
    )
    assert invite.status_code == 302
    browser.logout()
    assert browser.submit("/wachtwoord-vergeten", {"email": "piet@molendrift.nl"}).status_code in (
        200,
        302,
    )
    follow = browser.submit("/volgen", {"email": "volger@example.nl", "all_themes": "y"})
    assert follow.status_code == 302

    smtp_server.wait_for(3)
    by_recipient = {tuple(e.rcpt_tos): raw_headers(e) for e in smtp_server.envelopes}
    assert set(by_recipient) == {
        ("joris@molendrift.nl",),
        ("piet@molendrift.nl",),
        ("volger@example.nl",),
    }
    for headers in by_recipient.values():
        assert headers["auto-submitted"] == "auto-generated"
        assert_real_date(headers["date"])
        assert "=?" not in headers["message-id"]
