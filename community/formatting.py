"""Dutch (nl-NL) presentation: dates in Amsterdam time, plurals and plain-text excerpts."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask

from community.clock import utcnow
from community.sanitize import plain_text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def local(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def format_date(moment: datetime | None) -> str:
    """21 november 2026"""
    if moment is None:
        return ""
    moment = local(moment)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def format_datetime(moment: datetime | None) -> str:
    """21 november 2026 om 14:05"""
    if moment is None:
        return ""
    return f"{format_date(moment)} om {local(moment):%H:%M}"


def machine_datetime(moment: datetime | None) -> str:
    """2026-12-05T14:03:00Z, for <time datetime> and meta tags: UTC to the second.

    HTML allows at most three digits of a second's fraction; isoformat() writes six.
    """
    if moment is None:
        return ""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_month(moment: datetime) -> str:
    """november 2026"""
    return f"{MONTHS[moment.month - 1]} {moment.year}"


def plural(count: int, singular: str, plural_form: str) -> str:
    """plural(1, 'vraag', 'vragen') -> '1 vraag'; plural(3, ...) -> '3 vragen'."""
    return f"{format_number(count)} {singular if count == 1 else plural_form}"


def format_number(value: int | float) -> str:
    """Dutch digit grouping: 12.345 and 3,5."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def time_ago(moment: datetime | None, now: datetime | None = None) -> str:
    """'zojuist', '5 minuten geleden', 'gisteren', '3 dagen geleden', then the date."""
    if moment is None:
        return ""
    seconds = ((now or utcnow()) - moment).total_seconds()
    if seconds < 60:
        return "zojuist"
    if seconds < 3600:
        return plural(int(seconds // 60), "minuut", "minuten") + " geleden"
    if seconds < 86400:
        return plural(int(seconds // 3600), "uur", "uur") + " geleden"
    days = int(seconds // 86400)
    if days == 1:
        return "gisteren"
    if days < 30:
        return f"{days} dagen geleden"
    return format_date(moment)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        datum=format_date,
        datumtijd=format_datetime,
        maand=format_month,
        geleden=time_ago,
        getal=format_number,
        iso=machine_datetime,
    )
    app.jinja_env.globals.update(plural=plural)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def plain_excerpt(html: str, length: int = 280) -> str:
    """Readable plain text from stored (already sanitised) HTML, cut at a word near `length`."""
    return shorten(plain_text(html or ""), length)


def shorten(text: str, length: int = 280) -> str:
    """Whitespace collapsed, cut at a word boundary near `length`, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:!? ")
    return cut + "…"
