"""The readiness check: its bands, that one person's answers are never stored, and team rounds
where the owner sees only the spread per question, and only from three answers on."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from community import tokens
from community.accounts.models import Role
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.readiness import services
from community.readiness.models import Response, Round
from tests.factories import create_theme, create_user


def answers(yes: int) -> dict[str, bool]:
    """The first `yes` questions answered ja, the rest nee."""
    return {q.key: i < yes for i, q in enumerate(services.QUESTIONS)}


def form_data(yes: int) -> dict[str, str]:
    return {k: "ja" if v else "nee" for k, v in answers(yes).items()}


def test_nine_questions_in_three_groups_of_three():
    assert [g.key for g in services.GROUPS] == ["leiderschap", "organisatie", "middelen"]
    for group in services.GROUPS:
        assert sum(1 for q in services.QUESTIONS if q.group == group.key) == 3


@pytest.mark.parametrize(
    "yes, band",
    [
        (0, "Nog niet klaar"),
        (3, "Nog niet klaar"),
        (4, "Werk eerst aan de voorwaarden"),
        (6, "Werk eerst aan de voorwaarden"),
        (7, "Goede basis om te starten"),
        (9, "Goede basis om te starten"),
    ],
)
def test_bands_turn_at_3_4_and_6_7(yes, band):
    outcome = services.assess(answers(yes))
    assert outcome.score == yes
    assert outcome.band.title == band
    assert outcome.band.steps  # every band has concrete next steps


def test_every_question_needs_an_answer():
    partial = answers(5)
    del partial["q9"]
    with pytest.raises(DomainError):
        services.assess(partial)


def test_the_check_alone_stores_nothing_and_links_steps_to_themes(app, browser, client):
    create_theme("Leiderschap", slug="leiderschap")
    db.session.commit()
    page = client.get("/klaar-voor-verandering/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Zijn leidinggevenden en bestuur bereid om zeggenschap te delen?" in html
    assert client.post("/klaar-voor-verandering/", data=form_data(5)).status_code == 400  # CSRF

    result = browser.submit("/klaar-voor-verandering/", form_data(5))
    html = result.get_data(as_text=True)
    assert result.status_code == 200
    assert "Werk eerst aan de voorwaarden" in html and "5 van de 9" in html
    assert 'href="/themas/leiderschap"' in html  # the theme exists: its page
    assert "/zoeken?q=" in html  # the theme that does not: a search
    assert "/rekentool/" in html
    assert "we hebben je antwoorden niet bewaard" in html
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 0

    incomplete = browser.submit("/klaar-voor-verandering/", {"q1": "ja"})
    assert "Nog 8 vragen zonder antwoord" in incomplete.get_data(as_text=True)


def test_round_results_stay_hidden_below_three_answers(app):
    owner = create_user(Role.AMBASSADOR)
    round_, _token = services.start_round(owner, "Team Noord", 14)
    for yes in (9, 2):
        services.answer_round(round_, answers(yes))
    hidden = services.results(owner, round_.id)
    assert (hidden.count, hidden.visible, hidden.spread, hidden.bands) == (2, False, [], [])
    assert hidden.missing == 1

    services.answer_round(round_, answers(5))
    shown = services.results(owner, round_.id)
    assert shown.visible and shown.count == 3
    first = shown.spread[0]
    assert (first.yes, first.no) == (3, 0)
    last = shown.spread[-1]
    assert (last.yes, last.no) == (1, 2)
    assert [n for _, n in shown.bands] == [1, 1, 1]


def test_only_ambassadors_start_rounds_and_only_the_owner_sees_them(app):
    member = create_user(Role.PROFESSIONAL)
    with pytest.raises(NotAllowed):
        services.start_round(member, "Team", 14)
    owner, other = create_user(Role.AMBASSADOR), create_user(Role.AMBASSADOR)
    round_, _ = services.start_round(owner, "Team", 14)
    with pytest.raises(NotAllowed):
        services.results(other, round_.id)


def test_the_link_is_stored_hashed_expires_and_can_be_replaced(app):
    owner = create_user(Role.AMBASSADOR)
    now = utcnow()
    round_, token = services.start_round(owner, "Team", 7, now=now)
    assert round_.token_hash == tokens.hash_token(token) and token not in round_.token_hash
    assert services.round_for_token(token, now=now) is round_
    with pytest.raises(DomainError):
        services.round_for_token(token, now=now + timedelta(days=7, seconds=1))
    fresh = services.new_link(owner, round_.id, now=now)
    with pytest.raises(DomainError):
        services.round_for_token(token, now=now)
    assert services.round_for_token(fresh, now=now) is round_
    services.close_round(owner, round_.id)
    with pytest.raises(DomainError):
        services.round_for_token(fresh)


def link_on(html: str) -> str:
    match = re.search(
        r'id="ronde-link" value="http://[^/]+(/klaar-voor-verandering/t/[^"]+)"', html
    )
    assert match, "no round link on the page"
    return match.group(1)


def test_a_team_round_over_http(app, client, browser):
    member = create_user(Role.PROFESSIONAL, email="lid@example.nl")
    owner = create_user(Role.AMBASSADOR, email="anna@example.nl")
    other = create_user(Role.AMBASSADOR, email="ahmed@example.nl")
    db.session.commit()

    # Visitors are sent to log in; members may not start a round.
    assert client.get("/klaar-voor-verandering/teamrondes").status_code == 302
    browser.login(member.email)
    assert client.get("/klaar-voor-verandering/teamrondes").status_code == 403
    refused = browser.submit(
        "/klaar-voor-verandering/teamrondes", {"title": "Team", "days": "14"}, form_url="/"
    )
    assert refused.status_code == 403
    browser.logout()

    browser.login(owner.email)
    started = browser.submit(
        "/klaar-voor-verandering/teamrondes", {"title": "Team Noord", "days": "14"}
    )
    assert started.status_code == 302
    round_page = client.get(started.headers["Location"])
    html = round_page.get_data(as_text=True)
    path = link_on(html)
    assert "De uitkomst verschijnt zodra minstens 3 collega" in html
    round_id = db.session.scalar(sa.select(Round.id))
    browser.logout()

    # Colleagues answer without an account, each from their own browser.
    def colleague_answers(yes: int):
        from tests.conftest import Browser

        colleague = Browser(app.test_client())
        form = colleague.get(path)
        assert form.status_code == 200
        assert "Je antwoorden zijn anoniem" in form.get_data(as_text=True)
        done = colleague.submit(path, form_data(yes))
        assert done.status_code == 200
        assert "anoniem bewaard" in done.get_data(as_text=True)
        return colleague

    first = colleague_answers(8)
    # The same browser once more: told it took part, and not counted twice.
    assert "Je deed al mee" in first.get(path).get_data(as_text=True)
    again = first.submit(path, form_data(1), form_url="/klaar-voor-verandering/")
    assert "Je deed al mee" in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 1
    colleague_answers(2)

    browser.login(owner.email)
    two = client.get(f"/klaar-voor-verandering/teamrondes/{round_id}").get_data(as_text=True)
    assert "nu 2 antwoorden" in two and "nog 1 te gaan" in two
    assert "<table" not in two  # no spread below the floor
    browser.logout()

    colleague_answers(5)
    browser.login(other.email)  # another ambassador does not see Anna's round
    assert client.get(f"/klaar-voor-verandering/teamrondes/{round_id}").status_code == 404
    browser.logout()

    browser.login(owner.email)
    three = client.get(f"/klaar-voor-verandering/teamrondes/{round_id}").get_data(as_text=True)
    assert "<table" in three
    assert re.search(r"bereid om zeggenschap te delen\?</th><td>3</td><td>0</td>", three)
    assert re.search(r"begeleiden\?</th><td>0</td><td>3</td>", three)

    closed = browser.submit(f"/klaar-voor-verandering/teamrondes/{round_id}/sluiten", {})
    assert closed.status_code == 302
    assert client.get(path).status_code == 404  # the link stops working
    removed = browser.submit(f"/klaar-voor-verandering/teamrondes/{round_id}/verwijderen", {})
    assert removed.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 0


def test_an_unknown_link_gets_a_kind_page(client):
    response = client.get("/klaar-voor-verandering/t/bestaat-niet")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.get_data(as_text=True)


def test_only_the_owner_renews_closes_or_deletes_a_round(app, client, browser):
    owner = create_user(Role.AMBASSADOR, email="anna@example.nl")
    other = create_user(Role.AMBASSADOR, email="ahmed@example.nl")
    round_, token = services.start_round(owner, "Team Noord", 14)
    db.session.commit()
    round_id = round_.id
    base = f"/klaar-voor-verandering/teamrondes/{round_id}"

    browser.login(other.email)
    for action in ("nieuwe-link", "sluiten", "verwijderen"):
        assert browser.submit(f"{base}/{action}", {}, form_url="/").status_code == 404, action
    browser.logout()

    browser.login(owner.email)
    assert client.post(f"{base}/nieuwe-link").status_code == 400  # CSRF on
    renewed = browser.submit(f"{base}/nieuwe-link", {}, form_url="/")
    assert renewed.status_code == 302
    html = client.get(base).get_data(as_text=True)
    assert "De oude werkt niet meer" in html or "de oude werkt dan niet meer" in html
    new_path = link_on(html)
    assert client.get(f"/klaar-voor-verandering/t/{token}").status_code == 404
    assert client.get(new_path).status_code == 200
    db.session.expire_all()
    assert db.session.get(Round, round_id).closed_at is None


def test_a_weak_group_gets_its_own_step_first():
    # Leiderschap and organisatie all ja, middelen all nee: 6, but the money is missing.
    outcome = services.assess(answers(6))
    assert [yes for _, yes in outcome.per_group] == [3, 3, 0]
    assert outcome.steps[0] is services.GROUP_STEPS["middelen"]
    links = [s.link for s in outcome.steps]
    assert len(links) == len(set(links))  # the band's own rekentool step is not repeated
    assert services.assess(answers(9)).steps == list(services.BANDS[0].steps)
