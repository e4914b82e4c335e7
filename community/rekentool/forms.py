"""The rekentool's grid of lines is posted as plain fields (l-0-label, l-0-hours, ...): it must
work without JavaScript, and lines come and go with submit buttons, so the fields are read by
hand here instead of through a fixed WTForms class. The small forms around it are WTForms."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField
from wtforms.validators import Length

from community.rekentool import services
from community.rekentool.services import BLOCK_BY_KEY, MAX_LINES_PER_BLOCK, Line, ToolInput

UNREADABLE = "Dit getal kunnen we niet lezen. Schrijf het bijvoorbeeld zo: 1.528,50 of 1528.5"
_LINE_FIELD = re.compile(r"^l-(\d+)-block$")


def parse_tool(form) -> tuple[ToolInput, dict[str, str], dict[str, str]]:
    """(input, raw texts by field id to show back, parse errors by field id)."""
    indices = sorted(int(m.group(1)) for key in form if (m := _LINE_FIELD.match(key)))[
        : MAX_LINES_PER_BLOCK * len(BLOCK_BY_KEY)
    ]
    data = ToolInput()
    raw: dict[str, str] = {}
    errors: dict[str, str] = {}

    def number(field_id: str, text: str):
        raw[field_id] = text
        try:
            return services.parse_number(text)
        except ValueError:
            errors[field_id] = UNREADABLE
            return None

    for index in indices:
        block = form.get(f"l-{index}-block", "")
        if block not in BLOCK_BY_KEY:
            continue
        position = len(data.lines)
        where = f"l{position}"
        label = form.get(f"l-{index}-label", "").strip()[: services.MAX_LABEL + 1]
        raw[f"{where}-label"] = label
        data.lines.append(
            Line(
                block,
                label,
                number(f"{where}-hours", form.get(f"l-{index}-hours", "")),
                number(f"{where}-rate", form.get(f"l-{index}-rate", "")),
                number(f"{where}-oop", form.get(f"l-{index}-oop", "")),
            )
        )
    for name in ("hires", "staff", "outflow_rate"):
        setattr(data, name, number(name, form.get(name, "")))
    return data, raw, errors


def raw_from(data: ToolInput) -> dict[str, str]:
    """The texts to show in the fields for a stored or imported input."""
    raw: dict[str, str] = {}
    for index, line in enumerate(data.lines):
        raw[f"l{index}-label"] = line.label
        raw[f"l{index}-hours"] = services.format_input(line.hours)
        raw[f"l{index}-rate"] = services.format_input(line.rate)
        raw[f"l{index}-oop"] = services.format_input(line.oop)
    for name in ("hires", "staff", "outflow_rate"):
        raw[name] = services.format_input(getattr(data, name))
    return raw


class ImportForm(FlaskForm):
    csv_file = FileField("CSV-bestand uit de rekentool")


class SaveForm(FlaskForm):
    """Only the name; the lines come from the tool's own fields in the same post."""

    name = StringField("Naam van je scenario", validators=[Length(max=services.MAX_NAME)])
    scenario_id = HiddenField()
