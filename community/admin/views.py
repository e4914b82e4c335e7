"""The admin area (/beheer): a dashboard that links every admin section, and member management.

Sections of later features appear on the dashboard as soon as their endpoint exists.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from community.accounts.models import Role, User
from community.accounts.permissions import admin_required
from community.admin import services
from community.admin.forms import RoleForm, UserFilterForm, UserOrganisationForm
from community.extensions import db
from community.input_guard import page_number
from community.organisations.models import Organisation
from community.unit_of_work import unit_of_work

bp = Blueprint("admin", __name__, url_prefix="/beheer")

PER_PAGE = 25

# (endpoint, title, what you do there); shown only when the endpoint exists.
SECTIONS = (
    (
        "admin.users",
        "Leden",
        "Zoek leden, verander een rol, deactiveer of heractiveer een account.",
    ),
    ("organisations.admin_list", "Organisaties", "Voeg organisaties toe en houd hun gegevens bij."),
    ("invites.requests", "Toegangsverzoeken", "Mensen zonder uitnodiging die erbij willen."),
    ("moderation.queue", "Moderatie", "Meldingen over berichten en reacties."),
    ("themes.admin_list", "Thema's", "Thema's toevoegen, aanpassen en samenvoegen."),
    ("digest.admin_runs", "Nieuwsbrief", "Verzendingen bekijken en een voorbeeld per ontvanger."),
    ("search.synonyms", "Zoekwoorden", "Afkortingen en woorden die hetzelfde betekenen."),
)


def _organisation_choices(empty_label: str) -> list[SelectChoice]:
    rows = db.session.execute(
        sa.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    return [SelectChoice("", empty_label), *(SelectChoice(str(id_), name) for id_, name in rows)]


@bp.route("/")
@admin_required
def index():
    return render_template("admin/index.html", sections=SECTIONS, counts=services.member_counts())


@bp.route("/leden")
@admin_required
def users():
    filters = UserFilterForm(request.args)
    filters.organisation.choices = _organisation_choices("Alle organisaties")
    query = services.users_query(
        search=(filters.q.data or "")[:200],
        role=filters.role_value(),
        organisation_id=filters.organisation_id(),
        status=filters.status.data or "",
    )
    page = db.paginate(
        query,
        page=request.args.get("page", 1, type=page_number),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "admin/users.html", page=page, filters=filters, args=filters.active_filters()
    )


@bp.route("/leden/<int:user_id>")
@admin_required
def user(user_id: int):
    member = db.get_or_404(User, user_id)
    role_form = RoleForm(data={"role": member.role.value})
    organisation_form = UserOrganisationForm(
        data={"organisation": str(member.organisation_id or "")}
    )
    organisation_form.organisation.choices = _organisation_choices("Geen organisatie")
    return render_template(
        "admin/user.html",
        member=member,
        role_form=role_form,
        organisation_form=organisation_form,
        is_self=member.id == current_user.id,
    )


def _back_to(member: User):
    return redirect(url_for("admin.user", user_id=member.id))


def _form_error(form, member: User):
    for errors in form.errors.values():
        flash(errors[0], "error")
    return _back_to(member)


@bp.route("/leden/<int:user_id>/rol", methods=["POST"])
@admin_required
def change_role(user_id: int):
    member = db.get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _form_error(form, member)
    role = Role(form.role.data)
    with unit_of_work(f"{member.name} heeft nu de rol {role.label.lower()}."):
        services.change_role(current_user, member, role)
    return _back_to(member)


@bp.route("/leden/<int:user_id>/organisatie", methods=["POST"])
@admin_required
def change_organisation(user_id: int):
    member = db.get_or_404(User, user_id)
    form = UserOrganisationForm()
    organisation = None
    if form.organisation_id() is not None:
        organisation = db.session.get(Organisation, form.organisation_id())
        if organisation is None:
            flash("Die organisatie bestaat niet (meer). Kies er een uit de lijst.", "error")
            return _back_to(member)
    name = organisation.name if organisation else "geen organisatie"
    with unit_of_work(f"De organisatie van {member.name} is nu {name}."):
        services.set_organisation(current_user, member, organisation)
    return _back_to(member)


@bp.route("/leden/<int:user_id>/deactiveren", methods=["POST"])
@admin_required
def deactivate(user_id: int):
    member = db.get_or_404(User, user_id)
    with unit_of_work(
        f"Het account van {member.name} is gedeactiveerd. Alle sessies zijn beëindigd."
    ):
        services.deactivate(current_user, member)
    return _back_to(member)


@bp.route("/leden/<int:user_id>/heractiveren", methods=["POST"])
@admin_required
def reactivate(user_id: int):
    member = db.get_or_404(User, user_id)
    with unit_of_work(f"Het account van {member.name} is weer actief."):
        services.reactivate(current_user, member)
    return _back_to(member)
