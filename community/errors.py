"""Domain errors raised by services, and the Dutch error pages every visitor may meet."""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule was broken; the message is Dutch and meant for the user.

    `field` names the form field it belongs to, so a view can show it next to that field.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    """The actor may not do this."""


def apply_to_form(error: DomainError, form) -> bool:
    """Put a DomainError on its form field; returns False when the form has no such field."""
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        return False
    field.errors = [*field.errors, error.message]
    return True


ERROR_TEXTS = {
    400: ("Dat ging niet goed", "Je verzoek kon niet worden verwerkt. Probeer het opnieuw."),
    403: ("Geen toegang", "Je hebt geen toegang tot deze pagina."),
    404: ("Pagina niet gevonden", "Deze pagina bestaat niet (meer). Misschien is de link oud?"),
    405: ("Dat kan zo niet", "Deze actie is op deze manier niet mogelijk."),
    413: (
        "Dat is te veel in één keer",
        "Wat je verstuurde is groter dan 1 MB. Maak je tekst korter en probeer het opnieuw.",
    ),
    429: (
        "Even rustig aan",
        (
            "Je hebt het te vaak achter elkaar geprobeerd. "
            "Wacht een paar minuten en probeer het dan opnieuw."
        ),
    ),
    500: (
        "Er ging iets mis aan onze kant",
        "Dat is niet jouw fout. We kijken ernaar; probeer het over een paar minuten opnieuw.",
    ),
}


def render_error(code: int, message: str | None = None):
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[400])
    return render_template("errors/error.html", code=code, title=title, text=message or text), code


# Seconds a visitor (or a crawler) is asked to wait while the database cannot be reached.
RETRY_AFTER_SECONDS = 30
# Errors that say "the database cannot answer now" (down, unreachable, pool exhausted, a lock or
# serialisation timeout), not "this request is wrong": worth a retry, so 503, not 500.
DATABASE_UNAVAILABLE = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


def render_unavailable():
    """The Dutch 503 page. Rendered without the context processors, which would ask the database
    who is logged in (flask-login's current_user) and fail again."""
    page = current_app.jinja_env.get_template("errors/unavailable.html").render(request=request)
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(_error: CSRFError):
        return render_error(
            400,
            "Je formulier is verlopen of kwam niet van deze site. Laad de pagina opnieuw en "
            "probeer het nog eens; er is niets opgeslagen.",
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if request.path.startswith("/api/"):
            title, _ = ERROR_TEXTS.get(error.code, ERROR_TEXTS[400])
            return {"error": title}, error.code
        return render_error(error.code)

    @app.errorhandler(sa_exc.SQLAlchemyError)
    def _database_error(error: sa_exc.SQLAlchemyError):
        from community.extensions import db

        try:
            db.session.rollback()
        except Exception:  # a connection that is gone may refuse even the rollback
            log.debug("rollback after a database error failed", exc_info=True)
        if not isinstance(error, DATABASE_UNAVAILABLE):
            return _unexpected(error)
        log.error("Database unavailable on %s %s: %r", request.method, request.path, error)
        if request.path.startswith("/api/"):
            retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
            return {"error": "De Community is even niet bereikbaar"}, 503, retry
        return render_unavailable()

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        from community.extensions import db

        db.session.rollback()
        if app.config.get("PROPAGATE_EXCEPTIONS") and app.testing:
            raise error
        return render_error(500)
