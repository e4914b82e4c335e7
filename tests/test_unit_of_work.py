"""The one unit of work every view runs its service call in (community/unit_of_work.py).

A tiny blueprint, registered in the test's app, writes a real row and then breaks each rule in
turn; the real database shows what stayed. The last tests go through real views whose answers
the helper changed on purpose (issue 15, item 2).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask import Blueprint, redirect
from flask_wtf import FlaskForm
from wtforms import StringField

from community.accounts.models import Role
from community.errors import DomainError, NotAllowed
from community.extensions import csrf, db
from community.organisations.models import Organisation, OrganisationKind
from community.posts.models import PostKind
from community.unit_of_work import unit_of_work
from tests.factories import create_post, create_reply, create_user

NAME = "Stichting Halfgeschreven"


class NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Naam")


def _service(outcome: str) -> None:
    """A service that writes (and flushes) a row, then ends as asked."""
    db.session.add(Organisation(name=NAME, slug="halfgeschreven", kind=OrganisationKind.OTHER))
    db.session.flush()
    if outcome == "field":
        raise DomainError("Die naam is al bezet.", field="name")
    if outcome == "no-field":
        raise DomainError("Dat kan nu even niet.")
    if outcome == "not-allowed":
        raise NotAllowed("Alleen beheerders mogen dit.")
    if outcome == "bug":
        raise RuntimeError("a bug in the service")


def _test_blueprint() -> Blueprint:
    bp = Blueprint("uow_test", __name__)

    @bp.route("/test-unit-of-work/<outcome>", methods=["POST"])
    def act(outcome: str):
        form = NameForm()
        with unit_of_work("Opgeslagen.", form=form) as work:
            _service(outcome)
        if work.ok:
            return redirect("/")
        return {"field_errors": form.name.errors, "messages": work.messages}, 422

    csrf.exempt(bp)  # the rules under test come after the CSRF check, which has its own tests
    return bp


@pytest.fixture
def site(app, client):
    app.register_blueprint(_test_blueprint())
    return client


def organisations() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Organisation).where(Organisation.name == NAME)
    )


def flashes(client) -> list[tuple[str, str]]:
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))


def test_success_commits_the_row_and_thanks_once(site):
    response = site.post("/test-unit-of-work/ok")

    assert response.status_code == 302
    assert organisations() == 1
    assert flashes(site) == [("success", "Opgeslagen.")]


def test_a_broken_rule_with_a_field_leaves_no_half_written_row_and_goes_onto_the_form(site):
    response = site.post("/test-unit-of-work/field")

    assert response.status_code == 422
    assert response.json == {"field_errors": ["Die naam is al bezet."], "messages": []}
    assert organisations() == 0
    assert flashes(site) == []


def test_a_broken_rule_without_a_field_is_flashed_in_dutch_and_nothing_is_written(site):
    response = site.post("/test-unit-of-work/no-field")

    assert response.status_code == 422
    assert organisations() == 0
    assert flashes(site) == [("error", "Dat kan nu even niet.")]


def test_not_allowed_is_a_403_page_and_nothing_is_written(site):
    response = site.post("/test-unit-of-work/not-allowed")

    assert response.status_code == 403
    assert "Geen toegang" in response.get_data(as_text=True)
    assert organisations() == 0


@pytest.mark.config(PROPAGATE_EXCEPTIONS=False)
def test_an_unexpected_error_rolls_back_and_shows_the_dutch_500_page(site):
    response = site.post("/test-unit-of-work/bug")

    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant" in response.get_data(as_text=True)
    assert organisations() == 0


def test_the_rollback_is_the_helpers_own_so_a_later_commit_cannot_save_the_half_row(app):
    with app.test_request_context(method="POST"):
        with pytest.raises(RuntimeError), unit_of_work():
            _service("bug")
        db.session.commit()  # whatever commits later in the same request
    assert organisations() == 0


# --- Through real views ----------------------------------------------------------------------


def test_confirming_a_hidden_practice_as_current_is_refused_with_a_403_not_a_flash(browser):
    """NotAllowed was a flash in posts and a 403 in invites; now a 403 everywhere."""
    author = create_user(Role.AMBASSADOR, email="auteur@example.nl")
    practice = create_post(
        PostKind.PRACTICE, author=author, hidden_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    db.session.commit()
    browser.login(author.email)
    page = f"/goede-voorbeelden/{practice.id}-{practice.slug}"

    response = browser.submit(f"/goede-voorbeelden/{practice.id}/actueel", {}, form_url=page)

    assert response.status_code == 403
    db.session.refresh(practice)
    assert practice.reviewed_at is None


def test_a_form_shown_again_after_the_rollback_still_renders_what_it_loaded(browser):
    """The rollback expires what the view loaded (a reply and its post) before the page shows it
    again with the message: the page must load it afresh, not fail."""
    reporter = create_user(Role.PROFESSIONAL, email="melder@example.nl")
    post = create_post(title="Hoe geef je starters een warme landing?")
    reply = create_reply(post, body="Bij ons heeft iedere starter een buddy.")
    db.session.commit()
    browser.login(reporter.email)

    response = browser.submit(
        f"/melden/reply/{reply.id}", {"reason": "other", "explanation": "   "}, form_url="/"
    )

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Vertel in een paar woorden wat er niet klopt." in page
    assert "Hoe geef je starters een warme landing?" in page
