"""The growth chart's geometry: small multiples of monthly bars, drawn by a template as inline SVG.

No JavaScript and no chart library: Python places the bars, `templates/stats/_growth_chart.html`
writes them out with presentation attributes and classes (the CSP forbids style= attributes).
Each series gets its own panel and scale, so a month with two practices is not a flat line
under a month with forty new members; the table under the chart holds the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from community.formatting import format_month, format_number, plural
from community.stats.services import MonthGrowth

SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# Two drawings of the same chart: a wide one, and a narrow one for phones (CSS shows one of the
# two). An SVG scales as a whole, so one drawing cannot keep 14-unit text readable at both
# 1280 and 375 pixels. The numbers are the same; only the geometry differs.
WIDE, NARROW = 880, 360
LEFT = 44  # room for the scale's numbers
RIGHT = 6
TOP = 4
PANEL_TITLE = 40
PLOT = 100
MONTH_LABELS = 44
PANEL_GAP = 26


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    singular: str
    plural: str
    colour: str  # at least 4.5:1 on white, so bars and their text pass WCAG AA

    def count(self, n: int) -> str:
        """'1 nieuw lid', '14 nieuwe leden'"""
        return plural(n, self.singular, self.plural)


SERIES = (
    Series("members", "Nieuwe leden", "nieuw lid", "nieuwe leden", "#0b5c56"),
    Series(
        "practices",
        "Nieuwe goede voorbeelden",
        "nieuw goed voorbeeld",
        "nieuwe goede voorbeelden",
        "#b4480f",
    ),
    Series("questions", "Nieuwe vragen", "nieuwe vraag", "nieuwe vragen", "#3a4a9a"),
)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str  # "maart 2025: 14 nieuwe leden"


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int


@dataclass(frozen=True)
class MonthLabel:
    x: float
    y: float
    text: str
    year: str  # set under January and under the first month shown


@dataclass(frozen=True)
class Panel:
    series: Series
    top: float
    baseline: float
    total: int
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]
    months: tuple[MonthLabel, ...]

    @property
    def summary(self) -> str:
        return f"{self.series.title}: {format_number(self.total)} in totaal"


@dataclass(frozen=True)
class Chart:
    layout: str  # "wide" or "narrow"
    width: int
    height: int
    left: int
    right: int
    months: int
    panels: tuple[Panel, ...]
    title: str
    description: str


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … that is at least `value` (and at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def growth_chart(growth: Sequence[MonthGrowth], width: int = WIDE) -> Chart:
    """Coordinates are rounded to a tenth of a unit: finer than a screen shows."""
    slot = (width - LEFT - RIGHT) / max(len(growth), 1)
    bar_width = round(slot * 0.68, 1)
    panels = []
    top = TOP
    for series in SERIES:
        values = [getattr(month, series.key) for month in growth]
        ceiling = nice_ceiling(max(values, default=0))
        baseline = top + PANEL_TITLE + PLOT
        bars = []
        for index, (month, value) in enumerate(zip(growth, values, strict=True)):
            height = round(PLOT * value / ceiling, 1)
            bars.append(
                Bar(
                    x=round(LEFT + index * slot + (slot - bar_width) / 2, 1),
                    y=round(baseline - height, 1),
                    width=bar_width,
                    height=height,
                    value=value,
                    label=f"{format_month(month.month)}: {series.count(value)}",
                )
            )
        grid = [GridLine(y=baseline, value=0), GridLine(y=baseline - PLOT, value=ceiling)]
        if ceiling % 2 == 0:
            grid.insert(1, GridLine(y=baseline - PLOT / 2, value=ceiling // 2))
        months = tuple(
            MonthLabel(
                x=round(LEFT + index * slot + slot / 2, 1),
                y=baseline + 18,
                text=SHORT_MONTHS[month.month.month - 1],
                year=str(month.month.year) if (month.month.month == 1 or index == 0) else "",
            )
            for index, month in enumerate(growth)
            if (month.month.month - 1) % 3 == 0
        )
        panels.append(Panel(series, top, baseline, sum(values), tuple(bars), tuple(grid), months))
        top = baseline + MONTH_LABELS + PANEL_GAP
    height = int(top - PANEL_GAP)
    return Chart(
        layout="wide" if width >= WIDE else "narrow",
        width=width,
        height=height,
        left=LEFT,
        right=width - RIGHT,
        months=len(growth),
        panels=tuple(panels),
        title=_title(growth),
        description=_description(growth, panels),
    )


def _title(growth: Sequence[MonthGrowth]) -> str:
    if not growth:
        return "Groei per maand"
    return (
        f"Groei per maand, van {format_month(growth[0].month)} "
        f"tot en met {format_month(growth[-1].month)}"
    )


def _description(growth: Sequence[MonthGrowth], panels: Sequence[Panel]) -> str:
    parts = [f"Drie staafdiagrammen, één staaf per maand over {len(growth)} maanden."]
    for panel in panels:
        busiest = max(panel.bars, key=lambda bar: bar.value, default=None)
        text = f"{panel.series.title}: {format_number(panel.total)} in totaal"
        if busiest is not None and busiest.value:
            month = busiest.label.split(":", 1)[0]
            text += f", de meeste in {month} ({format_number(busiest.value)})"
        parts.append(text + ".")
    parts.append("De tabel onder de grafiek geeft alle cijfers per maand.")
    return " ".join(parts)
