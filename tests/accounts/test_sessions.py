"""Log-out ends the session on the server: over real HTTP, a cookie saved before log-out, or the
remember-me cookie, replayed afterwards opens nothing; "Overal uitloggen" ends other devices too.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from werkzeug.serving import make_server

from community.accounts import password_reset
from community.extensions import db
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, create_user


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpBrowser:
    """A client over a real socket with its own cookie jar, like one browser on one device."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, cookie: str | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        if cookie is not None:  # a replayed Cookie header, bypassing the jar
            request.add_unredirected_header("Cookie", cookie)
            opener = urllib.request.build_opener(_NoRedirect())
        else:
            opener = self.opener
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, path: str, data: dict, form_path: str = "/"):
        _, page = self.request(form_path)
        return self.request(path, {"csrf_token": csrf_token_from(page), **data})

    def login(self, email: str, remember: bool = False):
        data = {"email": email, "password": PASSWORD}
        if remember:
            data["remember"] = "y"
        status, _ = self.submit("/inloggen", data, "/inloggen")
        assert status == 302, "login failed"

    def cookies(self) -> dict[str, str]:
        return {cookie.name: cookie.value for cookie in self.jar}

    def cookie_header(self, *names: str) -> str:
        saved = self.cookies()
        return "; ".join(f"{name}={saved[name]}" for name in names)

    def logged_in(self, cookie: str | None = None) -> bool:
        _, page = self.request("/profiel", cookie=cookie)
        return "Uitloggen" in page


@pytest.fixture
def served(app):
    """The app on a loopback port, served by a threaded WSGI server like a real worker."""
    db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


EMAIL = "sessie@example.nl"


@pytest.fixture
def member(app):
    """A member's address: the test thread does not touch the database while the server serves
    (an open SQLite transaction here would block the server's writes)."""
    create_user(email=EMAIL)
    db.session.commit()
    return EMAIL


def test_session_cookie_saved_before_logout_opens_nothing_after_it(member, served):
    browser = HttpBrowser(served)
    browser.login(member)
    saved = browser.cookie_header("session")
    assert browser.logged_in(cookie=saved)

    status, _ = browser.submit("/uitloggen", {})
    assert status == 302
    assert not browser.logged_in()
    assert not browser.logged_in(cookie=saved)


def test_remember_cookie_replayed_after_logout_does_not_log_in(member, served):
    browser = HttpBrowser(served)
    browser.login(member, remember=True)
    remember = browser.cookie_header("remember_token")
    # The remember cookie on its own (a new browser session) logs in before log-out...
    assert browser.logged_in(cookie=remember)

    browser.submit("/uitloggen", {})
    # ...and after it, from anywhere, it does not.
    assert not browser.logged_in(cookie=remember)


def test_logout_ends_only_this_device(member, served):
    laptop, phone = HttpBrowser(served), HttpBrowser(served)
    laptop.login(member)
    phone.login(member)
    laptop.submit("/uitloggen", {})
    assert not laptop.logged_in()
    assert phone.logged_in()


def test_log_out_everywhere_ends_every_other_session(member, served):
    laptop, phone = HttpBrowser(served), HttpBrowser(served)
    laptop.login(member)
    phone.login(member, remember=True)
    phone_remember = phone.cookie_header("remember_token")

    _, settings = laptop.request("/instellingen")
    assert "Overal uitloggen" in settings
    status, _ = laptop.submit("/instellingen/overal-uitloggen", {}, "/instellingen")
    assert status == 302

    assert not laptop.logged_in()
    assert not phone.logged_in()
    assert not phone.logged_in(cookie=phone_remember)
    laptop.login(member)  # logging in again works as ever
    assert laptop.logged_in()


def test_log_out_everywhere_needs_csrf(member, served):
    browser = HttpBrowser(served)
    browser.login(member)
    status, _ = browser.request("/instellingen/overal-uitloggen", {})
    assert status == 400
    assert browser.logged_in()


# --- Item 10: a password change ends every open reset link ------------------------------------


def test_reset_link_from_before_a_password_change_in_settings_stops_working(member, served):
    token = password_reset.request_password_reset(member)
    db.session.commit()
    browser = HttpBrowser(served)
    assert browser.request(f"/wachtwoord-herstellen/{token}")[0] == 200

    browser.login(member)
    status, _ = browser.submit(
        "/instellingen/wachtwoord",
        {
            "current_password": PASSWORD,
            "new_password": "mijn-nieuwe-wachtwoord",
            "confirm_password": "mijn-nieuwe-wachtwoord",
        },
        "/instellingen/wachtwoord",
    )
    assert status == 302

    stranger = HttpBrowser(served)
    status, page = stranger.request(f"/wachtwoord-herstellen/{token}")
    assert status == 404
    status, _ = stranger.submit(
        f"/wachtwoord-herstellen/{token}",
        {"new_password": "overgenomen-wachtwoord", "confirm_password": "overgenomen-wachtwoord"},
        "/inloggen",
    )
    assert status == 404
    from community.accounts import services

    assert services.authenticate(member, "overgenomen-wachtwoord") is None
    assert services.authenticate(member, "mijn-nieuwe-wachtwoord") is not None
