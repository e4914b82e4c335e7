"""The rate-limit store (Redis) is down: log-in and every limited form keep working on per-process
counting, and /healthz says so ("degraded", still 200: this worker can serve)."""

from __future__ import annotations

import pytest

from community.extensions import db
from tests.conftest import free_port
from tests.factories import PASSWORD, create_user
from tests.health.test_healthz import build_search_index

pytest.importorskip("redis", reason="limits needs the redis client for redis:// (dev extras)")

pytestmark = pytest.mark.config(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")


def test_log_in_and_limited_forms_work_while_redis_is_down(app, browser):
    create_user(email="redis-weg@example.nl")
    db.session.commit()
    forgot = browser.submit("/wachtwoord-vergeten", {"email": "redis-weg@example.nl"})
    assert forgot.status_code == 302
    assert (
        browser.submit(
            "/inloggen", {"email": "redis-weg@example.nl", "password": "niet-het-wachtwoord"}
        ).status_code
        == 200
    )
    browser.login("redis-weg@example.nl", PASSWORD)
    changed = browser.submit(
        "/instellingen/wachtwoord",
        {
            "current_password": PASSWORD,
            "new_password": "nieuw-wachtwoord-zonder-redis",
            "confirm_password": "nieuw-wachtwoord-zonder-redis",
        },
    )
    assert changed.status_code == 302


@pytest.mark.config(RESET_RATE_LIMIT="2 per minute")
def test_limits_still_hold_per_process_while_redis_is_down(app, browser):
    answers = [
        browser.submit("/wachtwoord-vergeten", {"email": "wie@example.nl"}).status_code
        for _ in range(3)
    ]
    assert answers == [302, 302, 429]


def test_healthz_names_the_fallback_and_stays_200(app, client, runner):
    build_search_index(runner)
    response = client.get("/healthz")
    body = response.get_json()
    assert body["rate_limits"] == {"status": "degraded", "fallback": "memory"}
    assert body["status"] == "degraded"
    assert response.status_code == 200
