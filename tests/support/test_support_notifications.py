"""A help request also shows on "Meldingen": for the ambassadors it was offered to, and for the
moderators once it is escalated. Someone who reads the site and not their mail still sees that a
colleague is waiting, and the notification tells no more about the asker than their mail does."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from community.support import services
from community.support.models import SupportRequest
from tests.factories import create_user
from tests.support.conftest import make_helper

GOAL = "We willen een inwerkprogramma dat starters het eerste jaar vasthoudt."
OFFERED_TEXT = "Een collega vraagt hulp bij ‘Inwerken’ — kun jij meedenken?"
ESCALATED_TEXT = "Een collega wacht op hulp bij ‘Inwerken’ — wil jij een helper zoeken?"
BADGE_ONE = 'class="badge">1<span class="visually-hidden"> ongelezen</span>'


def _notifications(user) -> list[Notification]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def _ask_through_the_form(browser, asker, themes) -> SupportRequest:
    browser.login(asker.email)
    response = browser.submit(
        "/hulp-vragen",
        {
            "goal": GOAL,
            "tried": "",
            "themes": str(themes["inwerken"].id),
            "region": "Gelderland",
            "help_kind": "begeleiding",
            "urgency": "snel",
        },
    )
    assert response.status_code == 302
    request_id = int(re.search(r"/hulpvragen/(\d+)$", response.headers["Location"]).group(1))
    browser.logout()
    return db.session.get(SupportRequest, request_id)


def _open_from_meldingen(browser, text: str) -> str:
    """Click the notification with `text` on /meldingen; the page it leads to."""
    page = browser.get("/meldingen").get_data(as_text=True)
    item = re.search(
        r'action="/meldingen/(\d+)"[^<]*<input[^>]*>\s*<button[^>]*>' + re.escape(text), page
    )
    assert item, page
    response = browser.submit(f"/meldingen/{item.group(1)}", {}, form_url="/meldingen")
    assert response.status_code == 302
    return response.headers["Location"]


def _assert_says_nothing_about_the_asker(page: str, asker, org) -> None:
    for secret in (asker.name, asker.email, org.name, GOAL[:40]):
        assert secret not in page


def test_offered_ambassador_sees_the_request_on_meldingen_and_opening_it_reads_it(
    app, browser, themes, asker_org
):
    inwerken = themes["inwerken"]
    helpers = [
        make_helper(f"Helper {n}", f"helper{n}@veld{n}.example.nl", [inwerken], "Gelderland")
        for n in range(services.OFFER_TO + 1)
    ]
    offered, not_offered = helpers[: services.OFFER_TO], helpers[services.OFFER_TO]
    other_theme = make_helper(
        "Andere Anna", "anna@ander.example.nl", [themes["mentorschap"]], "Gelderland"
    )
    moderator = create_user(Role.MODERATOR, email="mod@community.example.nl")
    asker = create_user(
        Role.PROFESSIONAL, name="Vera Vrager", email="vera@linde.example.nl", organisation=asker_org
    )
    db.session.commit()

    request = _ask_through_the_form(browser, asker, themes)

    for helper in offered:
        [notification] = _notifications(helper)
        assert notification.kind is NotificationKind.SUPPORT_OFFERED
        assert notification.read_at is None
    # Nobody the request was not put before hears of it (the moderator only when it escalates).
    for user in (not_offered, other_theme, moderator, asker):
        assert _notifications(user) == []

    browser.login(offered[0].email)
    page = browser.get("/meldingen").get_data(as_text=True)
    assert OFFERED_TEXT in page
    assert BADGE_ONE in page  # the header's unread count includes it
    _assert_says_nothing_about_the_asker(page, asker, asker_org)

    detail_url = f"/hulpvragen/{request.id}"
    assert _open_from_meldingen(browser, OFFERED_TEXT) == detail_url
    detail = browser.get(detail_url).get_data(as_text=True)
    assert GOAL in detail and "Ik help" in detail
    [notification] = _notifications(offered[0])
    assert notification.read_at is not None
    page = browser.get("/meldingen").get_data(as_text=True)
    assert "is-unread" not in page and "ongelezen" not in page
    # The others it was offered to still have theirs unread.
    assert _notifications(offered[1])[0].read_at is None

    # Once someone helps, the others' notification says so instead of asking.
    assert (
        browser.submit(f"/hulpvragen/{request.id}/ik-help", {}, form_url=detail_url).status_code
        == 302
    )
    page = browser.get("/meldingen").get_data(as_text=True)
    assert "Je helpt een collega bij ‘Inwerken’" in page and OFFERED_TEXT not in page
    browser.logout()
    browser.login(offered[1].email)
    page = browser.get("/meldingen").get_data(as_text=True)
    assert "Een collega vroeg hulp bij ‘Inwerken’ — er helpt nu iemand" in page
    assert BADGE_ONE in page

    # An ambassador it was not offered to sees no notification, and no way in.
    browser.logout()
    browser.login(not_offered.email)
    page = browser.get("/meldingen").get_data(as_text=True)
    assert "Een collega vraagt hulp" not in page and "ongelezen" not in page
    assert browser.get(f"/hulpvragen/{request.id}").status_code == 404


def test_moderator_sees_a_request_nobody_took_after_the_nightly_sweep(
    app, browser, runner, themes, asker_org
):
    helper = make_helper("Helper Hanna", "hanna@veld.example.nl", [themes["inwerken"]], "Utrecht")
    moderator = create_user(Role.MODERATOR, email="mod@community.example.nl")
    admin = create_user(Role.ADMIN, email="admin@community.example.nl")
    asker = create_user(
        Role.PROFESSIONAL, name="Vera Vrager", email="vera@linde.example.nl", organisation=asker_org
    )
    db.session.commit()
    request = _ask_through_the_form(browser, asker, themes)
    assert _notifications(moderator) == []

    # The nightly `flask support sweep`, three days and a bit later; nothing before that.
    assert runner.invoke(args=["support", "sweep"]).output.startswith("0 escalated")
    later = utcnow() + services.ESCALATE_AFTER + timedelta(hours=1)
    assert services.escalate_and_remind(now=later).escalated == 1
    db.session.commit()
    assert services.escalate_and_remind(now=later + timedelta(days=1)).escalated == 0
    db.session.commit()

    for user in (moderator, admin):
        assert [n.kind for n in _notifications(user)] == [NotificationKind.SUPPORT_ESCALATED]
    assert [n.kind for n in _notifications(helper)] == [NotificationKind.SUPPORT_OFFERED]
    assert _notifications(asker) == []

    browser.login(moderator.email)
    page = browser.get("/meldingen").get_data(as_text=True)
    assert ESCALATED_TEXT in page and BADGE_ONE in page
    _assert_says_nothing_about_the_asker(page, asker, asker_org)
    assert _open_from_meldingen(browser, ESCALATED_TEXT) == f"/hulpvragen/{request.id}"
    detail = browser.get(f"/hulpvragen/{request.id}").get_data(as_text=True)
    assert "Kies een ambassadeur" in detail  # where the moderator assigns a helper
    assert _notifications(moderator)[0].read_at is not None
    assert _notifications(admin)[0].read_at is None


def test_nobody_to_offer_to_shows_moderators_at_once_without_the_visitors_name(
    app, browser, themes, smtp_server
):
    moderator = create_user(Role.MODERATOR, email="mod@community.example.nl")
    bystander = create_user(Role.AMBASSADOR, email="amb@elders.example.nl")
    db.session.commit()
    response = browser.submit(
        "/hulp-vragen",
        {
            "name": "Sam de Vries",
            "email": "sam@wijkteam.example.nl",
            "organisation_id": "0",
            "organisation_name": "Wijkteam Eikenrade",
            "requester_role": "teamleider",
            "goal": GOAL,
            "themes": str(themes["inwerken"].id),
            "region": "Utrecht",
            "help_kind": "gesprek",
            "urgency": "kan_wachten",
        },
    )
    assert response.headers["Location"].endswith("/hulp-vragen/verstuurd")
    [confirm] = smtp_server.wait_for(1)
    # Not confirmed yet: nobody hears of it.
    assert _notifications(moderator) == []
    [link] = re.findall(r"http://localhost/\S+", confirm.get_body(("plain",)).get_content())
    browser.get(link)
    smtp_server.wait_for(2)  # the moderator's mail: no ambassador matched

    assert [n.kind for n in _notifications(moderator)] == [NotificationKind.SUPPORT_ESCALATED]
    assert _notifications(bystander) == []
    browser.login(moderator.email)
    page = browser.get("/meldingen").get_data(as_text=True)
    assert ESCALATED_TEXT in page
    for secret in ("Sam de Vries", "sam@wijkteam.example.nl", "Wijkteam Eikenrade", GOAL[:40]):
        assert secret not in page


def test_meldingen_with_help_requests_issues_the_same_queries_for_5_and_50(
    app, browser, themes, asker_org
):
    from tests.posts.test_query_counts import queries_for

    member = create_user(Role.AMBASSADOR, email="lezer@example.nl")
    db.session.commit()
    browser.login(member.email)
    inwerken, behouden = themes["inwerken"], themes["behouden"]

    def add(n: int) -> None:
        for i in range(n):
            request = services.ask_for_support(
                create_user(organisation=asker_org),
                services.SupportInput(
                    goal=GOAL,
                    tried="",
                    theme_ids=[inwerken.id, behouden.id][: 1 + i % 2],
                    region="Gelderland",
                    help_kind="gesprek",
                    urgency="deze_maand",
                ),
            )
            kind = (NotificationKind.SUPPORT_OFFERED, NotificationKind.SUPPORT_ESCALATED)[i % 2]
            db.session.add(
                Notification(user_id=member.id, kind=kind, support_request_id=request.id)
            )

    add(5)
    few = queries_for(browser.client, "/meldingen")
    add(45)
    many = queries_for(browser.client, "/meldingen")
    assert few == many, f"meldingen: {few} queries with 5 help requests, {many} with 50"
