"""One unit of work for every view that changes something: the service call, then commit or not.

Why one helper: each feature used to write its own "try the service; on DomainError roll back and
flash; else commit", and the copies drifted apart (a NotAllowed was a 403 in one place and a flash
in another; one view forgot the rollback). The rules, the same for every view:

- Success: commit once, then flash `success` when given; `work.ok` is True.
- DomainError: roll back, so nothing the service flushed stays half written. Its Dutch message
  goes onto the form field it names (`form=`); a message with no such field is flashed
  (`category`, "error" unless told) or, with `flash_errors=False`, left in `work.messages` for
  the page to show. An error that holds several (`errors`, a list of DomainErrors) places each.
  `work.error` is the error; the view then shows its form again or redirects, as it chooses.
- PersonalDataFound (the privacy guard): roll back; `work.privacy` holds the findings and the
  form's `privacy_confirmed` box is unticked, so the page shows the warning inside the form.
- NotAllowed: roll back and answer 403, in every view. Views check who may do what before they
  call a service (`role_required`, `may_edit`); a NotAllowed from the service means that check
  was passed by (a stale page, a crafted request), which is a refusal, not a form message.
  A page that must not reveal that something exists (someone else's scenario or team round)
  looks it up first and answers 404 itself, before its unit of work.
- Anything else (a bug, an HTTP abort inside the block): roll back and let it through; the app's
  error handler shows the Dutch page for it (500 for a bug).

Usage::

    with unit_of_work("Opgeslagen.", form=form) as work:
        services.do_it(current_user, form.data)
    if work.ok:
        return redirect(...)
    return render_template(..., form=form, privacy=work.privacy)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import abort, flash

from community.errors import DomainError, NotAllowed, apply_to_form
from community.extensions import db
from community.privacy import PersonalDataFound


@dataclass
class Work:
    """What came of one unit of work, for the view to decide its answer."""

    ok: bool = False
    error: DomainError | None = None
    privacy: PersonalDataFound | None = None
    # Messages that belong to no field of the form (flashed unless flash_errors=False).
    messages: list[str] = field(default_factory=list)


@contextmanager
def unit_of_work(
    success: str | None = None,
    *,
    form=None,
    category: str = "error",
    flash_errors: bool = True,
) -> Iterator[Work]:
    """Run the block as one transaction; see the module docstring for the rules."""
    work = Work()
    try:
        yield work
    except NotAllowed:
        db.session.rollback()
        abort(403)
    except PersonalDataFound as error:
        db.session.rollback()
        work.error = work.privacy = error
        if form is not None and hasattr(form, "privacy_confirmed"):
            form.privacy_confirmed.data = False
        else:
            _show(work, [error], form, category, flash_errors)
    except DomainError as error:
        db.session.rollback()
        work.error = error
        several = [e for e in getattr(error, "errors", None) or () if isinstance(e, DomainError)]
        _show(work, several or [error], form, category, flash_errors)
    except BaseException:
        db.session.rollback()
        raise
    else:
        db.session.commit()
        work.ok = True
        if success:
            flash(success, "success")


def _show(work: Work, errors: list[DomainError], form, category: str, flash_errors: bool) -> None:
    for error in errors:
        if form is None or not apply_to_form(error, form):
            work.messages.append(error.message)
    if flash_errors:
        for message in work.messages:
            flash(message, category)
