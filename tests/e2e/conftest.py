"""Browser tests: the app served on a loopback port, driven by Debian's headless Chromium.

Playwright never downloads a browser here: it launches /usr/bin/chromium. The accessibility
checks inject axe-core from node_modules/ (`npm ci`, which `make test` runs when npm is there).
Where Chromium or axe-core is missing the tests are skipped with that reason; with
REQUIRE_BROWSER_TESTS=1 (set by .ci/run) they fail instead, so CI can never go green by skipping.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from community.extensions import db

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR", PROJECT_ROOT / "test-artifacts" / "screenshots")
)
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
REQUIRE_BROWSER_TESTS = os.environ.get("REQUIRE_BROWSER_TESTS", "") not in ("", "0")


def unavailable(reason: str):
    """Skip for want of a browser part; fail instead where CI says the browser tests must run."""
    if REQUIRE_BROWSER_TESTS:
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS is set)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def live_server(app):
    """Serve `app` on a free loopback port in a thread; yields its base URL."""
    db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    port = server.server_port
    app.config["SITE_URL"] = f"http://127.0.0.1:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        unavailable(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed; run `make test` (it installs the dev extras)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle, installed by `npm ci` from package-lock.json."""
    if not AXE_SCRIPT.exists():
        unavailable(
            f"axe-core not found at {AXE_SCRIPT.relative_to(PROJECT_ROOT)}; install Node.js and npm"
            " (Debian: apt-get install nodejs npm), then `make test` runs `npm ci`"
        )
    return AXE_SCRIPT


@pytest.fixture
def axe_page(chromium, axe_script):
    """A page whose context ignores the site's Content-Security-Policy, for the axe checks only.

    Playwright's add_script_tag(path=...) inserts the file's text as an inline <script>, which
    our CSP (script-src 'self', no inline scripts) rightly blocks. bypass_csp lets that one
    injection run; every other browser test keeps the CSP on, so it still guards the site.
    """
    context = chromium.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.axe_script = axe_script
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG under test-artifacts/screenshots/ (kept by CI) and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
