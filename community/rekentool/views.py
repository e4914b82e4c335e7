"""The rekentool pages: the tool itself (no account, no JavaScript needed), CSV in and out, a
printable page, and members' saved scenarios with a side-by-side comparison."""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from community.accounts.permissions import member_required
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.input_guard import accepts_files, to_id
from community.rekentool import forms, services
from community.rekentool.services import BLOCK_BY_KEY, MAX_LINES_PER_BLOCK, Line
from community.unit_of_work import unit_of_work

bp = Blueprint("rekentool", __name__, url_prefix="/rekentool")
_LINE_KEY = re.compile(r"^l\d+-")


def _result(data, errors):
    """Totals only for input that holds up; an empty tool simply counts to € 0."""
    if errors:
        return None
    try:
        services.validate(data)
    except services.InputErrors as error:
        if set(error.errors) - {"lines"}:
            return None
    return services.calculate(data)


def _render(
    data,
    raw=None,
    errors=None,
    *,
    focus=None,
    scenario=None,
    save_form=None,
    import_form=None,
    show_errors=True,
    status=200,
):
    errors = errors or {}
    save_form = save_form or forms.SaveForm()
    if scenario is not None and not save_form.name.data:
        save_form.name.data = scenario.name
        save_form.scenario_id.data = str(scenario.id)
    return render_template(
        "rekentool/index.html",
        data=data,
        raw=raw if raw is not None else forms.raw_from(data),
        errors=errors if show_errors else {},
        result=_result(data, errors),
        focus=focus,
        scenario=scenario,
        save_form=save_form,
        import_form=import_form or forms.ImportForm(),
        blocks=services.BLOCKS,
        examples=services.EXAMPLES,
        caution=services.EXAMPLES_CAUTION,
        fmt=services.format_euro,
        fmt_number=services.format_number,
    ), status


def _rows(data, raw, errors):
    """Each line with its own field texts and errors, so lines can move without losing them."""
    rows = []
    for index, line in enumerate(data.lines):
        prefix = f"l{index}-"
        rows.append(
            (
                line,
                {k[len(prefix) :]: v for k, v in raw.items() if k.startswith(prefix)},
                {k[len(prefix) :]: v for k, v in errors.items() if k.startswith(prefix)},
            )
        )
    return rows


def _join(data, rows, raw, errors):
    data.lines = [line for line, _, _ in rows]
    new_raw = {k: v for k, v in raw.items() if not _LINE_KEY.match(k)}
    new_errors = {k: v for k, v in errors.items() if not _LINE_KEY.match(k)}
    for index, (_, line_raw, line_errors) in enumerate(rows):
        new_raw.update({f"l{index}-{k}": v for k, v in line_raw.items()})
        new_errors.update({f"l{index}-{k}": v for k, v in line_errors.items()})
    return new_raw, new_errors


def _check(data, errors: dict) -> None:
    """Add the rules' messages to the parse errors; an unreadable field keeps its own message."""
    try:
        services.validate(data)
    except services.InputErrors as error:
        for key, message in error.errors.items():
            if key != "lines" or not errors:
                errors.setdefault(key, message)


def _scenario_from_form():
    scenario_id = request.form.get("scenario_id", type=to_id)
    if not scenario_id or not current_user.is_authenticated:
        return None
    try:
        return services.scenario_for(current_user, scenario_id)
    except NotAllowed:
        return None


@bp.route("/", methods=["GET", "POST"])
def index():
    """Fill in, add or remove a line, and count: one form, every step a plain submit."""
    if request.method == "GET":
        return _render(services.blank_input())
    data, raw, errors = forms.parse_tool(request.form)
    action = request.form.get("action", "bereken")
    scenario = _scenario_from_form()
    save_form = forms.SaveForm()
    if action.startswith(("regel-erbij:", "regel-weg:")):
        rows = _rows(data, raw, errors)
        kind, _, value = action.partition(":")
        focus = None
        if kind == "regel-erbij" and value in BLOCK_BY_KEY:
            positions = [i for i, (line, _, _) in enumerate(rows) if line.block == value]
            if len(positions) >= MAX_LINES_PER_BLOCK:
                errors["lines"] = f"Meer dan {MAX_LINES_PER_BLOCK} regels in één blok kan niet."
            else:
                at = positions[-1] + 1 if positions else len(rows)
                if not positions:  # keep the blocks in the report's order
                    order = list(BLOCK_BY_KEY)
                    at = sum(
                        1 for line, _, _ in rows if order.index(line.block) < order.index(value)
                    )
                rows.insert(at, (Line(value), {}, {}))
                focus = f"l{at}-label"
        elif kind == "regel-weg" and value.isdigit() and int(value) < len(rows):
            removed = rows.pop(int(value))[0]
            same = [i for i, (line, _, _) in enumerate(rows) if line.block == removed.block]
            focus = f"add-{removed.block}" if not same else f"l{same[-1]}-label"
        raw, errors = _join(data, rows, raw, errors)
        return _render(data, raw, errors, focus=focus, scenario=scenario, save_form=save_form)
    _check(data, errors)
    return _render(
        data,
        raw,
        errors,
        focus="uitkomst" if not errors else None,
        scenario=scenario,
        save_form=save_form,
    )


@bp.route("/csv", methods=["POST"])
def export_csv():
    data, raw, errors = forms.parse_tool(request.form)
    _check(data, errors)
    if errors:
        return _render(data, raw, errors, scenario=_scenario_from_form())
    return _csv_response(data, request.form.get("name", ""))


def _csv_response(data, name: str):
    response = make_response(services.to_csv(data, name))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="rekentool-verloop.csv"'
    return response


@bp.route("/csv-inlezen", methods=["POST"])
@accepts_files
def import_csv():
    """Open a CSV made earlier (perhaps edited in a spreadsheet) in the tool."""
    import_form = forms.ImportForm()
    if not import_form.validate_on_submit():
        abort(400)
    upload = import_form.csv_file.data
    try:
        if upload is None or not upload.filename:
            raise DomainError("Kies eerst een CSV-bestand.", field="csv_file")
        try:
            text = upload.read(200_000).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DomainError(
                "Dit bestand kunnen we niet lezen. Sla het op als "
                "CSV (UTF-8) en probeer het opnieuw.",
                field="csv_file",
            ) from error
        data, name = services.from_csv(text)
    except DomainError as error:
        import_form.csv_file.errors = [error.message]
        return _render(services.blank_input(), import_form=import_form)
    save_form = forms.SaveForm()
    save_form.name.data = name
    flash("Je bestand is ingelezen. Kijk de regels na en bereken opnieuw.", "success")
    return _render(data, save_form=save_form, focus="uitkomst")


@bp.route("/afdrukken", methods=["POST"])
def print_page():
    data, raw, errors = forms.parse_tool(request.form)
    _check(data, errors)
    if errors:
        return _render(data, raw, errors, scenario=_scenario_from_form())
    return _print(data, request.form.get("name", "").strip())


def _print(data, name: str):
    return render_template(
        "rekentool/print.html",
        data=data,
        name=name,
        result=services.calculate(data),
        examples=services.EXAMPLES,
        caution=services.EXAMPLES_CAUTION,
        fmt=services.format_euro,
        fmt_input=services.format_input,
        fmt_number=services.format_number,
        now=utcnow(),
    )


@bp.route("/opslaan", methods=["POST"])
@member_required
def save():
    data, raw, errors = forms.parse_tool(request.form)
    save_form = forms.SaveForm()
    scenario = _scenario_from_form()
    as_new = request.form.get("als_nieuw") == "1"  # "Bewaar als nieuw scenario"
    if not save_form.validate_on_submit():
        return _render(data, raw, errors, scenario=scenario, save_form=save_form)
    if errors:
        return _render(data, raw, errors, scenario=scenario, save_form=save_form)
    with unit_of_work(form=save_form, flash_errors=False) as work:
        saved = services.save_scenario(
            current_user._get_current_object(),
            save_form.name.data,
            data,
            scenario_id=None if as_new else to_id(save_form.scenario_id.data),
        )
    if isinstance(work.error, services.InputErrors):  # a message per field of the tool
        errors = {**errors, **work.error.errors}
    elif work.error:  # any other broken rule is about the name
        save_form.name.errors = [*save_form.name.errors, *work.messages]
    if not work.ok:
        return _render(data, raw, errors, scenario=scenario, save_form=save_form)
    flash(f"Je scenario ‘{saved.name}’ is bewaard.", "success")
    return redirect(url_for("rekentool.scenario", scenario_id=saved.id))


def _own(scenario_id: int):
    try:
        return services.scenario_for(current_user, scenario_id)
    except NotAllowed:
        abort(404)


@bp.route("/scenarios")
@member_required
def scenarios():
    items = services.scenarios_of(current_user)
    totals = {s.id: services.calculate(services.from_json(s.data)).per_hire for s in items}
    return render_template(
        "rekentool/scenarios.html", scenarios=items, totals=totals, fmt=services.format_euro
    )


@bp.route("/scenarios/<int:scenario_id>")
@member_required
def scenario(scenario_id: int):
    item = _own(scenario_id)
    return _render(services.from_json(item.data), scenario=item)


@bp.route("/scenarios/<int:scenario_id>.csv")
@member_required
def scenario_csv(scenario_id: int):
    item = _own(scenario_id)
    return _csv_response(services.from_json(item.data), item.name)


@bp.route("/scenarios/<int:scenario_id>/afdrukken")
@member_required
def scenario_print(scenario_id: int):
    item = _own(scenario_id)
    return _print(services.from_json(item.data), item.name)


@bp.route("/scenarios/<int:scenario_id>/verwijderen", methods=["POST"])
@member_required
def delete(scenario_id: int):
    _own(scenario_id)
    with unit_of_work() as work:
        name = services.delete_scenario(current_user, scenario_id)
    if work.ok:
        flash(f"Je scenario ‘{name}’ is verwijderd.", "success")
    return redirect(url_for("rekentool.scenarios"))


@bp.route("/vergelijken")
@member_required
def compare():
    """Two of one's own scenarios side by side, block by block, with the difference."""
    first = request.args.get("a", type=to_id)
    second = request.args.get("b", type=to_id)
    if not first or not second:
        flash("Kies twee scenario's om te vergelijken.", "info")
        return redirect(url_for("rekentool.scenarios"))
    pair = [_own(first), _own(second)]
    results = [services.calculate(services.from_json(s.data)) for s in pair]
    return render_template(
        "rekentool/compare.html",
        pair=pair,
        results=results,
        blocks=services.BLOCKS,
        fmt=services.format_euro,
        fmt_number=services.format_number,
    )
