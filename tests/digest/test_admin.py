"""Admins look at the digest: past runs, any recipient's digest in the browser, a test to self."""

from __future__ import annotations

from datetime import timedelta

import pytest

from community.accounts.models import Role
from community.clock import utcnow
from community.digest import links, sending
from community.digest.models import Frequency
from community.posts.models import Visibility
from tests.factories import create_post, create_subscriber, create_theme, create_user


@pytest.fixture
def admin(app):
    return create_user(Role.ADMIN, email="beheer@example.nl", digest={"enabled": False})


def test_only_admins_see_the_digest_pages(browser, admin):
    create_user(Role.MODERATOR, email="mod@example.nl")
    browser.login("mod@example.nl")
    for url in ("/beheer/nieuwsbrief", "/beheer/nieuwsbrief/voorbeeld?email=x@example.nl"):
        assert browser.get(url).status_code == 403
    browser.logout()
    browser.login("beheer@example.nl")
    assert browser.get("/beheer/nieuwsbrief").status_code == 200


def test_admin_previews_a_followers_digest_without_members_only_posts(browser, admin):
    theme = create_theme("Behouden")
    for n in range(3):
        create_post(themes=[theme], title=f"Openbare vraag {n}", author=admin)
    create_post(
        themes=[theme], title="Vraag voor leden", author=admin, visibility=Visibility.MEMBERS
    )
    create_subscriber("volger@example.nl", themes=[theme])
    browser.login("beheer@example.nl")
    page = browser.get("/beheer/nieuwsbrief/voorbeeld?email=Volger@example.nl&period=weekly")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Onderwerp: 3 nieuwe vragen" in html and "Openbare vraag 0" in html
    assert "Vraag voor leden" not in html
    assert "<iframe" in html and "Stuur een test naar mijzelf" in html

    frame = browser.get("/beheer/nieuwsbrief/voorbeeld/mail?email=volger@example.nl&period=weekly")
    assert "Openbare vraag 0" in frame.get_data(as_text=True)
    assert "style-src 'unsafe-inline'" in frame.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in frame.headers["Content-Security-Policy"]

    member = browser.get("/beheer/nieuwsbrief/voorbeeld?email=beheer@example.nl")
    assert "Vraag voor leden" in member.get_data(as_text=True)
    unknown = browser.get("/beheer/nieuwsbrief/voorbeeld?email=niemand@example.nl")
    assert unknown.status_code == 404 and "Er is geen lid of bevestigde volger" in unknown.get_data(
        as_text=True
    )


def test_admin_sends_a_test_to_themself_with_their_own_links(browser, admin, smtp_server):
    for n in range(3):
        create_post(title=f"Vraag {n}", author=admin)
    follower = create_subscriber("volger@example.nl", all_themes=True)
    browser.login("beheer@example.nl")
    response = browser.submit(
        "/beheer/nieuwsbrief/test",
        {"email": "volger@example.nl", "period": "weekly"},
        form_url="/beheer/nieuwsbrief/voorbeeld?email=volger@example.nl",
    )
    assert response.status_code == 302
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "beheer@example.nl" and mail["Subject"] == "[Test] 3 nieuwe vragen"
    text = mail.get_body(("plain",)).get_content()
    assert links.recipient_token(links.MEMBER, admin.id, admin.email) in text
    assert links.recipient_token(links.SUBSCRIBER, follower.id, follower.email) not in text
    assert smtp_server.to("volger@example.nl") == []


def test_runs_page_lists_past_runs_with_their_counts(browser, admin, smtp_server):
    for n in range(3):
        create_post(title=f"Vraag {n}", author=admin)
    create_subscriber(all_themes=True)
    create_subscriber(themes=[create_theme()])
    sending.send_digest(Frequency.WEEKLY, now=utcnow() + timedelta(seconds=1))
    browser.login("beheer@example.nl")
    html = browser.get("/beheer/nieuwsbrief").get_data(as_text=True)
    key = sending.period_key(Frequency.WEEKLY, utcnow() + timedelta(seconds=1))
    assert key in html and "klaar" in html
    row = html.split(key, 1)[1].split("</tr>", 1)[0]
    assert [cell.strip() for cell in row.split("<td>")[1:4]] == ["1</td>", "1</td>", "0</td>"]
    assert "2 volgers met een bevestigde aanmelding" in html
