"""/de-beweging, and the figures each organisation page shows (through a template helper)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Blueprint, render_template
from flask_login import current_user
from markupsafe import Markup

from community.cache import remembered
from community.formatting import plural
from community.posts.queries import is_member
from community.stats import services
from community.stats.chart import NARROW, WIDE, Chart, growth_chart
from community.support.services import Figures as SupportFigures
from community.support.services import figures as support_figures

bp = Blueprint("stats", __name__)


@dataclass(frozen=True)
class MovementPage:
    """What /de-beweging shows, remembered as a whole: the figures and the drawn charts."""

    figures: services.MovementFigures
    chart: Chart  # the wide drawing, for the words around the chart
    charts_svg: Markup  # both drawings, rendered once
    support: SupportFigures  # support requests helped (one more query)


def _movement_page(viewer: Any) -> MovementPage:
    figures = services.movement_figures(viewer)
    charts = [growth_chart(figures.growth, WIDE), growth_chart(figures.growth, NARROW)]
    # render_template escaped every value already; the result is markup, not text.
    svg = Markup("".join(render_template("stats/_growth_chart.html", chart=c) for c in charts))
    return MovementPage(figures, charts[0], svg, support_figures())


def organisation_figures(organisation: Any, viewer: Any) -> services.OrganisationFigures:
    key = ("organisation", organisation.id, is_member(viewer))
    return remembered(key, lambda: services.organisation_figures(organisation, viewer))


@bp.route("/de-beweging")
def index():
    member = is_member(current_user)
    page = remembered(("movement", member), lambda: _movement_page(current_user))
    return render_template(
        "stats/index.html",
        page=page,
        figures=page.figures,
        member_view=member,
        support=page.support,
    )


@bp.app_context_processor
def _organisation_figures() -> dict:
    """`organisation_figures(org)` for templates/stats/_organisation_figures.html."""
    return {
        "organisation_figures": lambda organisation: organisation_figures(
            organisation, current_user
        )
    }


@bp.app_template_filter("duur")
def format_duration(value: timedelta | None) -> str:
    """A wait in Dutch, to two units: '45 minuten', '3 uur en 20 minuten', '2 dagen en 4 uur'."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return "minder dan een minuut"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    units = [
        (days, "dag", "dagen"),
        (hours, "uur", "uur"),
        (minutes, "minuut", "minuten"),
    ]
    shown = [plural(n, one, many) for n, one, many in units if n][:2]
    if days and not hours:
        shown = shown[:1]  # "2 dagen", not "2 dagen en 5 minuten"
    return " en ".join(shown)
