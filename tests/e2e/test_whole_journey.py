"""The whole journey in one browser test, against a real SMTP server:

a visitor follows a theme from its page and confirms from the mail; an ambassador shares a
practice in that theme; a professional asks a question in it; another member answers; the digest
job runs; the follower's mail holds the question with a link that works; its one-click
unsubscribe (a POST without cookies or CSRF, as a mail provider sends it) stops the next digest.
"""

from __future__ import annotations

import http.client
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from community.accounts.models import Role
from community.clock import utcnow
from community.digest import sending
from community.digest.models import Frequency, Subscriber
from community.extensions import db
from community.posts import services as posts
from community.posts.models import Post
from tests.e2e.conftest import screenshot
from tests.e2e.site_content import log_in
from tests.factories import create_organisation, create_subscriber, create_theme, create_user

FOLLOWER = "lotte.volger@example.nl"
CONTROL = "controle.volger@example.nl"  # a second follower, still subscribed at the end
PRACTICE = "Een buddy uit een ander team voor elke starter"
QUESTION = "Hoe houden jullie het inwerken vol als de caseload stijgt?"
NEXT_QUESTION = "Wie heeft ervaring met een vaste inwerkdag per maand?"


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def link_after(text: str, title: str) -> str:
    """The first web address after `title` in a mail's text part."""
    found = re.search(re.escape(title) + r".*?(https?://\S+)", text, re.S)
    assert found, f"no link after {title!r} in:\n{text}"
    return found.group(1)


def one_click_unsubscribe(url: str) -> int:
    """RFC 8058: the mail provider POSTs List-Unsubscribe=One-Click, with no cookies or token."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.netloc, timeout=10)
    try:
        connection.request(
            "POST",
            parts.path,
            body="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return connection.getresponse().status
    finally:
        connection.close()


def in_browser_of(chromium, base: str, email: str):
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, email)
    return context, page


@pytest.mark.config(DIGEST_MIN_ITEMS=1)
def test_from_following_a_theme_to_the_digest_and_the_one_click_unsubscribe(
    app, live_server, page, chromium, smtp_server, runner
):
    theme = create_theme("Inwerken", slug="inwerken", description="Een warme landing.")
    molendrift = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    raad = create_organisation("Raad voor de Kinderbescherming", email_domains_text="rvdk.nl")
    create_user(
        Role.AMBASSADOR, email="anna@molendrift.nl", name="Anna Bakker", organisation=molendrift
    )
    sanne = create_user(email="sanne@molendrift.nl", name="Sanne de Vries", organisation=molendrift)
    create_user(email="ahmed@rvdk.nl", name="Ahmed el Idrissi", organisation=raad)
    create_subscriber(CONTROL, themes=[theme])
    db.session.commit()

    # 1. A visitor opens the theme page and follows it by e-mail.
    page.goto(live_server + "/themas/inwerken")
    form = page.locator("form.follow-form")
    form.get_by_label("Je e-mailadres").fill(FOLLOWER)
    form.get_by_role("button", name="Volgen").click()
    page.wait_for_url(live_server + "/volgen/kijk-in-je-mail")
    expect(page.get_by_role("heading", name="Kijk in je mail")).to_be_visible()
    # 2. The confirmation mail arrives on the real SMTP server; the link shows a button.
    smtp_server.wait_for(1)
    [confirmation] = smtp_server.to(FOLLOWER)
    confirm_url = re.search(r"https?://\S+/volgen/bevestigen/\S+", text_of(confirmation)).group(0)
    assert confirm_url.startswith(live_server)
    page.goto(confirm_url)
    page.get_by_role("button", name="Ja, stuur mij de nieuwsbrief").click()
    expect(page.get_by_role("heading", name="Gelukt, je volgt de Community!")).to_be_visible()
    screenshot(page, "journey-follow-confirmed-1280")

    # 3. An ambassador shares a good practice in the theme.
    context, anna = in_browser_of(chromium, live_server, "anna@molendrift.nl")
    anna.goto(live_server + "/goede-voorbeelden/nieuw")
    anna.get_by_label("Titel").fill(PRACTICE)
    anna.get_by_label("Samenvatting").fill("Starters krijgen een buddy buiten hun eigen team.")
    anna.get_by_label("Aanpak").fill("Elke starter kiest in week één een buddy uit een ander team.")
    anna.get_by_label("Inwerken").check()
    anna.get_by_role("button", name="Voorbeeld delen").click()
    anna.wait_for_url(re.compile(r".*/goede-voorbeelden/\d+-een-buddy.*"))
    expect(anna.get_by_role("heading", name=PRACTICE)).to_be_visible()
    context.close()

    # 4. A professional asks a question in it.
    context, sanne_page = in_browser_of(chromium, live_server, "sanne@molendrift.nl")
    sanne_page.goto(live_server + "/vragen/nieuw")
    sanne_page.get_by_label("Titel").fill(QUESTION)
    sanne_page.get_by_label("Je vraag").fill(
        "Na een paar weken krijgen starters al een volle caseload."
    )
    sanne_page.get_by_label("Inwerken").check()
    sanne_page.get_by_role("button", name="Vraag plaatsen").click()
    sanne_page.wait_for_url(re.compile(r".*/vragen/\d+-hoe-houden-jullie.*"))
    question_url = sanne_page.url
    context.close()

    # 5. Another member answers it.
    context, ahmed = in_browser_of(chromium, live_server, "ahmed@rvdk.nl")
    ahmed.goto(question_url)
    ahmed.get_by_label("Je antwoord").fill(
        "Wij houden de eerste drie maanden een halve caseload aan."
    )
    ahmed.get_by_role("button", name="Antwoord plaatsen").click()
    ahmed.wait_for_selector(".reply")
    context.close()

    # 6. The digest job runs, as cron would start it.
    result = runner.invoke(args=["digest", "send", "--period", "weekly"])
    assert result.exit_code == 0, result.output
    assert "mislukt 0" in result.output

    # 7. The follower's digest holds the question and the practice; the question's link works.
    digests = [m for m in smtp_server.to(FOLLOWER) if m["List-Unsubscribe"]]
    assert len(digests) == 1, [m["Subject"] for m in smtp_server.to(FOLLOWER)]
    digest = digests[0]
    text = text_of(digest)
    assert QUESTION in text and PRACTICE in text
    link = link_after(text, QUESTION)
    assert link.startswith(live_server + "/vragen/")
    response = page.goto(link)
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == QUESTION
    assert page.get_by_text(
        "Wij houden de eerste drie maanden een halve caseload aan."
    ).is_visible()
    screenshot(page, "journey-question-from-digest-1280")

    # 8. One click in the mail program unsubscribes: a POST without session or CSRF token,
    #    answered at once (never with a redirect).
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.search(r"<(https?://[^>]+)>", digest["List-Unsubscribe"]).group(1)
    assert one_click_unsubscribe(unsubscribe_url) == 200
    db.session.expire_all()
    follower = db.session.scalar(sa.select(Subscriber).where(Subscriber.email == FOLLOWER))
    assert follower.unsubscribed_at is not None

    # 9. A week later there is news again: the other follower gets it, the unsubscribed one not.
    posts.ask_question(
        sanne, {"title": NEXT_QUESTION, "body": "Werkt dat beter?", "themes": [theme.id]}
    )
    db.session.commit()
    mails_before = len(smtp_server.to(FOLLOWER))
    summary = sending.send_digest(Frequency.WEEKLY, now=utcnow() + timedelta(days=7))
    assert summary.failed == 0 and summary.sent >= 1
    control_digests = [m for m in smtp_server.to(CONTROL) if m["List-Unsubscribe"]]
    assert len(control_digests) == 2
    assert NEXT_QUESTION in text_of(control_digests[-1])
    assert len(smtp_server.to(FOLLOWER)) == mails_before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 3
