"""The admin's list of newsletter runs tells what happened: counts as they go, and why it ended.

A real `flask digest send` process is killed (SIGKILL) midway against a real, slow SMTP server; the
admin page is read over real HTTP. An outage is a real SMTP server that answers 421 after N mails.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar

import pytest
from werkzeug.serving import make_server

from community import PROJECT_ROOT
from community.accounts.models import Role
from community.clock import utcnow
from community.digest import sending
from community.digest.models import Frequency
from community.extensions import db
from tests.conftest import SMTPServer, csrf_token_from
from tests.factories import PASSWORD, create_post, create_subscriber, create_user

WEEKLY = Frequency.WEEKLY
ADMIN = "beheer@example.nl"


class SlowSMTPServer(SMTPServer):
    """Takes `delay` seconds to accept each recipient, before any of the message is sent."""

    def __init__(self, delay: float):
        super().__init__()
        self.delay = delay

    async def handle_RCPT(self, _server, _session, envelope, address, _options):
        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"


class FailingSMTPServer(SMTPServer):
    """Accepts `accept` mails, then answers every new mail with 421 (service not available)."""

    def __init__(self, accept: int):
        super().__init__()
        self.accept = accept
        self.refusals = 0

    async def handle_MAIL(self, _server, session, envelope, address, _options):
        if len(self.messages) >= self.accept:
            self.refusals += 1
            return "421 4.3.2 Service not available, closing transmission channel"
        envelope.mail_from = address
        return "250 OK"


class HttpSession:
    """A person's browser over real HTTP: cookies kept, forms posted with their CSRF token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=10) as response:
            assert response.status == 200
            return response.read().decode()

    def login(self, email: str) -> None:
        token = csrf_token_from(self.get("/inloggen"))
        data = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": PASSWORD})
        with self.opener.open(self.base_url + "/inloggen", data.encode(), timeout=10) as response:
            assert "Uitloggen" in response.read().decode()


@pytest.fixture
def served(app):
    """The app on a real port, in a thread, as gunicorn would serve it."""
    db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def run_row(html: str, key: str) -> dict[str, str]:
    """The cells of the newest run of `key` on /beheer/nieuwsbrief, as plain text."""
    row = html.split(key, 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.DOTALL)
    text = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
    return dict(zip(["sent", "skipped", "failed", "status"], text, strict=False))


def followers(n: int) -> None:
    author = create_user(Role.AMBASSADOR, digest={"enabled": False})
    for i in range(3):
        create_post(author=author, title=f"Vraag {i}")
    for i in range(n):
        create_subscriber(f"lezer{i:02d}@example.nl", all_themes=True)
    create_user(Role.ADMIN, email=ADMIN, digest={"enabled": False})
    db.session.commit()


def test_a_killed_run_shows_what_it_sent_and_that_it_was_cut_off(app, served, tmp_path):
    followers(8)
    smtp = SlowSMTPServer(delay=0.5)
    smtp.start()
    env = {
        **os.environ,
        "DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
        "INSTANCE_PATH": str(tmp_path / "cron-instance"),
        "SECRET_KEY": app.config["SECRET_KEY"],
        "SITE_URL": app.config["SITE_URL"],
        "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi:app",
            "digest",
            "send",
            "--period",
            "weekly",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    admin = HttpSession(served)
    key = sending.period_key(WEEKLY, utcnow())
    try:
        admin.login(ADMIN)
        smtp.wait_for(2, timeout=30)
        running = run_row(admin.get("/beheer/nieuwsbrief"), key)
        assert running["status"].startswith("bezig"), running
        assert int(running["sent"]) >= 1, "counts are written as the run goes"

        smtp.wait_for(4, timeout=30)
        time.sleep(0.15)  # mail 4 is recorded; mail 5 waits at the server for its recipient
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        smtp.stop()
    received = len(smtp.messages)
    assert 4 <= received < 8, process.stderr.read().decode()

    killed = run_row(admin.get("/beheer/nieuwsbrief"), key)
    assert killed["sent"] == str(received), killed
    assert killed["failed"] == "0"
    assert killed["status"].startswith("afgebroken"), killed
    assert "klaar" not in killed["status"]


def test_a_run_stopped_by_a_mail_server_outage_says_so_and_the_next_one_finishes(app, browser):
    followers(12)
    smtp = FailingSMTPServer(accept=3)
    smtp.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    now = utcnow() + timedelta(seconds=1)
    key = sending.period_key(WEEKLY, now)
    try:
        summary = sending.send_digest(WEEKLY, now=now)
    finally:
        smtp.stop()
    assert summary.sent == 3
    assert summary.stopped, "five refusals in a row stop the run; the rest waits"
    assert summary.sent + summary.failed < 12

    browser.login(ADMIN)
    stopped = run_row(browser.get("/beheer/nieuwsbrief").get_data(as_text=True), key)
    assert stopped["sent"] == "3" and stopped["failed"] == str(summary.failed), stopped
    assert "klaar" not in stopped["status"]
    assert "gestopt" in stopped["status"] and "mailserver" in stopped["status"], stopped

    recovered = SMTPServer()
    recovered.start()
    app.config.update(MAIL_PORT=recovered.port)
    try:
        later = sending.send_digest(WEEKLY, now=now + timedelta(minutes=30))
    finally:
        recovered.stop()
    assert (later.sent, later.failed, later.stopped) == (9, 0, "")
    html = browser.get("/beheer/nieuwsbrief").get_data(as_text=True)
    assert run_row(html, key)["status"] == "klaar"  # the newest run of the period comes first
