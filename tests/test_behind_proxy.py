"""Behind a reverse proxy: each visitor keeps their own address, but only when we say so."""

from __future__ import annotations

import pytest

ATTEMPT = {"email": "x@example.nl", "password": "fout-wachtwoord"}


def attempt(browser, forwarded_for: str):
    return browser.submit("/inloggen", ATTEMPT, headers={"X-Forwarded-For": forwarded_for})


@pytest.mark.config(TRUSTED_PROXIES=1, LOGIN_FAILURES_PER_ADDRESS=2)
def test_behind_a_trusted_proxy_each_visitor_has_their_own_login_limit(app, browser):
    assert attempt(browser, "203.0.113.7").status_code == 200
    assert attempt(browser, "203.0.113.7").status_code == 200
    assert attempt(browser, "203.0.113.7").status_code == 429
    assert attempt(browser, "198.51.100.4").status_code == 200


@pytest.mark.config(LOGIN_FAILURES_PER_ADDRESS=2)
def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(app, browser):
    assert attempt(browser, "203.0.113.7").status_code == 200
    assert attempt(browser, "203.0.113.8").status_code == 200
    assert attempt(browser, "203.0.113.9").status_code == 429
