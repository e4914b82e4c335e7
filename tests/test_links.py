"""Every link the site names points at a page that exists.

Links are plain `url_for`: a misspelt endpoint raises while the page renders, so the page's own
tests fail. These tests also catch the endpoints named on pages no test renders in that state
(a menu item for one role, a step in the readiness result), by reading every template and module
for the endpoint names they mention.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from jinja2 import nodes

from community import PROJECT_ROOT, urls

ENDPOINT = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _named_endpoints(app, strings) -> list[str]:
    """Strings shaped like `blueprint.view` whose blueprint exists (so `site.css` is no link)."""
    return [s for s in strings if ENDPOINT.match(s) and s.split(".")[0] in app.blueprints]


def _template_strings(app, name: str) -> list[str]:
    source = app.jinja_env.loader.get_source(app.jinja_env, name)[0]
    tree = app.jinja_env.parse(source)
    return [node.value for node in tree.find_all(nodes.Const) if isinstance(node.value, str)]


def _module_endpoints(path: Path) -> list[str]:
    """The endpoints a module passes to url_for, urls.absolute_url or urls.post_url."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        position = {"url_for": 0, "absolute_url": 0, "post_url": 1}.get(name)
        if position is None or len(node.args) <= position:
            continue
        argument = node.args[position]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            # ".index" in a feature's views is that feature's blueprint.
            prefix = path.parent.name if argument.value.startswith(".") else ""
            found.append(prefix + argument.value)
    return found


def test_every_endpoint_a_template_names_exists(app):
    named = {
        (name, endpoint)
        for name in app.jinja_env.list_templates(extensions=("html", "txt"))
        for endpoint in _named_endpoints(app, _template_strings(app, name))
    }
    assert len(named) > 100  # the reading works
    missing = sorted(
        f"{name}: {endpoint}" for name, endpoint in named if endpoint not in app.view_functions
    )
    assert not missing, missing


def test_every_endpoint_the_code_names_exists(app):
    named = {
        (str(path.relative_to(PROJECT_ROOT)), endpoint)
        for path in sorted((PROJECT_ROOT / "community").rglob("*.py"))
        for endpoint in _module_endpoints(path)
    }
    assert len(named) > 50  # the reading works
    missing = sorted(
        f"{path}: {endpoint}" for path, endpoint in named if endpoint not in app.view_functions
    )
    assert not missing, missing


def test_every_main_page_the_browser_tests_visit_exists(app):
    from tests.e2e.site_content import PAGES

    assert [page.endpoint for page in PAGES if page.endpoint not in app.view_functions] == []


def test_a_misspelt_endpoint_fails_the_page_instead_of_hiding_the_link(app):
    template = app.jinja_env.from_string("<a href=\"{{ url_for('invites.request_acces') }}\">x</a>")
    with app.test_request_context("/"), pytest.raises(Exception, match="request_acces"):
        template.render()


def test_the_readiness_result_links_every_next_step(app):
    """The steps name endpoints, themes and searches in data; each becomes a working link."""
    from community.readiness import services
    from community.readiness.views import _steps

    steps = [step for band in services.BANDS for step in band.steps]
    steps += list(services.GROUP_STEPS.values())
    with app.test_request_context("/"):
        links = _steps(steps)
    assert len(links) == len(steps)
    assert all(link["href"].startswith("/") for link in links)


def test_absolute_links_come_from_site_url_not_the_request_host(app):
    app.config["SITE_URL"] = "https://jeugdhulp.example.nl"
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert urls.absolute_url("accounts.settings") == (
            "https://jeugdhulp.example.nl/instellingen"
        )
        assert urls.absolute_url("accounts.profile", anchor="top") == (
            "https://jeugdhulp.example.nl/profiel#top"
        )
