"""The rekentool over HTTP, CSRF on: a visitor counts without an account, adds and removes lines
with buttons, downloads and reads back a CSV; only members save scenarios, and only their own."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa

from community.accounts.models import Role
from community.extensions import db
from community.rekentool import services
from community.rekentool.models import Scenario
from tests.factories import create_user


def tool_fields(page_html: str) -> dict[str, str]:
    """The form's fields as the browser would send them (text inputs and hidden ones)."""
    fields = {}
    for match in re.finditer(r"<input\b([^>]*)>", page_html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', match.group(1)))
        if "name" in attrs and attrs.get("type") in ("text", "hidden"):
            fields[attrs["name"]] = attrs.get("value", "")
    fields.pop("name", None)
    return fields


def line_index(fields: dict[str, str], label: str) -> int:
    return next(
        int(k.split("-")[1]) for k, v in fields.items() if k.endswith("-label") and v == label
    )


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_a_visitor_counts_the_cost_of_a_new_colleague(client, browser):
    page = client.get("/rekentool/")
    assert page.status_code == 200
    html = text_of(page)
    for label in (
        "Profielbepaling en beschrijven",
        "Nieuwe medewerker (boventallig)",
        "Exitgesprek",
    ):
        assert label in html
    assert "77.908" in html and "54.189" in html and "44.322" in html  # the report's examples
    assert "geen vergelijking van de kosten" in html

    fields = tool_fields(html)
    gesprekken = line_index(fields, "Gesprekken voeren en inplannen")
    buddy = line_index(fields, "Begeleiding, coach of buddy (boventallig)")
    fields |= {
        f"l-{gesprekken}-hours": "12,5",
        f"l-{gesprekken}-rate": "48,40",
        f"l-{gesprekken}-oop": "150",
        f"l-{buddy}-hours": "80",
        f"l-{buddy}-rate": "52",
        "hires": "12",
        "staff": "200",
        "outflow_rate": "18",
        "action": "bereken",
    }
    response = browser.submit("/rekentool/", fields)
    assert response.status_code == 200
    html = text_of(response)
    assert 'data-result="per-hire">€\u00a04.915<' in html  # 755 + 4.160
    assert 'data-result="per-year">€\u00a058.980<' in html
    assert 'data-result="turnover">€\u00a0176.940<' in html
    assert "ongeveer 36,0 van de 200 collega" in html
    assert 'value="12,5"' in html  # what was typed stays in the field


def test_without_the_csrf_token_nothing_is_counted(client):
    response = client.post("/rekentool/", data={"l-0-block": "werving", "l-0-oop": "10"})
    assert response.status_code == 400


def test_negative_absurd_and_unreadable_input_is_explained_in_dutch(client, browser):
    fields = tool_fields(text_of(client.get("/rekentool/")))
    fields |= {
        "l-0-hours": "-3",
        "l-0-rate": "50",
        "l-1-oop": "12.000.000",
        "l-2-rate": "veel",
        "action": "bereken",
    }
    html = text_of(browser.submit("/rekentool/", fields))
    assert 'role="alert"' in html
    assert "een negatief bedrag kan hier niet" in html
    assert "Meer dan € 10 miljoen op één regel?" in html
    assert "Dit getal kunnen we niet lezen" in html
    assert 'aria-invalid="true"' in html
    assert 'data-result="per-hire">–<' in html  # no totals from broken input

    empty = tool_fields(text_of(client.get("/rekentool/"))) | {"action": "bereken"}
    assert "Vul minstens één regel in" in text_of(browser.submit("/rekentool/", empty))


def test_lines_are_added_and_removed_with_buttons(client, browser):
    fields = tool_fields(text_of(client.get("/rekentool/")))
    count = sum(1 for k in fields if k.endswith("-block"))
    exit_line = line_index(fields, "Exitgesprek")
    fields[f"l-{exit_line}-hours"] = "2"
    fields[f"l-{exit_line}-rate"] = "60,5"

    added = text_of(browser.submit("/rekentool/", fields | {"action": "regel-erbij:uitstroom"}))
    after = tool_fields(added)
    assert sum(1 for k in after if k.endswith("-block")) == count + 1
    new = max(
        int(k.split("-")[1]) for k, v in after.items() if k.endswith("-block") and v == "uitstroom"
    )
    assert after[f"l-{new}-label"] == ""
    assert f'id="l{new}-label"' in added and "autofocus" in added
    assert after[f"l-{line_index(after, 'Exitgesprek')}-rate"] == "60,5"  # typed values kept

    after[f"l-{new}-label"] = "Overdracht cliënten"
    after[f"l-{new}-hours"] = "6"
    after[f"l-{new}-rate"] = "50"
    counted = text_of(browser.submit("/rekentool/", after | {"action": "bereken"}))
    assert 'data-result="per-hire">€\u00a0421<' in counted  # 2 × 60,5 + 6 × 50

    removed = text_of(
        browser.submit(
            "/rekentool/", after | {"action": f"regel-weg:{line_index(after, 'Exitgesprek')}"}
        )
    )
    left = tool_fields(removed)
    assert "Exitgesprek" not in left.values()
    assert "Overdracht cliënten" in left.values()
    assert sum(1 for k in left if k.endswith("-block")) == count


def test_csv_download_reads_back_in(client, browser):
    fields = tool_fields(text_of(client.get("/rekentool/")))
    fields |= {"l-0-hours": "3,5", "l-0-rate": "48,25", "l-8-oop": "1.528,50", "hires": "4"}
    response = browser.submit("/rekentool/csv", fields, form_url="/rekentool/")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    csv_text = response.get_data(as_text=True)
    data, _ = services.from_csv(csv_text)
    assert services.calculate(data).per_hire == services.parse_number("1.697,375")

    upload = {
        "csv_file": (io.BytesIO(csv_text.encode("utf-8")), "rekentool-verloop.csv"),
    }
    imported = browser.submit(
        "/rekentool/csv-inlezen", upload, form_url="/rekentool/", content_type="multipart/form-data"
    )
    html = text_of(imported)
    assert "Je bestand is ingelezen" in html
    assert 'value="3,5"' in html and 'value="1.528,5"' in html
    assert 'data-result="per-hire">€\u00a01.697<' in html


def test_the_printable_page_shows_the_result_without_the_form(client, browser):
    fields = tool_fields(text_of(client.get("/rekentool/"))) | {
        "l-0-oop": "1528",
        "name": "Team Noord",
    }
    html = text_of(browser.submit("/rekentool/afdrukken", fields, form_url="/rekentool/"))
    assert "<h1>Team Noord</h1>" in html
    assert "€\u00a01.528" in html
    assert 'name="l-0-oop"' not in html
    assert "css/tools.css" in html  # carries the print stylesheet


def test_only_members_save_scenarios_and_compare_only_their_own(app, client, browser):
    fields = tool_fields(text_of(client.get("/rekentool/"))) | {"l-0-oop": "1000"}
    response = browser.submit("/rekentool/opslaan", fields | {"name": "Nu"}, form_url="/rekentool/")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count(Scenario.id))) == 0
    assert client.get("/rekentool/scenarios").status_code == 302

    anna = create_user(email="anna@example.nl")
    bram = create_user(email="bram@example.nl")
    db.session.commit()
    browser.login(anna.email)
    saved = browser.submit("/rekentool/opslaan", fields | {"name": "Nu"}, form_url="/rekentool/")
    assert saved.status_code == 302
    first = db.session.scalar(sa.select(Scenario).where(Scenario.name == "Nu"))
    first_id = first.id
    second_fields = fields | {"l-0-oop": "2500,50", "name": "Met buddy"}
    browser.submit("/rekentool/opslaan", second_fields, form_url="/rekentool/")
    second = db.session.scalar(sa.select(Scenario).where(Scenario.name == "Met buddy"))
    clash = browser.submit("/rekentool/opslaan", fields | {"name": "Nu"}, form_url="/rekentool/")
    assert "Je hebt al een scenario met deze naam" in text_of(clash)

    listing = text_of(client.get("/rekentool/scenarios"))
    assert "Nu" in listing and "Met buddy" in listing and "€\u00a02.501" in listing
    compare = client.get(f"/rekentool/vergelijken?a={first.id}&b={second.id}")
    assert compare.status_code == 200
    assert "+€\u00a01.501" in text_of(compare)
    opened = text_of(client.get(f"/rekentool/scenarios/{second.id}"))
    assert 'value="2.500,5"' in opened and f'name="scenario_id" value="{second.id}"' in opened
    assert client.get(f"/rekentool/scenarios/{second.id}.csv").status_code == 200
    assert client.get(f"/rekentool/scenarios/{second.id}/afdrukken").status_code == 200

    # Bram sees none of Anna's scenarios, and cannot overwrite or delete them.
    browser.logout()
    browser.login(bram.email)
    assert "Met buddy" not in text_of(client.get("/rekentool/scenarios"))
    for path in (
        f"/rekentool/scenarios/{first.id}",
        f"/rekentool/scenarios/{first.id}.csv",
        f"/rekentool/scenarios/{first.id}/afdrukken",
        f"/rekentool/vergelijken?a={first.id}&b={second.id}",
    ):
        assert client.get(path).status_code == 404, path
    deleted = browser.submit(
        f"/rekentool/scenarios/{first.id}/verwijderen", {}, form_url="/rekentool/"
    )
    assert deleted.status_code == 404
    overwrite = browser.submit(
        "/rekentool/opslaan",
        fields | {"name": "Overschreven", "scenario_id": str(first.id)},
        form_url="/rekentool/",
    )
    assert overwrite.status_code == 403  # NotAllowed is a 403 in every view (unit_of_work)
    db.session.expire_all()
    assert db.session.get(Scenario, first.id).name == "Nu"

    # Anna deletes her own; CSRF is required for that too.
    browser.logout()
    browser.login(anna.email)
    assert client.post(f"/rekentool/scenarios/{first_id}/verwijderen").status_code == 400
    gone = browser.submit(
        f"/rekentool/scenarios/{first_id}/verwijderen", {}, form_url="/rekentool/"
    )
    assert gone.status_code == 302
    db.session.expire_all()
    assert db.session.get(Scenario, first_id) is None


def test_saved_scenarios_are_private_tables(app):
    from community import pagecache

    assert "rekentool_scenarios" in pagecache.not_shown_tables()
    member = create_user(Role.PROFESSIONAL)
    data = services.blank_input()
    data.lines[0].oop = services.parse_number("10")
    scenario = services.save_scenario(member, "  Team   Noord ", data)
    assert scenario.name == "Team Noord"
    assert services.from_json(scenario.data) == data


def test_a_file_that_is_not_a_rekentool_csv_is_refused_kindly(client, browser):
    upload = {"csv_file": (io.BytesIO(b"naam,adres\nPiet,Dorpsstraat 1\n"), "adressen.csv")}
    response = browser.submit(
        "/rekentool/csv-inlezen", upload, form_url="/rekentool/", content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "Dit bestand herkennen we niet" in text_of(response)
    assert client.post("/rekentool/csv-inlezen", data={}).status_code == 400  # CSRF on
