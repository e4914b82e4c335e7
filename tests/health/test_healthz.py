"""/healthz tells a load balancer whether this worker can serve: 200 when it can, 503 when not."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from community import create_app
from community.extensions import db, limiter
from tests.conftest import free_port, make_config


def build_search_index(runner):
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output


def test_healthz_is_ok_when_database_and_index_answer(client, runner):
    build_search_index(runner)
    statements: list[str] = []
    record = lambda _c, _cur, statement, *_a: statements.append(statement)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.get("/healthz")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

    assert response.status_code == 200
    assert response.is_json
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok"}
    assert body["search_index"]["status"] == "ok"
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    # A read and nothing else: GET never writes.
    assert not [s for s in statements if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert "SELECT 1" in statements


def unreachable(database_url: str, tmp_path) -> str:
    """A database URL of the same backend that cannot be opened."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'no-such-folder' / 'community.db'}"
    return url.set(host="127.0.0.1", port=free_port()).render_as_string(hide_password=False)


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path, database_url):
    app = create_app(make_config(tmp_path, unreachable(database_url, tmp_path)))
    try:
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["status"] == "fail"
        assert body["database"] == {"status": "fail", "error": "OperationalError"}
        assert "no-such-folder" not in response.get_data(as_text=True)  # no paths or passwords out
        assert "Set-Cookie" not in response.headers
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.mark.config(SEARCH_INDEX_DIR="/dev/null/no-index-here")
def test_healthz_is_503_when_the_search_index_cannot_be_opened(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["search_index"]["status"] == "fail"


@pytest.fixture
def default_rate_limit():
    """RATELIMIT_DEFAULT sticks to the one global Limiter for every later app: take it off after."""
    yield
    limiter.limit_manager.set_default_limits([])


@pytest.mark.config(RATELIMIT_DEFAULT="2 per minute")
def test_healthz_is_never_rate_limited(default_rate_limit, client, runner):
    build_search_index(runner)
    assert [client.get("/healthz").status_code for _ in range(5)] == [200] * 5
    assert [client.get("/").status_code for _ in range(3)] == [200, 200, 429]  # the limit is on


def test_healthz_needs_no_login(client, runner):
    build_search_index(runner)
    response = client.get("/healthz")
    assert response.status_code == 200 and "/inloggen" not in response.headers.get("Location", "")
