"""Every main page is valid HTML by the Nu HTML Checker (vnu, the W3C's checker): for a visitor,
a member, an ambassador and an admin, the same pages the axe checks look at.

The HTML checked is what the server sent (over HTTP, with the audience's session), not the
browser's DOM. vnu comes from the npm package vnu-jar (pinned in package-lock.json, installed by
`npm ci` like axe-core) and runs on Debian's Java (default-jre-headless). It is started once for
all pages: the JVM takes seconds to start. Without Java or vnu.jar the test is skipped and says
why; with REQUIRE_BROWSER_TESTS=1 (CI) it fails instead.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import PROJECT_ROOT, unavailable
from tests.e2e.site_content import (
    ADMIN,
    AMBASSADOR,
    MEMBER,
    VISITOR,
    log_in,
    pages_for,
    path_of,
    seed_site,
)

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker; a skip (in CI a failure) says what is missing."""
    java = shutil.which("java")
    if java is None:
        unavailable(
            "java not found: the HTML checks need a Java runtime"
            " (Debian: apt-get install default-jre-headless)"
        )
    if not VNU_JAR.exists():
        unavailable(
            f"vnu.jar not found at {VNU_JAR.relative_to(PROJECT_ROOT)}; install Node.js and npm"
            " (Debian: apt-get install nodejs npm), then `make test` runs `npm ci`"
        )
    return [java, "-jar", str(VNU_JAR)]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def served_html(app, chromium, base: str, site, audience: str) -> dict[str, tuple[str, str]]:
    """{file name: (page description, HTML as served)} of every main page for one audience."""
    context = chromium.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        if audience != VISITOR:
            log_in(page, base, site.emails[audience])
        found = {}
        for spec in pages_for(app, audience):
            path = path_of(site, spec)
            response = page.goto(base + path)
            assert response.status == spec.status, f"{spec.name} ({path}): HTTP {response.status}"
            if spec.submit:
                with page.expect_response(lambda r: r.request.method == "POST") as posted:
                    page.get_by_role("button", name=spec.submit, exact=True).click()
                response = posted.value
                assert response.status == 200, f"{spec.name}: HTTP {response.status}"
            found[f"{audience}-{slug(spec.name)}.html"] = (f"{spec.name} ({path})", response.text())
        return found
    finally:
        context.close()


def run_vnu(command: list[str], files: list[Path]) -> list[dict]:
    """vnu's errors for all files, in one JVM. It writes its JSON report to stderr."""
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stderr[:2000]}")
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def describe(errors: list[dict], pages: dict[str, tuple[str, str]]) -> str:
    """Errors grouped by page, each with its line and the markup vnu points at."""
    by_page: dict[str, list[str]] = {}
    for error in errors:
        name = Path(error.get("url", "?")).name
        where = f"line {error['lastLine']}" if "lastLine" in error else "page"
        extract = (error.get("extract") or "").replace("\n", " ").strip()
        by_page.setdefault(name, []).append(
            f"  {where}: {error['message']}" + (f"\n      {extract[:160]}" if extract else "")
        )
    lines = []
    for name, found in sorted(by_page.items()):
        lines.append(f"{pages.get(name, (name,))[0]} as {name.split('-', 1)[0]}:")
        lines.extend(found)
    return "\n".join(lines)


def test_main_pages_are_valid_html(app, live_server, chromium, vnu, tmp_path):
    site = seed_site()
    pages: dict[str, tuple[str, str]] = {}
    for audience in (VISITOR, MEMBER, AMBASSADOR, ADMIN):
        pages.update(served_html(app, chromium, live_server, site, audience))
    assert len(pages) >= 40, f"too few pages checked: {sorted(pages)}"

    files = []
    for name, (_description, html) in pages.items():
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        files.append(path)
    errors = run_vnu(vnu, files)
    assert not errors, (
        f"the Nu HTML Checker found {len(errors)} errors in {len(files)} pages:\n"
        + describe(errors, pages)
    )
