"""A whole site as people set it up: `flask db upgrade && flask demo seed` as subprocesses on a
database of its own (a SQLite file, or a schema of its own on PostgreSQL), gunicorn with 2
workers, its own instance folder and search index per host, and a cookie-keeping HTTP client that
sends forms with their hidden fields.

(tests/served.py serves the suite's own test database instead; use this module when the test must
start from a fresh install, or needs two hosts with separate index folders.)
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import sqlalchemy as sa

from tests.conftest import TEST_DATABASE_URL, free_port

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "jeugdhulp-demo-2026"
DEMO_MEMBER = "professional@molendrift.example.nl"
DEMO_MODERATOR = "moderator@jeugdhulp-community.example.nl"


def site_env(workdir: Path, database_url: str, name: str = "a", **extra: str) -> dict[str, str]:
    """The environment of one web host: its own instance folder and search index."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SEARCH_", "DATABASE_URL", "FLASK_", "INSTANCE_PATH"))
    }
    env.update(
        {
            "FLASK_APP": "wsgi:app",
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(workdir / f"instance-{name}"),
            "SECRET_KEY": "served-test-secret",
            "SEARCH_INDEX_DIR": str(workdir / f"index-{name}"),
            "SEARCH_INDEX_NAME": f"host-{name}",
            "MAIL_SERVER": "",
            "MAIL_OUTBOX_DIR": str(workdir / f"outbox-{name}"),
            "DEMO_PASSWORD": DEMO_PASSWORD,
            **extra,
        }
    )
    return env


def flask_command(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run `flask …` as a person would; returns stdout+stderr, fails the test on a non-zero exit."""
    done = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"flask {' '.join(args)} failed:\n{output}"
    return output


class Site:
    """gunicorn serving wsgi:app with `workers` sync workers on a free loopback port."""

    def __init__(self, env: dict[str, str], workers: int = 2):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = Path(env["INSTANCE_PATH"]).with_suffix(".gunicorn.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Site:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(self.workers),
            "-b",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "60",
            "wsgi:app",
        ]
        env = {**self.env, "SITE_URL": self.url}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log.read_text()}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"gunicorn did not start:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def server_log(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def __enter__(self) -> Site:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


@dataclass
class Page:
    status: int
    url: str
    html: str

    def titles(self) -> list[str]:
        """Titles of the hits on a search page, in the order shown."""
        return [
            unescape(re.sub(r"<[^>]+>", "", t)).strip()
            for t in re.findall(r'<h3 class="hit-title">(.*?)</h3>', self.html, re.S)
        ]

    def facet_counts(self) -> list[int]:
        """The counts beside the filters of a search page."""
        found = re.findall(r'class="facet-count">\s*([\d.]+)\s*<', self.html)
        return [int(n.replace(".", "")) for n in found]

    def result_count(self) -> int | None:
        match = re.search(r'class="result-count"[^>]*>\s*(\d+)\s+resulta', self.html)
        return int(match.group(1)) if match else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


class Visitor:
    """One person with one browser: cookies kept, forms sent with their CSRF token."""

    def __init__(self, site: Site):
        self.site = site
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path: str, data: dict | list | None = None, timeout: float = 60) -> Page:
        url = path if path.startswith("http") else self.site.url + path
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=timeout) as response:
                return Page(response.status, response.url, response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, url, error.read().decode(errors="replace"))

    def get(self, path: str, **query: str) -> Page:
        if query:
            path += "?" + urllib.parse.urlencode(query)
        return self.request(path)

    def hidden_fields(self, page_path: str, action: str) -> dict[str, str]:
        """The hidden inputs (CSRF token, one-time form key, …) of the form on `page_path` that
        posts to `action` (a form without an action posts to its own page)."""
        page = self.get(page_path)
        assert page.status == 200, (page_path, page.status)
        for attributes, inner in re.findall(r"<form\b([^>]*)>(.*?)</form>", page.html, re.S):
            target = re.search(r'action="([^"]*)"', attributes)
            target = unescape(target.group(1)).split("#")[0] if target else page_path
            if urllib.parse.urlsplit(target).path not in (action, ""):
                continue
            fields = {}
            for tag in re.findall(r"<input\b[^>]*>", inner):
                attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
                if attrs.get("type") == "hidden" and "name" in attrs:
                    fields[attrs["name"]] = unescape(attrs.get("value", ""))
            return fields
        # A button the page does not show for this item (a moderator acting on any post): the
        # session's CSRF token is all such a form carries.
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.html)
        assert token, f"no form posting to {action} on {page_path}"
        return {"csrf_token": token.group(1)}

    def csrf_token(self, path: str) -> str:
        return self.hidden_fields(path, path)["csrf_token"]

    def submit(self, path: str, data: dict, form_page: str | None = None) -> Page:
        """Fill in the form on `form_page` (default: `path`) and send it, as a browser would."""
        return self.request(path, {**self.hidden_fields(form_page or path, path), **data})

    def login(self, email: str, password: str = DEMO_PASSWORD) -> None:
        page = self.submit("/inloggen", {"email": email, "password": password})
        assert page.status == 200 and "/inloggen" not in page.url, page.html[:2000]

    def question_form(self, title: str, body: str, visibility: str = "public") -> dict:
        """The question form filled in: CSRF token, visibility, the first theme ticked."""
        page = self.get("/vragen/nieuw")
        assert page.status == 200, page.status
        hidden = self.hidden_fields("/vragen/nieuw", "/vragen/nieuw")
        theme = re.search(
            r'name="themes"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="themes"', page.html
        )
        return {
            "title": title,
            "body": body,
            "visibility": visibility,
            "themes": theme.group(1) or theme.group(2),
            **hidden,
        }

    def ask(self, title: str, body: str, visibility: str = "public") -> Page:
        """Publish a question through the real form; the answer is the question's page."""
        page = self.request("/vragen/nieuw", self.question_form(title, body, visibility))
        assert page.status == 200 and re.search(r"/vragen/\d+", page.url), (
            page.status,
            page.url,
            page.html[:3000],
        )
        return page

    def search(self, q: str, **filters: str) -> Page:
        page = self.get("/zoeken", q=q, **filters)
        assert page.status == 200, page.html[:2000]
        return page


def post_id_of(page: Page) -> int:
    return int(re.search(r"/vragen/(\d+)", page.url).group(1))


@contextlib.contextmanager
def own_postgres_schema():
    """A PostgreSQL schema of its own in TEST_DATABASE_URL's database, for a served test: the
    suite's fixtures drop and rebuild `public`, a seeded site must not meet them. (A schema, not a
    database: CREATE/DROP DATABASE waits for checkpoints, minutes on a busy machine.)"""
    from community.config import database_url as normalise

    base = sa.make_url(normalise(TEST_DATABASE_URL, Path(".")))
    schema = f"served_{secrets.token_hex(4)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()
