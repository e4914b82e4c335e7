"""Followed themes and organisations that notify: fan-out, bundled delivery, one-click off."""


def init_app(app) -> None:
    """Connect the after-commit hook that hands published posts to the fan-out (once per
    process). The imports wait for the call, so importing the models loads no services."""
    from sqlalchemy.orm import Session

    from community import database
    from community.notify import jobs

    database.listen_once(Session, jobs.SESSION_HOOKS)
