"""Invitations and access requests: thin views that parse, call a service, commit once, redirect."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from wtforms import SelectChoice

from community.accounts.models import Role
from community.accounts.permissions import ambassador_required
from community.accounts.views import log_in
from community.clock import utcnow
from community.extensions import db, limiter
from community.input_guard import page_number
from community.invites import acceptance, access_requests, queries, services
from community.invites.feedback import invite_report, unsent_message
from community.invites.forms import (
    ROLE_HINTS,
    AcceptForm,
    AccessRequestForm,
    ApproveForm,
    DeclineForm,
    InviteForm,
)
from community.invites.limits import allowance
from community.invites.models import AccessRequest, Invitation, InvitationStatus
from community.invites.network import invitation_network
from community.organisations.models import Organisation
from community.privacy import PersonalDataFound
from community.unit_of_work import unit_of_work

bp = Blueprint("invites", __name__)

MANAGEABLE = (InvitationStatus.OPEN, InvitationStatus.EXPIRED)


def _organisation_choices(placeholder: str) -> list[SelectChoice]:
    names = db.session.execute(
        db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    return [SelectChoice("0", placeholder), *(SelectChoice(str(r.id), r.name) for r in names)]


def _thank(success: str, mailed: list[Invitation] = ()) -> None:
    """After the commit: thank, or report the invitations whose mail the server did not take."""
    unsent = [invitation for invitation in mailed if invitation.mail_failed]
    if unsent:
        flash(unsent_message(unsent), "error")
    else:
        flash(success, "success")


def _page() -> int:
    """Bounded: Flask-SQLAlchemy would read ?page= itself, and 2^64 overflows the OFFSET."""
    return request.args.get("page", 1, type=page_number)


@bp.route("/uitnodigingen")
@ambassador_required
def index():
    now = utcnow()
    page = db.paginate(
        services.invitations_sent_by(current_user), page=_page(), per_page=50, error_out=False
    )
    rows = [
        (
            invitation,
            invitation.status(now),
            invitation.mail_failed or invitation.last_sent_at <= now - services.RESEND_AFTER,
        )
        for invitation in page.items
    ]
    return render_template("invites/index.html", page=page, rows=rows, manageable=MANAGEABLE)


@bp.route("/uitnodigingen/nieuw", methods=["GET", "POST"])
@ambassador_required
def create():
    form = InviteForm()
    if current_user.is_admin:
        form.organisation.choices = _organisation_choices("Kies een organisatie")
    else:
        del form.organisation
    warning = privacy = None
    if form.validate_on_submit():
        organisation = None
        if current_user.is_admin:
            organisation = db.session.get(Organisation, form.organisation.data)
        confirmed = (
            (form.confirmed_addresses.data or "").split() if form.confirm_outside.data else False
        )
        with unit_of_work(form=form) as work:
            result = services.invite_colleagues(
                current_user,
                [form.emails.data],
                Role(form.role.data),
                form.message.data or "",
                organisation=organisation,
                confirm_outside_domain=confirmed,
                privacy_confirmed=form.privacy_confirmed.data,
            )
        privacy = work.privacy
        if work.ok and not result.needs_confirmation:
            for category, text in invite_report(result):
                flash(text, category)
            return redirect(url_for(".index"))
        if work.ok:
            warning = result
            form.confirmed_addresses.data = " ".join(result.outside_domain)
            form.confirm_outside.data = False
    left = allowance(current_user, utcnow())
    return render_template(
        "invites/create.html",
        form=form,
        warning=warning,
        privacy=privacy,
        left=left,
        role_hints=ROLE_HINTS,
    )


@bp.route("/uitnodigingen/<int:invitation_id>/opnieuw-versturen", methods=["POST"])
@ambassador_required
def resend(invitation_id: int):
    invitation = db.get_or_404(Invitation, invitation_id)
    with unit_of_work() as work:
        services.resend_invitation(current_user, invitation)
    if work.ok:
        _thank(
            f"De uitnodiging is opnieuw verstuurd naar {invitation.email}. "
            "De link uit de vorige e-mail werkt niet meer.",
            [invitation],
        )
    return redirect(url_for(".index"))


@bp.route("/uitnodigingen/<int:invitation_id>/intrekken", methods=["POST"])
@ambassador_required
def revoke(invitation_id: int):
    invitation = db.get_or_404(Invitation, invitation_id)
    with unit_of_work(
        f"De uitnodiging voor {invitation.email} is ingetrokken; de link werkt niet meer."
    ):
        services.revoke_invitation(current_user, invitation)
    return redirect(url_for(".index"))


@bp.route("/uitnodigingen/netwerk")
@ambassador_required
def network():
    return render_template("invites/network.html", network=invitation_network(current_user))


def _decision_forms(
    access_request: AccessRequest, choices: list[SelectChoice] | None = None
) -> tuple[ApproveForm, DeclineForm]:
    """Prefixed per request, so a page of requests has unique field ids."""
    approve = ApproveForm(prefix=f"goedkeuren-{access_request.id}")
    if access_request.organisation is None:
        approve.organisation.choices = choices or _organisation_choices("Kies een organisatie")
    else:
        approve.organisation.choices = [SelectChoice("0", "")]
    return approve, DeclineForm(prefix=f"afwijzen-{access_request.id}")


@bp.route("/toegangsverzoeken")
@ambassador_required
def requests():
    return _requests_page()


def _requests_page(stopped: tuple[int, DeclineForm, PersonalDataFound] | None = None):
    """The open requests; `stopped` is (request id, submitted decline form, warning) when the
    privacy guard stopped a decline: that form is shown open, with the warning."""
    page = db.paginate(
        queries.open_requests_for(current_user), page=_page(), per_page=50, error_out=False
    )
    choices = None
    if any(item.organisation is None for item in page.items):
        choices = _organisation_choices("Kies een organisatie")
    items = []
    for item in page.items:
        approve, decline = _decision_forms(item, choices)
        if stopped is not None and stopped[0] == item.id:
            decline = stopped[1]
        items.append((item, approve, decline))
    return render_template(
        "invites/requests.html",
        page=page,
        items=items,
        role_hints=ROLE_HINTS,
        stopped_id=stopped[0] if stopped else None,
        privacy=stopped[2] if stopped else None,
    )


def _open_request(request_id: int) -> AccessRequest:
    access_request = db.get_or_404(AccessRequest, request_id)
    if not access_requests.may_decide(current_user, access_request):
        abort(403)
    return access_request


@bp.route("/toegangsverzoeken/<int:request_id>/goedkeuren", methods=["POST"])
@ambassador_required
def approve(request_id: int):
    access_request = _open_request(request_id)
    form, _ = _decision_forms(access_request)
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(url_for(".requests"))
    organisation = db.session.get(Organisation, form.organisation.data or 0)
    with unit_of_work() as work:
        invitation = access_requests.approve_access_request(
            current_user, access_request, Role(form.role.data), organisation
        )
    if work.ok:
        _thank(
            f"{access_request.name} krijgt een uitnodiging op {access_request.email}.",
            [invitation],
        )
    return redirect(url_for(".requests"))


@bp.route("/toegangsverzoeken/<int:request_id>/afwijzen", methods=["POST"])
@ambassador_required
def decline(request_id: int):
    access_request = _open_request(request_id)
    _, form = _decision_forms(access_request)
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(url_for(".requests"))
    declined = (
        f"De aanvraag van {access_request.name} is afgewezen; we hebben een nette e-mail gestuurd."
    )
    with unit_of_work(declined, form=form) as work:
        access_requests.decline_access_request(
            current_user,
            access_request,
            form.reason.data or "",
            privacy_confirmed=form.privacy_confirmed.data,
        )
    if work.privacy:
        return _requests_page((access_request.id, form, work.privacy))
    return redirect(url_for(".requests"))


@bp.route("/toegang-aanvragen", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ACCESS_REQUEST_RATE_LIMIT"], methods=["POST"])
def request_access():
    if current_user.is_authenticated:
        flash("Je hebt al een account, dus je hoeft geen toegang aan te vragen.", "info")
        return redirect(url_for("pages.index"))
    form = AccessRequestForm()
    form.organisation.choices = _organisation_choices("Kies je organisatie")
    privacy = None
    if form.validate_on_submit():
        with unit_of_work(
            "Dank je wel! We hebben je aanvraag ontvangen. Een ambassadeur of moderator kijkt "
            "ernaar; je krijgt bericht op het e-mailadres dat je opgaf.",
            form=form,
        ) as work:
            access_requests.request_access(
                form.name.data,
                form.email.data,
                db.session.get(Organisation, form.organisation.data or 0),
                form.organisation_name.data or "",
                form.motivation.data,
                privacy_confirmed=form.privacy_confirmed.data,
            )
        if work.ok:
            return redirect(url_for("pages.index"))
        privacy = work.privacy
    return render_template("invites/request_access.html", form=form, privacy=privacy)


UNUSABLE_HEADINGS = {
    "unknown": "Deze link kennen we niet",
    "used": "Deze uitnodiging is al gebruikt",
    "has_account": "Je hebt al een account",
    "revoked": "Deze uitnodiging is ingetrokken",
    "expired": "Deze uitnodiging is verlopen",
}


def _unusable_page(error: acceptance.InvitationUnusable):
    code = 404 if error.reason == "unknown" else 410
    heading = UNUSABLE_HEADINGS[error.reason]
    return render_template("invites/unusable.html", error=error, heading=heading), code


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept(token: str):
    try:
        invitation = acceptance.usable_invitation(token)
    except acceptance.InvitationUnusable as error:
        return _unusable_page(error)
    form = AcceptForm()
    if not current_user.is_authenticated and form.validate_on_submit():
        with unit_of_work(form=form, flash_errors=False) as work:
            user = acceptance.accept_invitation(
                token, form.name.data, form.password.data, form.job_title.data or ""
            )
        if isinstance(work.error, acceptance.InvitationUnusable):
            return _unusable_page(work.error)
        for message in work.messages:
            flash(message, "error")
        if work.ok:
            log_in(user)  # a log-in of its own, as after any password check
            flash(
                f"Welkom bij de Jeugdhulp Community, {user.name}! Je account is klaar en je bent "
                "ingelogd. Kijk rond, stel je vraag, of deel wat bij jullie werkt.",
                "success",
            )
            return redirect(url_for("colleagues.welcome"))
    response = make_response(
        render_template("invites/accept.html", form=form, invitation=invitation)
    )
    # The token is in this page's address: never pass it on to another site.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
