"""Search the way people use it: a site set up with `flask db upgrade && flask demo seed`, served
by gunicorn with two workers, used over HTTP. No sync call, no cron, no test client.

Each test gets its own database: a SQLite file, or (with TEST_DATABASE_URL) a PostgreSQL schema
created for it, so seeding never meets the suite's own tables.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import threading

import pytest

from tests.conftest import TEST_DATABASE_URL
from tests.served_site import (
    DEMO_MEMBER,
    DEMO_MODERATOR,
    DEMO_PASSWORD,
    Site,
    Visitor,
    flask_command,
    own_postgres_schema,
    post_id_of,
    site_env,
)

ON_POSTGRES = bool(TEST_DATABASE_URL)
SECOND_MEMBER = "nadia.bouzid@rvdk.example.nl"


@pytest.fixture
def served_database(tmp_path):
    if ON_POSTGRES:
        with own_postgres_schema() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'community.db'}"


@pytest.fixture
def seeded(tmp_path, served_database):
    """A fresh install, as in `make run`: migrations, then the demo content."""
    env = site_env(tmp_path, served_database, "a")
    flask_command(env, "db", "upgrade")
    output = flask_command(env, "demo", "seed")
    return env, output


@pytest.fixture
def site(seeded):
    env, _output = seeded
    with Site(env) as served:
        yield served


def word() -> str:
    """A word no demo post contains, so a search for it finds exactly what the test wrote."""
    return "zoekwoord" + secrets.token_hex(3)


def assert_count_matches(page) -> None:
    shown = len(page.titles())
    count = page.result_count()
    assert (count or 0) == shown, f"the page says {count} result(s) above {shown} shown"


def test_a_fresh_install_finds_its_demo_content(seeded, site):
    _env, output = seeded
    assert "database is locked" not in output
    assert "cannot follow" not in output
    assert "Traceback" not in output

    visitor = Visitor(site)
    page = visitor.search("inwerken")
    assert page.titles(), "searching the demo content for 'inwerken' found nothing"
    assert_count_matches(page)

    health = visitor.get("/healthz")
    assert health.status == 200, health.html


def test_a_question_is_found_as_soon_as_it_is_published(site):
    member = Visitor(site)
    member.login(DEMO_MEMBER)
    unique = word()
    title = f"Hoe werken jullie met {unique} bij nieuwe collega's?"
    member.ask(title, "We willen starters beter begeleiden. Wie heeft tips?")

    # The author's own next page, and any visitor on either worker: found, with no sync.
    for _ in range(4):  # two workers: both must find it
        page = Visitor(site).search(unique)
        assert page.titles() == [title]
        assert_count_matches(page)
    similar = member.get("/api/vergelijkbare-vragen", titel=f"{unique} nieuwe collega's")
    assert title in similar.html
    assert "Traceback" not in site.server_log()


def test_a_members_first_answer_is_found_at_once(site):
    author = Visitor(site)
    author.login(DEMO_MEMBER)
    title = f"Wie heeft ervaring met {word()}?"
    question = author.ask(title, "Graag jullie ervaringen.")
    path = f"/vragen/{post_id_of(question)}"

    answerer = Visitor(site)
    answerer.login(SECOND_MEMBER)
    unique = word()
    answer = answerer.submit(
        f"{path}/reageren", {"body": f"Bij ons werkt {unique} heel goed."}, form_page=path
    )
    assert answer.status == 200 and unique in answer.html

    for _ in range(4):
        assert Visitor(site).search(unique).titles() == [title]


def test_a_repeated_search_gives_the_same_page(site):
    visitor = Visitor(site)
    first = visitor.search("inwerken")
    assert first.titles()
    for _ in range(4):  # two workers: each answers it at least once from what it remembers
        again = Visitor(site).search("inwerken")
        assert again.titles() == first.titles()
        assert again.result_count() == first.result_count()
        assert again.facet_counts() == first.facet_counts()


def test_a_remembered_search_shows_a_new_post_at_once(site):
    unique = word()
    for _ in range(4):  # both workers remember that nothing has this word
        assert Visitor(site).search(unique).titles() == []
    member = Visitor(site)
    member.login(DEMO_MEMBER)
    title = f"Hoe pakken jullie {unique} aan met nieuwe collega's?"
    member.ask(title, "Graag jullie tips.")
    for _ in range(4):
        page = Visitor(site).search(unique)
        assert page.titles() == [title]
        assert_count_matches(page)


def test_a_visitor_never_gets_a_members_remembered_search(site):
    member = Visitor(site)
    member.login(DEMO_MEMBER)
    unique = word()
    public = f"Openbare vraag over {unique}?"
    members_only = f"Vraag voor leden over {unique}?"
    member.ask(public, "Voor iedereen.")
    member.ask(members_only, "Alleen voor leden.", visibility="members")
    for _ in range(4):  # the member's search is remembered on both workers
        page = member.search(unique)
        assert sorted(page.titles()) == sorted([public, members_only])
        assert page.result_count() == 2
    for _ in range(4):
        page = Visitor(site).search(unique)
        assert page.titles() == [public]
        assert page.result_count() == 1
        assert max(page.facet_counts()) == 1, "a filter count tells of the members-only post"
        assert members_only not in page.html


@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="two web hosts share one PostgreSQL database; SQLite is a single-host setup",
)
def test_a_second_host_follows_without_cron(tmp_path, seeded):
    env_a, _output = seeded
    env_b = site_env(tmp_path, env_a["DATABASE_URL"], "b")
    with Site(env_a) as host_a, Site(env_b) as host_b:
        # Host b has never built an index: its first search builds one.
        assert Visitor(host_b).search("inwerken").titles()

        unique = word()
        for _ in range(4):  # host b remembers that nothing has this word yet
            assert Visitor(host_b).search(unique).titles() == []
        member = Visitor(host_a)
        member.login(DEMO_MEMBER)
        title = f"Tips voor {unique} in het eerste jaar?"
        question = member.ask(title, "Wat werkt bij jullie?")
        post_id = post_id_of(question)

        reader = Visitor(host_b)
        page = reader.search(unique)
        assert page.titles() == [title]
        remembered = reader.search(unique)  # host b now remembers this answer
        assert remembered.titles() == [title]
        assert_count_matches(page)

        moderator = Visitor(host_a)
        moderator.login(DEMO_MODERATOR)
        hidden = moderator.submit(
            f"/moderatie/post/{post_id}/verbergen", {}, form_page="/moderatie"
        )
        assert hidden.status == 200
        page = reader.search(unique)
        assert page.titles() == []
        assert_count_matches(page)

        moderator.submit(f"/moderatie/post/{post_id}/herstellen", {}, form_page="/moderatie")
        assert reader.search(unique).titles() == [title]

        deleted = member.submit(f"/vragen/{post_id}/verwijderen", {})
        assert deleted.status == 200
        page = reader.search(unique)
        assert page.titles() == []
        assert_count_matches(page)

        assert Visitor(host_b).get("/healthz").status == 200
        assert Visitor(host_a).get("/healthz").status == 200


def test_double_click_and_log_in_during_a_post_never_give_a_500(seeded):
    """Issue "Hardened" 3: on SQLite a post held the database for seconds after its commit, so a
    second click on "plaatsen" and a log-in meanwhile failed with "database is locked"."""
    env, _output = seeded
    flask_command(env, "search", "sync")  # the cron line: a healthy index, whatever the seed did
    with Site(env) as site:
        _double_clicks(site)


def _double_clicks(site) -> None:
    member = Visitor(site)
    member.login(DEMO_MEMBER)
    statuses: list[int] = []
    lock = threading.Lock()

    def record(send, path, data) -> None:
        page = send(path, data)
        with lock:
            statuses.append(page.status)

    for _round in range(3):
        form = member.question_form(f"Dubbel geklikt: {word()}", "Twee keer op plaatsen gedrukt.")
        newcomer = Visitor(site)
        login_token = newcomer.csrf_token("/inloggen")
        login = {"email": SECOND_MEMBER, "password": DEMO_PASSWORD, "csrf_token": login_token}
        calls = [
            (member.request, "/vragen/nieuw", form),
            (member.request, "/vragen/nieuw", form),
            (newcomer.request, "/inloggen", login),
        ]
        threads = [threading.Thread(target=record, args=call) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses and all(status < 500 for status in statuses), statuses


def test_a_synonym_a_moderator_adds_applies_on_every_host_at_once(tmp_path, seeded):
    """Every worker of every host keeps its synonyms in memory; after a moderator adds or removes
    a group on one host, the next search on any worker of any host uses the change (no reindex,
    no restart). Two hosts share PostgreSQL; on SQLite the two workers of one host."""
    env_a, _output = seeded
    with contextlib.ExitStack() as stack:
        hosts = [stack.enter_context(Site(env_a))]
        if ON_POSTGRES:
            env_b = site_env(tmp_path, env_a["DATABASE_URL"], "b")
            hosts.append(stack.enter_context(Site(env_b)))
        member = Visitor(hosts[0])
        member.login(DEMO_MEMBER)
        unique = word()
        full = f"Verslag van het multidisciplinair overleg over {unique}"
        short = f"Wie zit er bij het MDO over {unique}?"
        member.ask(full, "Wat bespreken jullie daar?")
        member.ask(short, "Wat bespreken jullie daar?")

        def searches(q: str) -> list[set[str]]:
            # Four searches per host: both workers of each host answer at least once (almost
            # surely), each with the copy of the synonyms it keeps.
            return [set(Visitor(host).search(q).titles()) for host in hosts for _ in range(4)]

        assert searches(f"mdo {unique}") == [{short}] * 4 * len(hosts)

        moderator = Visitor(hosts[-1])
        moderator.login(DEMO_MODERATOR)
        group = "MDO = multidisciplinair overleg"
        added = moderator.submit("/beheer/zoekwoorden", {"terms": group})
        assert added.status == 200 and "MDO = multidisciplinair overleg" in added.html

        assert searches(f"mdo {unique}") == [{full, short}] * 4 * len(hosts)
        assert searches(f"multidisciplinair overleg {unique}") == [{full, short}] * 4 * len(hosts)

        assert "/inloggen" in Visitor(hosts[0]).get("/beheer/zoekwoorden").url
        assert member.get("/beheer/zoekwoorden").status == 403

        row_id = re.search(r"/beheer/zoekwoorden/(\d+)/verwijderen", added.html).group(1)
        removed = moderator.submit(
            f"/beheer/zoekwoorden/{row_id}/verwijderen", {}, form_page="/beheer/zoekwoorden"
        )
        assert removed.status == 200
        assert searches(f"mdo {unique}") == [{short}] * 4 * len(hosts)
        for host in hosts:
            assert "Traceback" not in host.server_log()
