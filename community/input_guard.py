"""Hostile input stops at the door: one check for every form field, query argument and URL part.

Why here and not per field: a NUL byte in any text reaches PostgreSQL as an error (500), a number
above 2^63 overflows its integer columns, and a file part posted to a text field breaks the form
code that expects a string. The site has no file uploads and no field where a control character
means anything, so such requests are refused with a Dutch 400 page before any view runs, and
nothing is half written.

- Control characters (C0, DEL, C1) are refused everywhere; in form values tab, newline and
  carriage return are allowed (multi-line text). Single-line fields that must not hold a newline
  (names, which go into mail headers) check `is_single_line` themselves.
- Every `<int:...>` URL part is an id between 1 and MAX_ID (`IdConverter`, registered as `int`);
  `to_id` and `page_number` bound numbers read from forms and query strings.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, current_app, request
from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2**31 - 1  # integer primary keys; PostgreSQL refuses larger numbers
MAX_PAGE = 100_000  # far beyond the last page of any list, far below an overflow

# C0 controls except tab, newline and carriage return; DEL; C1 controls.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

REFUSED_MESSAGE = (
    "Je invoer bevat tekens die we niet kunnen verwerken, zoals onzichtbare stuurtekens of een "
    "bestand. Haal ze weg en probeer het opnieuw; er is niets opgeslagen."
)


def is_single_line(value: str) -> bool:
    """No control character at all, not even a newline or tab."""
    return not _CONTROL_IN_LINE.search(value)


def is_clean_text(value: str) -> bool:
    """No control character except tab, newline and carriage return."""
    return not _CONTROL_IN_TEXT.search(value)


def to_id(value: Any) -> int | None:
    """A database id from a form or query value, or None: digits only, 1 to MAX_ID."""
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def page_number(value: Any) -> int:
    """A page number from a query string (`type=page_number`): ValueError when it is none."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_PAGE)):
        raise ValueError("not a page number")
    return min(max(int(text), 1), MAX_PAGE)


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: 1 to MAX_ID, so no id overflows a database integer (404)."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 (werkzeug's signature)
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> int:
        if len(value) > len(str(MAX_ID)):
            raise ValidationError()
        return super().to_python(value)


def accepts_files(view):
    """Mark the one kind of view that takes an upload (the rekentool's CSV import); it must
    check the file itself. Every other view never sees a file part."""
    view.accepts_files = True
    return view


def _refusal() -> str | None:
    """Why this request is refused, or None."""
    if request.files:
        view = current_app.view_functions.get(request.endpoint or "")
        if not getattr(view, "accepts_files", False):
            return "file"
    if not is_single_line(request.path):
        return "path"
    for key, value in request.args.items(multi=True):
        if not (is_single_line(key) and is_single_line(value)):
            return "query"
    for key, value in (request.view_args or {}).items():
        if not is_single_line(key) or (isinstance(value, str) and not is_single_line(value)):
            return "url"
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        for key, value in request.form.items(multi=True):
            if not (is_single_line(key) and is_clean_text(value)):
                return "form"
    return None


def init_app(app: Flask) -> None:
    """Register the bounded id converter (before any blueprint) and the door check (first)."""
    app.url_map.converters["int"] = IdConverter

    def refuse_hostile_input():
        if _refusal() is None:
            return None
        if request.path.startswith("/api/"):
            return {"error": REFUSED_MESSAGE}, 400
        from community.errors import render_error

        return render_error(400, REFUSED_MESSAGE)

    app.before_request_funcs.setdefault(None, []).insert(0, refuse_hostile_input)
