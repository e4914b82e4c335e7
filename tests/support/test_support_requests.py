"""Support requests, the way an asker and a helper meet them: ask, be matched, be helped, finish."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.errors import DomainError
from community.extensions import db
from community.privacy import PersonalDataFound
from community.support import services
from community.support.models import SupportOffer, SupportRequest, SupportStatus
from tests.factories import create_organisation, create_user
from tests.support.conftest import make_helper


def _input(themes, **changes) -> services.SupportInput:
    data = services.SupportInput(
        goal="We willen nieuwe collega's beter inwerken, maar missen tijd en een plan.",
        tried="Een buddy per starter, maar de buddy's hebben geen uren.",
        theme_ids=[t.id for t in themes],
        region="Gelderland",
        help_kind="gesprek",
        urgency="deze_maand",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def _links(message) -> list[str]:
    return re.findall(r"http://localhost/\S+", message.get_body(("plain",)).get_content())


# Matching ---------------------------------------------------------------------------------------


def test_matches_prefer_shared_themes_then_nearest_region_then_least_loaded(app, themes, asker_org):
    inwerken, behouden = themes["inwerken"], themes["behouden"]
    far = make_helper("Verre Vera", "vera@ver.example.nl", [inwerken, behouden], "Groningen")
    near = make_helper("Nabije Nora", "nora@nabij.example.nl", [inwerken], "Gelderland")
    both_near = make_helper(
        "Brede Bart", "bart@breed.example.nl", [inwerken, behouden], "gelderland"
    )
    national = make_helper("Landelijke Lies", "lies@land.example.nl", [inwerken], "Landelijk")
    make_helper("Andere Anna", "anna@ander.example.nl", [themes["mentorschap"]], "Gelderland")
    asker = create_user(Role.PROFESSIONAL, organisation=asker_org)
    request = services.ask_for_support(asker, _input([inwerken, behouden]))
    order = [m.user.id for m in services.matches(request)]
    # Two shared themes beat one; then the same region beats nationwide beats far away.
    assert order == [both_near.id, far.id, near.id, national.id]


def test_own_organisation_only_when_asked_and_full_helpers_skipped(app, themes, asker_org):
    inwerken = themes["inwerken"]
    colleague = make_helper(
        "Collega Cas", "cas@linde.example.nl", [inwerken], "Gelderland", organisation=asker_org
    )
    busy = make_helper("Drukke Dirk", "dirk@druk.example.nl", [inwerken], "Gelderland", per_month=1)
    asker = create_user(Role.PROFESSIONAL, organisation=asker_org)
    earlier = services.ask_for_support(create_user(), _input([inwerken]))
    db.session.execute(
        sa.update(SupportRequest)
        .where(SupportRequest.id == earlier.id)
        .values(helper_id=busy.id, taken_at=utcnow(), status=SupportStatus.IN_CONVERSATION)
    )
    request = services.ask_for_support(asker, _input([inwerken]))
    assert [m.user.id for m in services.matches(request)] == []
    own = services.ask_for_support(asker, _input([inwerken], allow_own_organisation=True))
    assert [m.user.id for m in services.matches(own)] == [colleague.id]


def test_nobody_to_offer_to_alerts_moderators_at_once(app, themes, asker_org, smtp_server):
    moderator = create_user(Role.MODERATOR, email="mod@community.example.nl")
    asker = create_user(Role.PROFESSIONAL, organisation=asker_org)
    request = services.ask_for_support(asker, _input([themes["behouden"]]))
    db.session.commit()
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == moderator.email
    assert "geen beschikbare ambassadeur" in mail.get_body(("plain",)).get_content()
    assert request.escalated_at is not None


# Asking over HTTP -------------------------------------------------------------------------------


def test_member_asks_and_the_best_matches_get_one_mail_each(
    app, browser, themes, asker_org, smtp_server
):
    inwerken = themes["inwerken"]
    helpers = [
        make_helper(f"Helper {n}", f"helper{n}@veld{n}.example.nl", [inwerken], "Gelderland")
        for n in range(4)
    ]
    asker = create_user(Role.PROFESSIONAL, email="asker@linde.example.nl", organisation=asker_org)
    db.session.commit()
    browser.login(asker.email)
    response = browser.submit(
        "/hulp-vragen",
        {
            "goal": "We willen een inwerkprogramma dat starters het eerste jaar vasthoudt.",
            "tried": "",
            "themes": str(inwerken.id),
            "region": "Gelderland",
            "help_kind": "begeleiding",
            "urgency": "snel",
        },
    )
    assert response.status_code == 302
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "We zoeken nog iemand die helpt." in page
    mails = smtp_server.wait_for(services.OFFER_TO)
    assert sorted(m["To"] for m in mails) == sorted(h.email for h in helpers[: services.OFFER_TO])
    assert all("Ik help" in m.get_body(("plain",)).get_content() for m in mails)


def test_bad_input_gets_dutch_messages_and_stores_nothing(app, browser, themes):
    response = browser.submit(
        "/hulp-vragen",
        {
            "goal": "",
            "themes": "",
            "region": "",
            "help_kind": "banaan",
            "urgency": "",
            "name": "Sam",
            "email": "geen-adres",
            "organisation_id": "0",
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Vul wat je wilt bereiken in." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SupportRequest)) == 0


def test_privacy_guard_stops_a_request_that_names_a_child(app, themes, asker_org):
    asker = create_user(Role.PROFESSIONAL, organisation=asker_org)
    with pytest.raises(PersonalDataFound):
        services.ask_for_support(
            asker, _input([themes["inwerken"]], goal="Het gaat om BSN 111222333 en haar gezin.")
        )
    confirmed = services.ask_for_support(
        asker,
        _input(
            [themes["inwerken"]],
            goal="Bel ons algemene nummer 030-1234567.",
            privacy_confirmed=True,
        ),
    )
    assert confirmed.privacy_confirmed


def test_visitor_confirms_by_mail_and_a_second_click_offers_a_new_link(
    app, browser, themes, asker_org, smtp_server
):
    helper = make_helper("Helper Hanna", "hanna@veld.example.nl", [themes["inwerken"]], "Utrecht")
    response = browser.submit(
        "/hulp-vragen",
        {
            "name": "Sam de Vries",
            "email": "sam@wijkteam.example.nl",
            "organisation_id": "0",
            "organisation_name": "Wijkteam Eikenrade",
            "requester_role": "teamleider",
            "goal": "Onze nieuwe collega's vertrekken binnen een jaar. Hoe begin je met behouden?",
            "themes": str(themes["inwerken"].id),
            "region": "Utrecht",
            "help_kind": "gesprek",
            "urgency": "kan_wachten",
        },
    )
    assert response.headers["Location"].endswith("/hulp-vragen/verstuurd")
    [confirm] = smtp_server.wait_for(1)
    assert confirm["To"] == "sam@wijkteam.example.nl"
    request = db.session.scalar(sa.select(SupportRequest))
    assert request.status is SupportStatus.UNCONFIRMED
    # Nobody else, and not the asker yet, sees an unconfirmed request.
    assert browser.get(f"/hulpvragen/{request.id}").status_code == 404

    [link] = _links(confirm)
    page = browser.get(link, follow_redirects=True).get_data(as_text=True)
    assert "Je hulpvraag is bevestigd" in page and "Wijkteam Eikenrade" in page
    offered = smtp_server.wait_for(2)[1]
    assert offered["To"] == helper.email
    db.session.expire_all()
    assert db.session.get(SupportRequest, request.id).status is SupportStatus.OPEN

    again = browser.client.application.test_client().get(link)
    assert again.status_code == 410
    assert "Stuur me een nieuwe link" in again.get_data(as_text=True)


# Ik help: first one wins ------------------------------------------------------------------------


def test_two_helpers_at_once_exactly_one_wins(app, themes, asker_org, smtp_server):
    inwerken = themes["inwerken"]
    first = make_helper("Eerste Eva", "eva@een.example.nl", [inwerken], "Gelderland")
    second = make_helper("Tweede Tom", "tom@twee.example.nl", [inwerken], "Gelderland")
    asker = create_user(Role.PROFESSIONAL, email="vrager@linde.example.nl", organisation=asker_org)
    request = services.ask_for_support(asker, _input([inwerken]))
    db.session.commit()
    smtp_server.wait_for(2)
    ids, request_id = (first.id, second.id), request.id
    db.session.commit()  # on SQLite every transaction writes: let the two helpers in
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def click(user_id: int) -> None:
        with app.app_context():
            helper = db.session.get(services.User, user_id)
            target = db.session.get(SupportRequest, request_id)
            db.session.commit()  # both have read the open request; now they click at once
            barrier.wait()
            try:
                services.take(helper, target)
                db.session.commit()
                outcomes[user_id] = "won"
            except DomainError as error:
                db.session.rollback()
                outcomes[user_id] = error.message
            except Exception as error:  # shown in the assertion below
                outcomes[user_id] = repr(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values(), key=len) == ["won", services.TAKEN_BY_OTHER]
    winner = next(i for i, o in outcomes.items() if o == "won")
    db.session.expire_all()
    stored = db.session.get(SupportRequest, request_id)
    assert stored.helper_id == winner and stored.status is SupportStatus.IN_CONVERSATION
    # The asker hears once who helps and how to reach them.
    told = smtp_server.wait_for(3)[2:]
    assert [m["To"] for m in told] == [asker.email]
    winner_email = first.email if winner == first.id else second.email
    assert winner_email in told[0].get_body(("plain",)).get_content()
    assert winner_email in told[0]["Reply-To"]


def test_the_later_click_is_told_kindly_over_http(app, browser, themes, asker_org):
    inwerken = themes["inwerken"]
    first = make_helper("Eerste Eva", "eva@een.example.nl", [inwerken], "Gelderland")
    second = make_helper("Tweede Tom", "tom@twee.example.nl", [inwerken], "Gelderland")
    request = services.ask_for_support(create_user(organisation=asker_org), _input([inwerken]))
    services.take(first, request)
    db.session.commit()
    browser.login(second.email)
    page = browser.get(f"/hulpvragen/{request.id}").get_data(as_text=True)
    assert "Ik help" not in page and "Eerste Eva" in page
    response = browser.submit(
        f"/hulpvragen/{request.id}/ik-help",
        {},
        form_url=f"/hulpvragen/{request.id}",
        follow_redirects=True,
    )
    assert "Een andere ambassadeur was je net voor" in response.get_data(as_text=True)


def test_only_those_involved_can_open_a_request(app, browser, themes, asker_org):
    inwerken = themes["inwerken"]
    make_helper("Helper", "helper@veld.example.nl", [inwerken], "Gelderland")
    request = services.ask_for_support(create_user(organisation=asker_org), _input([inwerken]))
    outsider = create_user(Role.AMBASSADOR, email="buiten@elders.example.nl")
    db.session.commit()
    assert browser.get(f"/hulpvragen/{request.id}").status_code == 404
    browser.login(outsider.email)
    assert browser.get(f"/hulpvragen/{request.id}").status_code == 404
    assert (
        browser.submit(f"/hulpvragen/{request.id}/ik-help", {}, form_url="/hulpvragen").status_code
        == 404
    )


# The thread, finishing, and a practice --------------------------------------------------------


def test_visitor_and_helper_talk_and_the_outcome_becomes_a_draft_practice(
    app, browser, themes, asker_org, smtp_server
):
    inwerken = themes["inwerken"]
    helper = make_helper("Helper Hanna", "hanna@veld.example.nl", [inwerken], "Gelderland")
    request = services.ask_for_support(
        None,
        _input(
            [inwerken],
            name="Sam",
            email="sam@wijkteam.example.nl",
            organisation_name="Wijkteam Eikenrade",
            requester_role="teamleider",
        ),
    )
    db.session.commit()
    [confirm] = smtp_server.wait_for(1)
    browser.get(_links(confirm)[0])  # confirmed: this browser may open the request now
    smtp_server.wait_for(2)
    services.take(helper, db.session.get(SupportRequest, request.id))
    db.session.commit()
    taken = smtp_server.wait_for(3)[2]
    assert taken["To"] == "sam@wijkteam.example.nl" and "Helper Hanna" in taken["Subject"]

    response = browser.submit(
        f"/hulpvragen/{request.id}/bericht",
        {"body": "Dank je! Past dinsdag om tien uur voor een eerste gesprek?"},
        form_url=f"/hulpvragen/{request.id}",
    )
    assert response.status_code == 302
    to_helper = smtp_server.wait_for(4)[3]
    assert (
        to_helper["To"] == helper.email
        and "dinsdag om tien uur" in to_helper.get_body(("plain",)).get_content()
    )
    browser.submit(
        f"/hulpvragen/{request.id}/afronden",
        {
            "outcome": "Een buddy met twee uur per week: na een half jaar is iedereen gebleven.",
            "organisation_may_be_named": "y",
        },
        form_url=f"/hulpvragen/{request.id}",
    )
    db.session.expire_all()
    stored = db.session.get(SupportRequest, request.id)
    assert stored.status is SupportStatus.DONE and stored.organisation_may_be_named

    helper_browser = type(browser)(app.test_client())
    helper_browser.login(helper.email)
    response = helper_browser.submit(
        f"/hulpvragen/{request.id}/goed-voorbeeld", {}, form_url=f"/hulpvragen/{request.id}"
    )
    assert response.headers["Location"].endswith("/goede-voorbeelden/nieuw")
    form = helper_browser.get("/goede-voorbeelden/nieuw").get_data(as_text=True)
    assert "Zo hielpen we Wijkteam Eikenrade op weg" in form
    assert "iedereen gebleven" in form


def test_organisation_is_not_named_without_consent(app, themes, asker_org):
    inwerken = themes["inwerken"]
    helper = make_helper("Helper", "helper@veld.example.nl", [inwerken], "Gelderland")
    asker = create_user(organisation=asker_org)
    request = services.ask_for_support(asker, _input([inwerken]))
    services.take(helper, request)
    services.finish(asker, request, "Het werkte.")
    draft = services.practice_draft(helper, request)
    assert "De Linde" not in draft["title"] and draft["title"].endswith("een organisatie op weg")


# Cron: escalation and reminders -----------------------------------------------------------------


def test_moderators_hear_once_after_three_days_and_a_quiet_conversation_gets_one_reminder(
    app, themes, asker_org, smtp_server
):
    inwerken = themes["inwerken"]
    moderator = create_user(Role.MODERATOR, email="mod@community.example.nl")
    helper = make_helper("Helper", "helper@veld.example.nl", [inwerken], "Gelderland")
    asked = utcnow() - timedelta(days=20)
    waiting = services.ask_for_support(
        create_user(organisation=asker_org), _input([inwerken]), now=asked
    )
    talking = services.ask_for_support(
        create_user(organisation=asker_org), _input([inwerken]), now=asked
    )
    services.take(helper, talking, now=asked)
    db.session.commit()
    before = len(smtp_server.wait_for(3))

    assert services.escalate_and_remind(now=asked + timedelta(days=2, hours=23)).escalated == 0
    result = services.escalate_and_remind(now=asked + timedelta(days=15))
    db.session.commit()
    assert (result.escalated, result.reminded) == (1, 1)
    new = smtp_server.wait_for(before + 3)[before:]
    assert sorted(m["To"] for m in new) == sorted([moderator.email, helper.email, talking.email])
    assert services.escalate_and_remind(now=asked + timedelta(days=16)).reminded == 0
    assert waiting.escalated_at is not None


def test_sweep_runs_from_the_command_line(app, runner, themes, asker_org):
    result = runner.invoke(args=["support", "sweep"])
    assert result.exit_code == 0 and "0 escalated" in result.output


# Availability and the movement page -----------------------------------------------------------


def test_ambassador_says_ik_denk_mee_and_a_member_may_not(app, browser, themes):
    ambassador = create_user(Role.AMBASSADOR, email="amb@veld.example.nl")
    member = create_user(Role.PROFESSIONAL, email="lid@veld.example.nl")
    db.session.commit()
    browser.login(member.email)
    assert browser.get("/ik-denk-mee").status_code == 403
    browser.logout()
    browser.login(ambassador.email)
    response = browser.submit(
        "/ik-denk-mee",
        {
            "active": "y",
            "themes": [str(themes["inwerken"].id)],
            "region": "Drenthe",
            "per_month": "3",
        },
    )
    assert response.status_code == 302
    offer = services.sparring_offer(ambassador)
    assert offer.active and offer.region == "Drenthe" and offer.per_month == 3


def test_movement_page_counts_requests_helped_and_median_days(app, client, themes, asker_org):
    inwerken = themes["inwerken"]
    helper = make_helper("Helper", "helper@veld.example.nl", [inwerken], "Gelderland")
    start = utcnow() - timedelta(days=10)
    for days in (1, 2, 4):
        request = services.ask_for_support(
            create_user(organisation=asker_org), _input([inwerken]), now=start
        )
        services.take(helper, request, now=start + timedelta(days=days))
    db.session.commit()
    assert services.figures() == services.Figures(3, 2.0)
    page = client.get("/de-beweging").get_data(as_text=True)
    assert 'id="geholpen"' in page and "3</span>" in page and "2,0" in page


def test_moderator_assigns_a_request_nobody_took(app, browser, themes, asker_org, smtp_server):
    moderator = create_user(Role.MODERATOR, email="mod@community.example.nl")
    ambassador = create_user(
        Role.AMBASSADOR, email="amb@veld.example.nl", organisation=create_organisation()
    )
    request = services.ask_for_support(
        create_user(organisation=asker_org), _input([themes["behouden"]])
    )
    db.session.commit()
    smtp_server.wait_for(1)  # moderators heard: nobody to offer it to
    browser.login(moderator.email)
    response = browser.submit(
        f"/hulpvragen/{request.id}/toewijzen",
        {"helper_id": str(ambassador.id)},
        form_url=f"/hulpvragen/{request.id}",
    )
    assert response.status_code == 302
    mails = smtp_server.wait_for(3)[1:]
    assert sorted(m["To"] for m in mails) == sorted([request.email, ambassador.email])
    db.session.expire_all()
    assert db.session.get(SupportRequest, request.id).helper_id == ambassador.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SupportOffer)) == 0
