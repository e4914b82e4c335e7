"""Fixtures: a real database (SQLite, or PostgreSQL via TEST_DATABASE_URL), a real SMTP server,
and a test client that keeps CSRF protection on.

The schema is created once per run; after each test every table is emptied, so tests stay
independent without paying for a new database each time.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import has_app_context
from flask.testing import FlaskClient, FlaskCliRunner

from community import create_app
from community.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
_schema_ready: set[str] = set()


def pytest_report_header(config):
    database = (
        "PostgreSQL " + TEST_DATABASE_URL.rsplit("@", 1)[-1] if TEST_DATABASE_URL else "SQLite"
    )
    return f"database: {database}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        from community.config import database_url as normalise

        return normalise(TEST_DATABASE_URL, Path("."))
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'community-test.db'}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    """A real SMTP server on localhost that keeps what it receives."""

    def __init__(self):
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.envelopes: list = []
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, _server, _session, envelope):
        message = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        with self._lock:
            self.envelopes.append(envelope)
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} mails, got {len(self.messages)}")

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


def make_config(tmp_path: Path, database_url: str, **overrides) -> dict:
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SITE_URL": "http://localhost",
        "SERVER_NAME": None,
        "MAIL_SERVER": "",
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        # Cheap hashing keeps the suite fast; production parameters are tested on their own.
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
        "COUNTS_CACHE_SECONDS": 0,  # counts are exact in tests; tests/test_cache.py covers the memo
        # The night rule follows the wall clock; tests/notify turn it on with their own clock.
        "NOTIFY_QUIET_HOURS": False,
    }
    config.update(overrides)
    return config


def reset_database() -> None:
    """Empty every table; the schema stays."""
    db.session.remove()
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            if names:
                connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


def ensure_schema(url: str) -> None:
    if url in _schema_ready:
        return
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    db.drop_all()
    db.create_all()
    _schema_ready.add(url)


def in_own_context(call):
    """Run `call` the way a web worker would: in its own app context and database session.

    The test's session commits first (a request only sees committed data, and an open SQLite
    write transaction would block it), and forgets what it cached afterwards, so the test
    reads what the request really wrote.
    """
    if not has_app_context():
        return call()  # already in a worker thread (a followed redirect): run as is
    db.session.commit()
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = call()
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    db.session.expire_all()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class IsolatedClient(FlaskClient):
    def open(self, *args, **kwargs):
        return in_own_context(lambda: super(IsolatedClient, self).open(*args, **kwargs))


class IsolatedCliRunner(FlaskCliRunner):
    def invoke(self, *args, **kwargs):
        return in_own_context(lambda: super(IsolatedCliRunner, self).invoke(*args, **kwargs))


@pytest.fixture
def app(request, tmp_path, database_url):
    overrides = {}
    if "smtp_server" in request.fixturenames:
        server = request.getfixturevalue("smtp_server")
        overrides.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
    # Module, class and test markers all apply; the closest one wins on a clash.
    for marker in reversed(list(request.node.iter_markers("config"))):
        overrides.update(marker.kwargs)
    app = create_app(make_config(tmp_path, database_url, **overrides))
    app.test_client_class = IsolatedClient
    app.test_cli_runner_class = IsolatedCliRunner
    with app.app_context():
        ensure_schema(database_url)
        reset_database()
        yield app
        reset_database()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def outbox(app):
    """Mails written to the file outbox (when no SMTP server is configured)."""
    folder = Path(app.config["MAIL_OUTBOX_DIR"])

    def read() -> list[EmailMessage]:
        if not folder.exists():
            return []
        return [
            message_from_bytes(p.read_bytes(), policy=policy.default)
            for p in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        ]

    return read


CSRF_RE = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def csrf_token_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no csrf_token in page"
    return match.group(1) or match.group(2)


class Browser:
    """Submits forms the way a person does: fetch the page, take its CSRF token, post."""

    def __init__(self, client):
        self.client = client

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def token(self, url: str = "/") -> str:
        response = self.client.get(url)
        return csrf_token_from(response.get_data(as_text=True))

    def submit(self, url: str, data: dict, *, form_url: str | None = None, **kwargs):
        payload = {"csrf_token": self.token(form_url or url), **data}
        return self.client.post(url, data=payload, **kwargs)

    def login(self, email: str, password: str = "wachtwoord-voor-tests"):
        response = self.submit("/inloggen", {"email": email, "password": password})
        assert response.status_code == 302, "login failed"
        return response

    def logout(self):
        return self.submit("/uitloggen", {}, form_url="/")


@pytest.fixture
def browser(client):
    return Browser(client)


def pytest_configure(config):
    config.addinivalue_line("markers", "config(**settings): extra app settings for this test")
