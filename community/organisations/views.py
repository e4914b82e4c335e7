"""Organisation pages (public) and their administration (admins only)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from community.accounts.permissions import admin_required
from community.extensions import db
from community.organisations import services
from community.organisations.forms import OrganisationForm
from community.organisations.models import Organisation
from community.unit_of_work import unit_of_work

bp = Blueprint("organisations", __name__)


def _by_slug(slug: str) -> Organisation:
    return db.first_or_404(sa.select(Organisation).where(Organisation.slug == slug))


@bp.route("/organisaties")
def index():
    rows = db.session.execute(services.organisations_with_counts()).all()
    return render_template("organisations/index.html", rows=rows)


@bp.route("/organisaties/<slug>")
def detail(slug: str):
    organisation = _by_slug(slug)
    return render_template(
        "organisations/detail.html",
        organisation=organisation,
        ambassadors=db.session.scalars(services.ambassadors_of(organisation)).all(),
        member_count=services.member_count(organisation),
    )


@bp.route("/beheer/organisaties")
@admin_required
def admin_list():
    rows = db.session.execute(services.organisations_with_counts()).all()
    return render_template("organisations/admin_list.html", rows=rows)


def _save(form: OrganisationForm, organisation: Organisation | None):
    """Create or update from a valid form; returns the organisation, or None when a rule broke."""
    with unit_of_work(form=form) as work:
        if organisation is None:
            organisation = services.create_organisation(current_user, form.to_data())
        else:
            services.update_organisation(current_user, organisation, form.to_data())
    return organisation if work.ok else None


@bp.route("/beheer/organisaties/nieuw", methods=["GET", "POST"])
@admin_required
def create():
    form = OrganisationForm()
    if form.validate_on_submit() and (organisation := _save(form, None)):
        flash(f"{organisation.name} is toegevoegd.", "success")
        return redirect(url_for("organisations.detail", slug=organisation.slug))
    return render_template("organisations/create.html", form=form)


@bp.route("/beheer/organisaties/<slug>/bewerken", methods=["GET", "POST"])
@admin_required
def edit(slug: str):
    organisation = _by_slug(slug)
    form = OrganisationForm()
    if not form.is_submitted():
        form.fill_from(organisation)
    if form.validate_on_submit() and _save(form, organisation):
        flash(f"{organisation.name} is bijgewerkt.", "success")
        return redirect(url_for("organisations.detail", slug=organisation.slug))
    return render_template("organisations/edit.html", form=form, organisation=organisation)
