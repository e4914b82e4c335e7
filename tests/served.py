"""The test's database served by gunicorn (2 workers) on a loopback port, and a small HTTP client.

For tests of what only real concurrency shows: two requests in two worker processes at the same
moment (a double click, two tabs, two hosts). Use it by importing the fixture into a test module:

    from tests.served import served  # noqa: F401  (a pytest fixture)

`served.session()` gives an `HttpSession`: its own cookie jar (one browser, or one tab of a
logged-in member), forms posted with all their hidden fields the way a browser sends them.
`create()` is the factory gunicorn loads; it reads the app settings from an environment variable.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html import unescape
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from community import database
from community.extensions import db
from tests.conftest import free_port, make_config
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
CONFIG_VARIABLE = "COMMUNITY_SERVED_TEST_CONFIG"


def create():
    """gunicorn's app factory: `tests.served:create()`."""
    from community import create_app

    return create_app(json.loads(os.environ[CONFIG_VARIABLE]))


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        """The redirect target as a path ("/vragen/1-..."), whatever host the app put in it."""
        target = urllib.parse.urlsplit(self.headers.get("location", ""))
        return target.path + (f"#{target.fragment}" if target.fragment else "")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test sees the 302 itself


INPUT_RE = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)


def hidden_fields(html: str, action: str | None = None) -> dict[str, str]:
    """The hidden inputs of the first form (posting to `action`, if given) on a page."""
    for attributes, inner in FORM_RE.findall(html):
        attrs = dict(ATTR_RE.findall(attributes))
        target = unescape(attrs.get("action", "")).split("#")[0]
        if action is not None and target not in (action, ""):
            continue
        fields = {}
        for tag in INPUT_RE.findall(inner):
            attrs = {k.lower(): unescape(v) for k, v in ATTR_RE.findall(tag)}
            if attrs.get("type", "").lower() == "hidden" and "name" in attrs:
                fields[attrs["name"]] = attrs.get("value", "")
        if "csrf_token" in fields:
            return fields
    raise AssertionError(f"no form{f' to {action}' if action else ''} with a CSRF token")


class HttpSession:
    """One browser: a cookie jar, no automatic redirects, every call a real HTTP request."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirects()
        )

    def request(self, method: str, path: str, data: dict | list | None = None) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, method=method)
        try:
            with self.opener.open(request, timeout=60) as answer:
                status, headers, raw = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:  # 3xx/4xx/5xx: still an answer
            status, headers, raw = error.code, error.headers, error.read()
        return Response(
            status, {k.lower(): v for k, v in headers.items()}, raw.decode("utf-8", "replace")
        )

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict | list) -> Response:
        return self.request("POST", path, data)

    def form(self, path: str, action: str | None = None) -> dict[str, str]:
        """Open a page and take the hidden fields of its form, as a browser would send them."""
        page = self.get(path)
        assert page.status == 200, f"GET {path} answered {page.status}"
        return hidden_fields(page.body, action)

    def login(self, email: str, password: str = PASSWORD) -> None:
        fields = self.form("/inloggen")
        answer = self.post("/inloggen", {**fields, "email": email, "password": password})
        assert answer.status == 302, f"log-in as {email} answered {answer.status}"


def at_once(*calls):
    """Run the calls in threads released together; returns their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list = []

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


class Served:
    def __init__(self, base_url: str, log_path: Path):
        self.base_url = base_url
        self.log_path = log_path

    def session(self) -> HttpSession:
        return HttpSession(self.base_url)

    @staticmethod
    def ready() -> None:
        """Commit what the test built and let go of the session, so the workers see it and no
        open SQLite transaction of the test holds the write lock. Read ids and e-mail addresses
        before; read the database afterwards with `scalar`."""
        db.session.commit()
        db.session.close()

    @staticmethod
    def scalar(statement):
        """One value read in a short read-only transaction (no SQLite write lock held)."""
        token = database.read_only_transactions.set(True)
        try:
            with db.engine.connect() as connection:
                return connection.scalar(statement)
        finally:
            database.read_only_transactions.reset(token)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _wait_until_up(port: int, server: subprocess.Popen, log_path: Path, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{log_path.read_text(errors='replace')}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/inloggen")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")


@pytest.fixture
def served(app, tmp_path, request):
    """The `app` fixture's database served by gunicorn with 2 workers; yields a `Served`.

    The test's own session is committed first, so the workers see what the test created.
    """
    db.session.commit()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    config = make_config(
        tmp_path,
        app.config["SQLALCHEMY_DATABASE_URI"],
        TESTING=False,  # served as in production: errors become the app's own 500 page
        SITE_URL=base_url,
    )
    # The test's markers (e.g. @pytest.mark.config) apply to the served app too.
    config.update({k: app.config[k] for k in config if k not in ("TESTING", "SITE_URL")})
    for marker in reversed(list(request.node.iter_markers("config"))):
        config.update({k: v for k, v in marker.kwargs.items() if k not in ("TESTING", "SITE_URL")})
    log_path = tmp_path / "gunicorn.log"
    env = {**os.environ, CONFIG_VARIABLE: json.dumps(config), "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log_path),
        "tests.served:create()",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_until_up(port, server, log_path)
        yield Served(base_url, log_path)
    finally:
        server.send_signal(signal.SIGINT)  # quick shutdown: the test is done with it
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        db.session.expire_all()
