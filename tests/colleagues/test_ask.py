""" "Vraag een collega": asking, the limits, opting out, anonymity; real HTTP and real SMTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.colleagues import services
from community.colleagues.models import ColleagueAsk
from community.errors import DomainError
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from community.posts import services as posts
from community.posts.models import Visibility
from tests.factories import create_organisation, create_post, create_theme, create_user


def ask_url(question) -> str:
    return f"/vragen/{question.id}/vraag-een-collega"


def page_of(question) -> str:
    return f"/vragen/{question.id}-{question.slug}"


def notifications_of(user) -> list[Notification]:
    return db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    ).all()


def test_a_member_asks_five_colleagues_and_a_sixth_is_refused(app, browser, smtp_server):
    asker = create_user(name="Sanne de Vries", email="sanne@example.nl")
    question = create_post(author=asker, title="Hoe houden jullie intervisie vol?")
    colleagues = [
        create_user(name=f"Collega {n}", email=f"collega{n}@example.nl") for n in range(6)
    ]
    db.session.commit()

    browser.login(asker.email)
    page = browser.get(ask_url(question)).get_data(as_text=True)
    assert "Collega 0" in page
    response = browser.submit(
        ask_url(question),
        {
            "colleagues": [str(c.id) for c in colleagues[:5]],
            "note": "Jullie team doet dit al jaren, toch?",
        },
    )
    assert response.status_code == 302
    messages = smtp_server.wait_for(5)
    assert sorted(str(m["To"]) for m in messages) == sorted(
        f"collega{n}@example.nl" for n in range(5)
    )
    mail = smtp_server.to("collega0@example.nl")[0]
    assert "Sanne de Vries" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    assert "Hoe houden jullie intervisie vol?" in text
    assert "Jullie team doet dit al jaren, toch?" in text
    assert f"/vragen/{question.id}-" in text
    [note] = notifications_of(colleagues[0])
    assert note.kind is NotificationKind.COLLEAGUE_ASKED and note.actor_id == asker.id
    meldingen = browser.get("/meldingen")  # as the asker: nothing; log in as the colleague
    assert meldingen.status_code == 200

    # The question page tells members who was asked.
    detail = browser.get(page_of(question)).get_data(as_text=True)
    assert "Gevraagd aan" in detail and "Collega 4" in detail

    # A sixth is refused, in Dutch, and nothing is sent.
    response = browser.submit(ask_url(question), {"colleagues": [str(colleagues[5].id)]})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "hoogstens 5 collega" in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ColleagueAsk)) == 5
    assert notifications_of(colleagues[5]) == []

    # The asked colleague sees it on /meldingen.
    browser.logout()
    browser.login(colleagues[0].email)
    meldingen = browser.get("/meldingen").get_data(as_text=True)
    assert "Sanne de Vries vraagt of je" in meldingen


def test_daily_limit_of_twenty(app):
    asker = create_user()
    now = utcnow()
    questions = [create_post(author=create_user()) for _ in range(5)]
    colleagues = [create_user() for _ in range(21)]
    for n, question in enumerate(questions[:4]):
        services.ask(asker, question, [c.id for c in colleagues[n * 5 : n * 5 + 5]], now=now)
    with pytest.raises(DomainError, match="hoogstens 20 collega's per dag"):
        services.ask(asker, questions[4], [colleagues[20].id], now=now)
    # A day later it works again.
    services.ask(asker, questions[4], [colleagues[20].id], now=now + timedelta(days=1, seconds=1))


def test_never_yourself_never_twice_never_a_closed_question(app):
    asker = create_user()
    colleague = create_user()
    question = create_post(author=asker)
    with pytest.raises(DomainError, match="Jezelf"):
        services.ask(asker, question, [asker.id])
    services.ask(asker, question, [colleague.id])
    with pytest.raises(DomainError, match="al gevraagd"):
        services.ask(create_user(), question, [colleague.id])
    answered = create_post(author=asker)
    reply = posts.post_reply(create_user(), answered, "Zo doen wij het.")
    posts.accept_answer(asker, reply)
    with pytest.raises(DomainError, match="geaccepteerd"):
        services.ask(asker, answered, [create_user().id])
    gone = create_user()
    gone.is_active = False
    deleted = create_user(deleted_at=utcnow())
    for user in (gone, deleted):
        with pytest.raises(DomainError, match="niet \\(meer\\) vragen"):
            services.ask(asker, create_post(author=asker), [user.id])


def test_opting_out_hides_a_member_and_refuses_asking_them(app, browser):
    asker = create_user(name="Sanne")
    shy = create_user(name="Wim Verlegen", email="wim@example.nl")
    question = create_post(author=create_user())
    db.session.commit()

    browser.login(shy.email)
    page = browser.get("/instellingen").get_data(as_text=True)
    assert "accepts_asks" in page
    browser.submit("/instellingen", {"notify_by_email": "y"})  # box for asking left unticked
    db.session.refresh(shy)
    assert shy.accepts_asks is False
    browser.logout()

    browser.login(asker.email)
    found = browser.get(ask_url(question) + "?q=Verlegen").get_data(as_text=True)
    assert "Wim Verlegen" not in found
    response = browser.submit(ask_url(question), {"colleagues": [str(shy.id)]})
    assert "niet (meer) vragen" in response.get_data(as_text=True)
    assert notifications_of(shy) == []


def test_candidates_found_by_name_organisation_and_theme(app):
    asker = create_user()
    question = create_post(author=create_user())
    org = create_organisation("Jeugdzorg Lingewaard")
    theme = create_theme("Moreel letsel")
    by_name = create_user(name="Fatima Bakker")
    by_org = create_user(name="Joris", organisation=org)
    by_theme = create_user(name="Eva")
    services.set_expertise(by_theme, [theme.id])
    assert [u.name for u in services.candidates(asker, question, query="bakker")] == [
        "Fatima Bakker"
    ]
    assert [u.id for u in services.candidates(asker, question, query="lingewaard")] == [by_org.id]
    assert [u.id for u in services.candidates(asker, question, theme=theme)] == [by_theme.id]
    assert [u.id for u in services.candidates(asker, question, query="moreel")] == [by_theme.id]
    assert asker.id not in [u.id for u in services.candidates(asker, question)]
    assert by_name.id in [u.id for u in services.candidates(asker, question)]


def test_anonymous_asker_stays_anonymous_in_notification_and_mail(app, browser, smtp_server):
    asker = create_user(name="Geheime Gerda", email="gerda@example.nl")
    question = posts.ask_question(
        asker,
        {
            "title": "Hoe ga je om met een collega die steeds uitvalt?",
            "body": "Ik vind het lastig om dit aan te kaarten.",
            "themes": [create_theme().id],
            "is_anonymous": True,
        },
    )
    colleague = create_user(name="Karin", email="karin@example.nl")
    db.session.commit()
    assert question.is_anonymous

    browser.login(asker.email)
    response = browser.submit(
        ask_url(question), {"colleagues": [str(colleague.id)], "note": "Jij weet hier veel van."}
    )
    assert response.status_code == 302
    [mail] = smtp_server.wait_for(1)
    raw = mail.as_bytes()
    assert b"Gerda" not in raw and b"gerda@" not in raw.lower()
    assert "Een lid van de Community" in mail["Subject"]
    assert mail["Reply-To"] is None
    [note] = notifications_of(colleague)
    assert note.actor_id is None
    browser.logout()

    browser.login(colleague.email)
    meldingen = browser.get("/meldingen").get_data(as_text=True)
    assert "Gerda" not in meldingen
    assert "Een lid van de Community vraagt of je" in meldingen
    detail = browser.get(page_of(question)).get_data(as_text=True)
    assert "Gerda" not in detail


def test_visitors_never_see_who_was_asked(app, client):
    asker = create_user()
    colleague = create_user(name="Zichtbare Zeger")
    question = create_post(author=asker, visibility=Visibility.PUBLIC)
    services.ask(asker, question, [colleague.id])
    db.session.commit()
    page = client.get(page_of(question)).get_data(as_text=True)
    assert "Zichtbare Zeger" not in page and "Gevraagd aan" not in page
    response = client.get(ask_url(question))
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_the_asker_hears_when_an_asked_colleague_answers(app, browser):
    asker = create_user(name="Sanne")
    colleague = create_user(name="Karel Kenner")
    question = create_post(author=asker)
    services.ask(asker, question, [colleague.id])
    db.session.commit()

    browser.login(colleague.email)
    browser.submit(
        f"/vragen/{question.id}/reageren",
        {"body": "Wij plannen het vast in, elke maand."},
        form_url=page_of(question),
    )
    kinds = [n.kind for n in notifications_of(asker)]
    assert NotificationKind.ASKED_ANSWERED in kinds
    browser.logout()
    browser.login(asker.email)
    meldingen = browser.get("/meldingen").get_data(as_text=True)
    assert "Karel Kenner beantwoordde" in meldingen and "zoals je vroeg" in meldingen


def test_members_only_question_is_askable_and_ask_needs_csrf(app, client, browser):
    asker = create_user()
    colleague = create_user()
    question = create_post(author=asker, visibility=Visibility.MEMBERS)
    db.session.commit()
    browser.login(asker.email)
    response = client.post(ask_url(question), data={"colleagues": [str(colleague.id)]})
    assert response.status_code == 400
    response = browser.submit(ask_url(question), {"colleagues": [str(colleague.id)]})
    assert response.status_code == 302
    assert len(notifications_of(colleague)) == 1


@pytest.mark.parametrize("role", [Role.PROFESSIONAL])
def test_privacy_guard_on_the_note(app, browser, role):
    asker = create_user(role)
    colleague = create_user()
    question = create_post(author=asker)
    db.session.commit()
    browser.login(asker.email)
    response = browser.submit(
        ask_url(question),
        {"colleagues": [str(colleague.id)], "note": "Bel de moeder op 06-12345678"},
    )
    assert response.status_code == 200
    assert "Ik heb dit gecontroleerd" in response.get_data(as_text=True)
    assert notifications_of(colleague) == []


def test_the_data_download_keeps_an_anonymous_asker_anonymous(app):
    from community.mydata.export import export_member_data

    asker = create_user(name="Geheime Gerda")
    colleague = create_user(name="Karin")
    theme = create_theme("Behouden")
    services.set_expertise(colleague, [theme.id])
    question = create_post(author=asker, is_anonymous=True)
    services.ask(asker, question, [colleague.id], in_own_name=False)
    data = export_member_data(colleague)
    assert [e["theme"] for e in data["weet_veel_van"]] == ["Behouden"]
    [received] = data["vraag_een_collega"]["aan_jou_gevraagd"]
    assert received["asked_by"] == "een lid van de Community"
    assert "Gerda" not in str(data)
    assert export_member_data(asker)["vraag_een_collega"]["gevraagd_door_jou"][0]["colleague"] == (
        "Karin"
    )


def test_ticked_colleagues_stay_ticked_when_the_note_needs_a_second_look(app, browser):
    asker = create_user()
    far = create_user(name="Zeldzame Zoë")
    question = create_post(author=asker)
    db.session.commit()
    browser.login(asker.email)
    # Searched for someone else, ticked Zoë on an earlier page, then the note was refused.
    response = browser.submit(
        ask_url(question) + "?q=niemand-heet-zo",
        {"colleagues": [str(far.id)], "note": "Bel 06-12345678"},
        form_url=ask_url(question),
    )
    page = response.get_data(as_text=True)
    assert "Zeldzame Zoë" in page
    assert f'value="{far.id}" checked' in page
