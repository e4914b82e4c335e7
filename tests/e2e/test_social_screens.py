"""Theme pages and the moderation queue in a real browser, at desktop and phone width."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.moderation import services as moderation
from community.moderation.models import FlagReason
from community.posts.models import PostKind, Visibility
from tests.e2e.conftest import screenshot
from tests.e2e.site_content import curated_themes
from tests.factories import (
    PASSWORD,
    create_organisation,
    create_post,
    create_reply,
    create_theme,
    create_user,
)

THEMES = curated_themes(
    "inwerken",
    "behouden",
    "mentorschap-en-begeleiding",
    "moreel-letsel",
    "duurzame-inzetbaarheid-en-vitaliteit",
)


def seed():
    themes = [create_theme(name, slug=slug, description=text) for slug, name, text in THEMES]
    raad = create_organisation("Raad voor de Kinderbescherming")
    ambassador = create_user(Role.AMBASSADOR, name="Noor Bakker", organisation=raad)
    now = utcnow()
    practice = create_post(
        PostKind.PRACTICE,
        author=ambassador,
        themes=themes[:2],
        title="Werven, selecteren en landen: een vragenlijst na 90 dagen",
        summary=(
            "Na drie maanden vragen we elke nieuwe collega hoe de start ging. "
            "De uitstroom in het eerste jaar daalde van 17% naar 3%."
        ),
        created_at=now - timedelta(days=3),
    )
    create_post(
        PostKind.PRACTICE,
        themes=themes[:1],
        title="De eerste maand zonder caseload in team Rivierenland",
        summary="Starters lopen een maand mee en krijgen vijf uur mentoring per week.",
        created_at=now - timedelta(days=9),
    )
    question = create_post(
        themes=themes[:1],
        title="Hoe lang duurt inwerken bij jullie, en wie doet het?",
        body=(
            "Wij merken dat starters na twee weken al een volle caseload hebben. "
            "Hoe pakken jullie dat aan?"
        ),
        created_at=now - timedelta(days=1),
    )
    create_reply(question, body="Bij ons krijgt iedere starter een buddy uit een ander team.")
    create_post(
        themes=themes[:1],
        title="Is een buddy uit een ander team een goed idee?",
        is_anonymous=True,
        visibility=Visibility.MEMBERS,
        created_at=now - timedelta(days=2),
    )
    moderator = create_user(Role.MODERATOR, email="moderator@example.nl", name="Mo Moderator")
    reporters = [create_user(name=f"Collega {n}") for n in range(3)]
    moderation.flag_content(
        reporters[0],
        question,
        FlagReason.PRIVACY,
        "Er staat een voornaam en een leeftijd van een kind in de tweede alinea.",
    )
    moderation.flag_content(reporters[1], question, FlagReason.PRIVACY)
    moderation.flag_content(reporters[2], question, FlagReason.INAPPROPRIATE)
    reply = create_reply(
        practice, body="Koop nu goedkope cursussen via onze site! Korting vandaag."
    )
    moderation.flag_content(reporters[0], reply, FlagReason.SPAM)
    hidden = create_reply(practice, body="Een reactie die een moderator verborg.")
    moderation.hide(moderator, hidden)
    email = moderator.email
    # Touch no model after this commit: an open SQLite transaction would block the server.
    db.session.commit()
    return email


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_theme_pages_and_moderation_queue_at_two_widths(app, live_server, page):
    moderator_email = seed()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server + "/themas")
        expect(page.get_by_role("heading", name="Inwerken")).to_be_visible()
        assert no_sideways_scroll(page)
        screenshot(page, f"themes-index-{width}")
        page.goto(live_server + "/themas/inwerken")
        assert page.get_by_role(
            "link", name="Werven, selecteren en landen: een vragenlijst na 90 dagen"
        ).is_visible()
        assert no_sideways_scroll(page)
        screenshot(page, f"theme-detail-{width}")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(moderator_email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server + "/moderatie")
        expect(page.get_by_text("3 meldingen")).to_be_visible()
        assert no_sideways_scroll(page)
        screenshot(page, f"moderation-queue-{width}")

    # Verbergen asks first; the test browser says no, so nothing is hidden.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Verbergen").first.click()
    assert page.dialogs and "verbergen" in page.dialogs[0].lower()
    page.get_by_role("button", name="Melding afwijzen").last.click()
    page.wait_for_load_state()
    expect(page.get_by_text("De meldingen zijn afgewezen")).to_be_visible()


def test_member_reports_a_question_in_the_browser(app, live_server, page):
    question = create_post(title="Hoe houden jullie de werkdruk van starters laag?")
    member = create_user(email="melder@example.nl")
    url, email = f"{live_server}/melden/post/{question.id}", member.email
    db.session.commit()

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")
    page.goto(url)
    page.get_by_label("Iets anders").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Vertel in een paar woorden wat er niet klopt.").first).to_be_visible()
    assert no_sideways_scroll(page)
    screenshot(page, "flag-form-error-375")
    page.get_by_label("Toelichting").fill("Dit lijkt een advertentie voor een cursus.")
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_load_state()
    assert "/vragen/" in page.url  # back to the question (its page comes with the posts feature)


def test_theme_administration_screens(app, live_server, page):
    for slug, name, text in THEMES:
        create_theme(name, slug=slug, description=text)
    admin = create_user(Role.ADMIN)
    email = admin.email
    db.session.commit()
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")
    page.goto(live_server + "/beheer/themas")
    screenshot(page, "themes-admin-1280")
    page.get_by_role("link", name="Samenvoegen Moreel letsel").click()
    assert page.get_by_label("Dit thema gaat op in het andere").input_value() != "0"
    page.get_by_role("button", name="Samenvoegen").click()  # the test browser declines the confirm
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "themes-merge-375")
