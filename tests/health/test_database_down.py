"""The database cannot be reached: visitors get a Dutch "even niet bereikbaar" page with a 503
and Retry-After, never a 500 or a traceback, for pages and for forms alike."""

from __future__ import annotations

import pytest

from community import create_app
from community.extensions import db
from tests.conftest import make_config
from tests.health.test_healthz import unreachable

NOT_REACHABLE = "even niet bereikbaar"


@pytest.fixture
def app_without_database(tmp_path, database_url):
    # CSRF off: a form filled in before the outage has a valid token, and its POST still reaches
    # the view; without this flag our POST would stop at the CSRF check instead.
    config = make_config(tmp_path, unreachable(database_url, tmp_path), WTF_CSRF_ENABLED=False)
    app = create_app(config)
    yield app
    with app.app_context():
        db.engine.dispose()


def assert_unavailable(response) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 503, page[:300]
    assert int(response.headers["Retry-After"]) > 0
    assert NOT_REACHABLE in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert "no-such-folder" not in page


@pytest.mark.parametrize("path", ["/", "/vragen", "/goede-voorbeelden", "/themas"])
def test_pages_say_the_site_is_briefly_unavailable(app_without_database, path):
    assert_unavailable(app_without_database.test_client().get(path))


def test_a_form_post_says_the_same(app_without_database):
    client = app_without_database.test_client()
    assert_unavailable(
        client.post("/inloggen", data={"email": "a@example.nl", "password": "iets-iets-iets"})
    )


def test_a_reset_request_is_taken_while_the_database_is_away(app_without_database):
    """The request only enqueues a job (the same work for every address); the job is retried
    once the database is back, so the answer is the usual one, not an error."""
    client = app_without_database.test_client()
    answer = client.post("/wachtwoord-vergeten", data={"email": "a@example.nl"})
    assert answer.status_code == 302 and answer.location.endswith("/inloggen")


def test_a_member_with_a_session_cookie_gets_the_same_page(app_without_database):
    from flask_login.utils import _create_identifier

    client = app_without_database.test_client()
    with app_without_database.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()  # the same browser: session protection lets it pass
    with client.session_transaction() as session:
        session.update({"_user_id": "1:0:some-key", "_fresh": True, "_id": identifier})
    assert_unavailable(client.get("/profiel"))
