"""The digest mail itself: subject, sections and links of the text part, Dutch plurals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from community.accounts.models import Role
from community.digest import links, sending
from community.digest.content import DigestContent, subject_for, themes_phrase
from community.digest.models import Frequency
from community.posts.models import PostKind
from tests.factories import create_post, create_subscriber, create_theme, create_user

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # a Monday morning


@pytest.mark.parametrize(
    ("questions", "practices", "subject"),
    [
        (5, 2, "5 nieuwe vragen en 2 goede voorbeelden"),
        (1, 1, "1 nieuwe vraag en 1 goed voorbeeld"),
        (3, 0, "3 nieuwe vragen"),
        (0, 1, "1 nieuw goed voorbeeld"),
        (0, 4, "4 nieuwe goede voorbeelden"),
    ],
)
def test_subject_says_what_is_inside_with_dutch_plurals(questions, practices, subject):
    content = DigestContent(questions=[None] * questions, practices=[None] * practices)
    assert subject_for(content) == subject


def test_themes_are_named_the_way_people_say_them():
    assert themes_phrase(None) == "alle thema's"
    assert themes_phrase(["Inwerken"]) == "het thema Inwerken"
    assert themes_phrase(["A", "B", "C"]) == "de thema's A, B en C"


def test_period_keys_follow_the_amsterdam_calendar():
    assert sending.period_key(Frequency.WEEKLY, NOW) == "weekly:2026-W48"
    late_sunday_utc = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # already Monday in Amsterdam
    assert sending.period_key(Frequency.DAILY, late_sunday_utc) == "daily:2026-11-23"
    assert sending.period_key(Frequency.WEEKLY, late_sunday_utc) == "weekly:2026-W48"


def test_rendered_text_mail(app, smtp_server):
    author = create_user(Role.AMBASSADOR, digest={"enabled": False})
    theme = create_theme("Inwerken", slug="inwerken")
    made = NOW - timedelta(days=2)
    first = create_post(
        author=author,
        themes=[theme],
        title="Hoe houden jullie starters vast?",
        slug="starters-vast",
        body="Bij ons vertrekt een op de vijf starters binnen een jaar. Wat werkt bij jullie?",
        created_at=made,
    )
    second = create_post(
        author=author,
        themes=[theme],
        title="Wie heeft een mentorpool?",
        slug="mentorpool",
        created_at=made + timedelta(hours=1),
    )
    practice = create_post(
        PostKind.PRACTICE,
        author=author,
        themes=[theme],
        title="Een buddy voor elke starter",
        slug="buddy",
        summary="Uitstroom na één jaar van 17% naar 3%.",
        created_at=made,
    )
    waiting = create_post(
        author=author,
        themes=[theme],
        title="Wat zet je in de eerste week?",
        slug="eerste-week",
        created_at=NOW - timedelta(days=9),
    )
    follower = create_subscriber("lotte@example.nl", themes=[theme])
    sending.send_digest(Frequency.WEEKLY, now=NOW)
    [mail] = smtp_server.to("lotte@example.nl")
    token = links.recipient_token(links.SUBSCRIBER, follower.id, follower.email)
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n").replace(token, "TOKEN")
    organisation = author.organisation.name
    signature = "-- "  # the signature separator, trailing space and all
    assert mail["Subject"] == "2 nieuwe vragen en 1 goed voorbeeld"
    assert (
        text
        == f"""\
2 nieuwe vragen en 1 goed voorbeeld

Hallo,

Dit is er nieuw in de Jeugdhulp Community sinds 16 november 2026.

NIEUWE VRAGEN (2)
====================

* Wie heeft een mentorpool?
  Inwerken
  Wij zoeken ideeën om starters een warme landing te geven.
  http://localhost/vragen/{second.id}-mentorpool

* Hoe houden jullie starters vast?
  Inwerken
  Bij ons vertrekt een op de vijf starters binnen een jaar. Wat werkt bij
  jullie?
  http://localhost/vragen/{first.id}-starters-vast

NIEUWE GOEDE VOORBEELDEN (1)
====================

* Een buddy voor elke starter
  {organisation} · Inwerken
  Uitstroom na één jaar van 17% naar 3%.
  http://localhost/goede-voorbeelden/{practice.id}-buddy

DEZE VRAGEN WACHTEN NOG OP EEN ANTWOORD
====================
Ken je iemand die het antwoord weet? Stuur de vraag gerust door.

* Wat zet je in de eerste week? (gesteld op 14 november 2026)
  http://localhost/vragen/{waiting.id}-eerste-week

{signature}
Je krijgt deze nieuwsbrief omdat je de Jeugdhulp Community volgt en dat zelf
hebt bevestigd: elke week, over het thema Inwerken.

Je voorkeuren aanpassen (thema's, hoe vaak): http://localhost/nieuwsbrief/TOKEN
Afmelden met één klik: http://localhost/afmelden/TOKEN
http://localhost
"""
    )
