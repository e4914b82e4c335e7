"""The readiness check (anonymous, nothing stored) and ambassadors' team rounds."""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from community import urls
from community.accounts.permissions import ambassador_required
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.readiness import forms, services
from community.themes.models import Theme
from community.unit_of_work import unit_of_work

bp = Blueprint("readiness", __name__, url_prefix="/klaar-voor-verandering")

LINK_KEY = "readiness-round-links"  # session: round id -> its link, shown once after making it


def _answered_cookie(round_id: int) -> str:
    return f"kvv-{round_id}"


def _steps(chosen) -> list[dict]:
    """Each next step with a working link: a theme page when the theme exists, else a search."""
    slugs = [s.link[1] for s in chosen if s.link[0] == "theme"]
    themes = {
        t.slug: t for t in db.session.scalars(sa.select(Theme).where(Theme.slug.in_(slugs))).all()
    }
    steps = []
    for step in chosen:
        kind, target = step.link
        label = step.link_text
        if kind == "theme":
            theme = themes.get(target)
            if theme is not None:
                href = url_for("themes.detail", slug=theme.slug)
                label = f"Thema {theme.name}"
            else:
                query = label.removeprefix("Thema ")
                href = url_for("search.index", q=query)
                label = f"Zoek naar ‘{query}’"
        elif kind == "search":
            href = url_for("search.index", q=target)
        else:
            href = url_for(target)
        steps.append({"text": step.text, "href": href, "label": label})
    return steps


def _result_context(form, outcome) -> dict:
    answers = form.answers()
    return {
        "outcome": outcome,
        "steps": _steps(outcome.steps),
        "no_questions": [q for q in services.QUESTIONS if not answers[q.key]],
        "total": len(services.QUESTIONS),
    }


def _form_context(form) -> dict:
    return {"form": form, "groups": services.GROUPS, "questions": services.QUESTIONS}


@bp.route("/", methods=["GET", "POST"])
def index():
    """Answer the nine questions and see where you stand; the answers are not kept anywhere."""
    form = forms.CheckForm()
    if form.validate_on_submit():
        outcome = services.assess(form.answers())
        return render_template("readiness/result.html", **_result_context(form, outcome))
    return render_template("readiness/index.html", **_form_context(form), round=None)


# ---------------------------------------------------------------------------------------------
# Team rounds: the ambassador's side


def _own(round_id: int):
    try:
        return services.own_round(current_user, round_id)
    except NotAllowed:
        abort(404)


@bp.route("/teamrondes", methods=["GET", "POST"])
@ambassador_required
def rounds():
    form = forms.RoundForm()
    if form.validate_on_submit():
        with unit_of_work(form=form) as work:
            round_, token = services.start_round(
                current_user._get_current_object(), form.title.data, int(form.days.data)
            )
        if work.ok:
            _keep_link(round_.id, token)
            flash("Je teamronde staat klaar. Stuur de link naar je collega's.", "success")
            return redirect(url_for("readiness.round_detail", round_id=round_.id))
    return render_template(
        "readiness/rounds.html",
        form=form,
        rounds=services.rounds_of(current_user),
        minimum=services.MIN_RESPONSES,
        is_open=services.is_open,
    )


def _keep_link(round_id: int, token: str) -> None:
    links = dict(session.get(LINK_KEY, {}))
    links[str(round_id)] = urls.absolute_url("readiness.answer", token=token)
    session[LINK_KEY] = links


@bp.route("/teamrondes/<int:round_id>")
@ambassador_required
def round_detail(round_id: int):
    """The spread per question, never per person, and only from MIN_RESPONSES answers on."""
    round_ = _own(round_id)
    results = services.results(current_user, round_.id)
    link = dict(session.get(LINK_KEY, {})).get(str(round_.id))
    return render_template(
        "readiness/round.html",
        round=round_,
        results=results,
        link=link,
        minimum=services.MIN_RESPONSES,
        is_open=services.is_open(round_),
        groups=services.GROUPS,
    )


@bp.route("/teamrondes/<int:round_id>/nieuwe-link", methods=["POST"])
@ambassador_required
def new_link(round_id: int):
    _own(round_id)
    with unit_of_work("Er is een nieuwe link. De oude werkt niet meer.") as work:
        token = services.new_link(current_user, round_id)
    if work.ok:
        _keep_link(round_id, token)
    return redirect(url_for("readiness.round_detail", round_id=round_id))


@bp.route("/teamrondes/<int:round_id>/sluiten", methods=["POST"])
@ambassador_required
def close(round_id: int):
    _own(round_id)
    services.close_round(current_user, round_id)
    db.session.commit()
    links = dict(session.get(LINK_KEY, {}))
    if links.pop(str(round_id), None):
        session[LINK_KEY] = links
    flash("De ronde is gesloten: de link werkt niet meer. De uitkomst blijft staan.", "success")
    return redirect(url_for("readiness.round_detail", round_id=round_id))


@bp.route("/teamrondes/<int:round_id>/verwijderen", methods=["POST"])
@ambassador_required
def delete(round_id: int):
    _own(round_id)
    title = services.delete_round(current_user, round_id)
    db.session.commit()
    flash(f"De ronde ‘{title}’ en alle antwoorden zijn verwijderd.", "success")
    return redirect(url_for("readiness.rounds"))


# ---------------------------------------------------------------------------------------------
# Team rounds: colleagues answer through the link, without an account


@bp.route("/t/<token>", methods=["GET", "POST"])
def answer(token: str):
    try:
        round_ = services.round_for_token(token)
    except DomainError as error:
        return render_template("readiness/unusable.html", message=error.message), 404
    cookie = _answered_cookie(round_.id)
    if request.cookies.get(cookie):
        return render_template("readiness/answered.html", round=round_, again=True)
    form = forms.CheckForm()
    if form.validate_on_submit():
        with unit_of_work(flash_errors=False) as work:
            outcome = services.answer_round(round_, form.answers())
        if not work.ok:
            return render_template("readiness/unusable.html", message=work.error.message), 404
        response = render_template(
            "readiness/result.html", **_result_context(form, outcome), round=round_
        )
        response = make_response(response)
        seconds = max(60, int((round_.expires_at - utcnow()).total_seconds()))
        response.set_cookie(
            cookie,
            "1",
            max_age=seconds,
            path=request.path,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
        return response
    return render_template("readiness/index.html", **_form_context(form), round=round_)
