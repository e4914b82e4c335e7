"""Support requests over HTTP: thin views that parse a form, call a service, commit once.

Someone without an account reaches their request through mailed single-use links; redeeming one
remembers the request in their (signed) session, so the page keeps working in that browser.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    has_request_context,
    redirect,
    render_template,
    session,
    url_for,
)
from flask_login import current_user
from wtforms import SelectChoice

from community.accounts.models import User
from community.accounts.permissions import ambassador_required, member_required
from community.extensions import db, limiter
from community.organisations.models import Organisation
from community.posts.forms import DRAFT_SESSION_KEY
from community.support import services
from community.support.forms import (
    ActionForm,
    AskForm,
    AssignForm,
    FinishForm,
    MessageForm,
    NewLinkForm,
    SparringForm,
)
from community.support.models import LinkPurpose, SupportStatus
from community.themes.services import all_themes
from community.unit_of_work import unit_of_work

bp = Blueprint("support", __name__)

GRANTS = "support_requests"  # ids of requests this browser may open without an account


def _grants() -> list[int]:
    return list(session.get(GRANTS, []))


def _grant(request_id: int) -> None:
    session[GRANTS] = [*[i for i in _grants() if i != request_id], request_id][-20:]


def _user():
    return current_user._get_current_object() if current_user.is_authenticated else None


def _load_visible(request_id: int):
    request = services.load(request_id)
    if request is None or not services.may_view(_user(), request, _grants()):
        abort(404)  # never reveal that a request exists
    return request


@bp.app_context_processor
def _waiting_requests() -> dict:
    def count() -> int:
        if not has_request_context() or not current_user.is_authenticated:
            return 0
        return services.waiting_for(current_user)

    return {"support_waiting": count}


@bp.route("/hulp-vragen", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def ask():
    form = AskForm()
    form.set_theme_choices(all_themes())
    user = _user()
    if user is None:
        organisations = db.session.execute(
            db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
        ).all()
        form.organisation_id.choices = [
            SelectChoice(0, "Kies je organisatie"),
            *(SelectChoice(row.id, row.name) for row in organisations),
        ]
    elif not form.is_submitted():
        form.region.data = user.organisation.region if user.organisation else ""
    form.privacy = None
    if form.validate_on_submit():
        data = services.SupportInput(
            goal=form.goal.data,
            tried=form.tried.data,
            theme_ids=form.theme_ids(),
            region=form.region.data,
            help_kind=form.help_kind.data,
            urgency=form.urgency.data,
            allow_own_organisation=form.allow_own_organisation.data,
            privacy_confirmed=form.privacy_confirmed.data,
            name=form.name.data,
            email=form.email.data,
            organisation_id=form.organisation_id.data or None,
            organisation_name=form.organisation_name.data,
            requester_role=form.requester_role.data,
        )
        with unit_of_work(
            "Dank je wel! Je hulpvraag is verstuurd."
            if user
            else "Bijna klaar: bevestig je hulpvraag met de link in je mail.",
            form=form,
        ) as work:
            created = services.ask_for_support(user, data)
        form.privacy = work.privacy
        if work.ok:
            if user is None:
                return redirect(url_for(".sent"))
            return redirect(url_for(".detail", request_id=created.id))
    return render_template("support/ask.html", form=form)


@bp.route("/hulp-vragen/verstuurd")
def sent():
    return render_template("support/sent.html")


@bp.route("/hulp-vragen/link/<token>")
def redeem(token: str):
    redeemed = services.redeem_link(token[:100])
    if redeemed is None:
        db.session.rollback()
        return render_template("support/link_unusable.html", form=NewLinkForm()), 410
    request, purpose = redeemed
    db.session.commit()
    _grant(request.id)
    if purpose is LinkPurpose.CONFIRM:
        flash(
            "Je hulpvraag is bevestigd. We leggen hem voor aan ambassadeurs uit het veld.",
            "success",
        )
    return redirect(url_for(".detail", request_id=request.id))


@bp.route("/hulp-vragen/nieuwe-link", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def new_link():
    form = NewLinkForm()
    if form.validate_on_submit():
        with unit_of_work(
            "Als er een hulpvraag bij dit adres hoort, staat er nu een nieuwe link in je mail.",
            form=form,
        ) as work:
            services.send_access_link(form.email.data)
        if work.ok:
            return redirect(url_for(".new_link"))
    return render_template("support/new_link.html", form=form)


@bp.route("/hulpvragen")
@member_required
def index():
    return render_template(
        "support/index.html",
        lists=services.overview(current_user),
        offer=services.sparring_offer(current_user) if current_user.is_ambassador else None,
    )


@bp.route("/hulpvragen/<int:request_id>")
def detail(request_id: int):
    request = _load_visible(request_id)
    return _render_detail(request)


def _render_detail(request, **forms):
    user, grants = _user(), _grants()
    assign_form = forms.get("assign_form") or AssignForm()
    if user is not None and user.is_moderator:
        assign_form.helper_id.choices = [
            SelectChoice(0, "Kies een ambassadeur"),
            *(SelectChoice(u.id, u.name) for u in services.ambassadors()),
        ]
    return render_template(
        "support/detail.html",
        req=request,
        thread=services.thread(request),
        is_requester=services.is_requester(user, request, grants),
        is_helper=user is not None and request.helper_id == user.id,
        may_take=user is not None and services.may_take(user, request),
        may_talk=services.may_talk(user, request, grants),
        may_assign=user is not None
        and user.is_moderator
        and request.status is SupportStatus.OPEN
        and request.helper_id is None,
        message_form=forms.get("message_form") or MessageForm(),
        finish_form=forms.get("finish_form") or FinishForm(),
        assign_form=assign_form,
        action_form=ActionForm(),
        Status=SupportStatus,
    )


@bp.route("/hulpvragen/<int:request_id>/ik-help", methods=["POST"])
@ambassador_required
def take(request_id: int):
    request = _load_visible(request_id)
    form = ActionForm()
    if form.validate_on_submit():
        with unit_of_work(
            "Dank je wel! Je helpt deze organisatie. De vrager krijgt je naam en e-mailadres.",
            form=form,
        ):
            services.take(current_user, request)
    return redirect(url_for(".detail", request_id=request.id))


@bp.route("/hulpvragen/<int:request_id>/toewijzen", methods=["POST"])
@member_required
def assign(request_id: int):
    request = _load_visible(request_id)
    if not current_user.is_moderator:
        abort(403)
    form = AssignForm()
    form.helper_id.choices = [SelectChoice(u.id, u.name) for u in services.ambassadors()]
    if form.validate_on_submit():
        helper = db.session.get(User, form.helper_id.data or 0)
        if helper is None:
            form.helper_id.errors = ["Kies een ambassadeur."]
        else:
            with unit_of_work(f"{helper.name} helpt nu bij deze hulpvraag.", form=form) as work:
                services.assign(current_user, request, helper)
            if work.ok:
                return redirect(url_for(".detail", request_id=request.id))
    request = _load_visible(request_id)
    return _render_detail(request, assign_form=form), 400


@bp.route("/hulpvragen/<int:request_id>/bericht", methods=["POST"])
def message(request_id: int):
    request = _load_visible(request_id)
    form = MessageForm()
    form.privacy = None
    if form.validate_on_submit():
        with unit_of_work("Je bericht is geplaatst.", form=form) as work:
            services.post_message(
                request,
                _user(),
                form.body.data,
                grants=_grants(),
                confirmed=form.privacy_confirmed.data,
            )
        form.privacy = work.privacy
        if work.ok:
            return redirect(url_for(".detail", request_id=request.id, _anchor="berichten"))
    request = _load_visible(request_id)
    return _render_detail(request, message_form=form), 400


@bp.route("/hulpvragen/<int:request_id>/afronden", methods=["POST"])
def finish(request_id: int):
    request = _load_visible(request_id)
    form = FinishForm()
    form.privacy = None
    if form.validate_on_submit():
        with unit_of_work(
            "De hulpvraag is afgerond. Dank jullie wel voor het delen van wat het opleverde!",
            form=form,
        ) as work:
            services.finish(
                _user(),
                request,
                form.outcome.data,
                organisation_may_be_named=form.organisation_may_be_named.data,
                grants=_grants(),
                confirmed=form.privacy_confirmed.data,
            )
        form.privacy = work.privacy
        if work.ok:
            return redirect(url_for(".detail", request_id=request.id))
    request = _load_visible(request_id)
    return _render_detail(request, finish_form=form), 400


@bp.route("/hulpvragen/<int:request_id>/sluiten", methods=["POST"])
def close(request_id: int):
    request = _load_visible(request_id)
    form = ActionForm()
    if form.validate_on_submit():
        with unit_of_work("De hulpvraag is gesloten.", form=form):
            services.close(_user(), request, grants=_grants())
    return redirect(url_for(".detail", request_id=request.id))


@bp.route("/hulpvragen/<int:request_id>/goed-voorbeeld", methods=["POST"])
@ambassador_required
def to_practice(request_id: int):
    """One step from outcome to a draft good practice: the helper finishes it in the form."""
    request = _load_visible(request_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work():  # writes nothing; a NotAllowed is its 403
        draft = services.practice_draft(current_user, request)
    session[DRAFT_SESSION_KEY] = draft
    flash(
        "We hebben een begin gemaakt met je goede voorbeeld. Vul het aan en publiceer het.", "info"
    )
    return redirect(url_for("posts.create_practice"))


@bp.route("/ik-denk-mee", methods=["GET", "POST"])
@ambassador_required
def sparring():
    form = SparringForm()
    form.set_theme_choices(all_themes())
    offer = services.sparring_offer(current_user)
    if not form.is_submitted():
        if offer is not None:
            form.active.data = offer.active
            form.region.data = offer.region
            form.per_month.data = offer.per_month
            form.themes.data = [t.id for t in offer.themes]
        else:
            form.active.data = True
            organisation = current_user.organisation
            form.region.data = organisation.region if organisation else ""
    form.privacy = None
    if form.validate_on_submit():
        active = form.active.data
        with unit_of_work(
            "Dank je wel! Je denkt mee met hulpvragen."
            if active
            else "Je krijgt geen nieuwe hulpvragen meer voorgelegd.",
            form=form,
        ) as work:
            services.set_sparring_offer(
                current_user, active, form.theme_ids(), form.region.data, form.per_month.data
            )
        form.privacy = work.privacy
        if work.ok:
            return redirect(url_for(".index"))
    return render_template("support/sparring.html", form=form, offer=offer)
