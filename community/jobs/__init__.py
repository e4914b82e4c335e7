"""Background jobs on Huey: work that leaves the web request (mail, periodic chores).

Features declare their jobs at import time with `@jobs.task(...)` and `@jobs.periodic(...)`; the
app's `init_app` builds one Huey instance from its config and registers every declared job on it,
so each app (and each test's app) has its own queue:

- `JOBS_REDIS_URL` set: RedisHuey (production with several hosts or workers).
- otherwise SqliteHuey in a file (`JOBS_SQLITE_PATH`, default `instance/jobs.db`): the embedded
  default, nothing to install.
- `JOBS_IMMEDIATE`: run each job at once in the process that enqueues it (view tests only;
  tests about delivery run a real worker, see docs/jobs.md).

A job runs in its own app context and database session (the worker's, or in immediate mode a
fresh one beside the caller's), commits what it flushed when it returns and rolls back when it
raises. Enqueue work that depends on the caller's writes with `jobs.after_commit(session, task,
*args)`: it is enqueued only once the outermost transaction commits, never for a rollback.
`flask jobs worker` runs the consumer (see community/jobs/cli.py).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from sqlalchemy.orm import Session

from community import after_commit as _after_commit
from community.formatting import AMSTERDAM

log = logging.getLogger(__name__)

_declared: dict[str, Task] = {}
# Inside `jobs.inline()` the jobs enqueued after a commit run right there, in this process.
_inline: ContextVar[bool] = ContextVar("jobs_inline", default=False)


class Task:
    """A declared job. Calling it enqueues it on the current app's queue."""

    def __init__(self, func: Callable, name: str, options: dict, schedule=None):
        self.func = func
        self.name = name
        self.options = options
        self.schedule_check = schedule  # a crontab-like check for periodic jobs, else None
        self.__doc__ = func.__doc__

    def _wrapper(self):
        return current_app.extensions["jobs"].wrappers[self.name]

    def __call__(self, *args) -> None:
        """Enqueue now (in immediate or inline mode: run now)."""
        if _inline.get():
            self.run_here(*args)
        else:
            self._wrapper()(*args)

    def schedule(self, args: tuple, *, delay: float | None = None, eta: datetime | None = None):
        """Enqueue to run after `delay` seconds or at `eta` (an aware datetime)."""
        if eta is not None:
            eta = eta.astimezone(UTC).replace(tzinfo=None)  # Huey keeps naive UTC
        self._wrapper().schedule(args=args, delay=delay, eta=eta)

    def run_here(self, *args) -> None:
        """Run in this process now, in a fresh app context, as the worker would."""
        self._wrapper().call_local(*args)


def task(name: str | None = None, **options) -> Callable[[Callable], Task]:
    """Declare a job: `@jobs.task()` above a function whose arguments are plain values (ids,
    strings): they are serialised into the queue. `options` go to Huey (retries, retry_delay)."""

    def decorate(func: Callable) -> Task:
        declared = Task(func, name or f"{func.__module__}.{func.__name__}", options)
        _declared[declared.name] = declared
        return declared

    return decorate


def periodic(name: str | None = None, **when) -> Callable[[Callable], Task]:
    """Declare a job the worker runs on a schedule, in Amsterdam time: `@jobs.periodic(minute="0",
    hour="7", day_of_week="1")` takes crontab's fields (strings, as in a crontab line)."""
    check = crontab(**when)

    def in_amsterdam(moment: datetime) -> bool:
        local = moment.replace(tzinfo=UTC).astimezone(AMSTERDAM).replace(tzinfo=None)
        return check(local)

    def decorate(func: Callable) -> Task:
        declared = Task(func, name or f"{func.__module__}.{func.__name__}", {}, in_amsterdam)
        _declared[declared.name] = declared
        return declared

    return decorate


def after_commit(session: Session, job: Task, *args) -> None:
    """Enqueue `job(*args)` once the session's outermost transaction commits; never on rollback.

    A released savepoint waits for the real commit; a rolled-back savepoint drops only the jobs
    added inside it (community/after_commit.py).
    """
    _after_commit.add(session, lambda: job(*args))


@contextlib.contextmanager
def inline() -> Iterator[None]:
    """Run the jobs enqueued inside this block in this process, at once (manual CLI commands
    that report what happened, such as `flask invites retry`)."""
    token = _inline.set(True)
    try:
        yield
    finally:
        _inline.reset(token)


def periodic_tasks() -> list[Task]:
    return [t for t in _declared.values() if t.schedule_check is not None]


class Jobs:
    """The app's queue: its Huey instance and the Huey task of every declared job."""

    def __init__(self, huey, wrappers: dict, modules: tuple = ()):
        self.huey = huey
        self.wrappers = wrappers
        self.modules = modules  # where the jobs are declared, as the factory listed them


def _runner(app: Flask, declared: Task) -> Callable:
    """The function Huey runs: the job in a fresh app context whose session commits at the end."""

    def run(*args):
        from community import database
        from community.extensions import db

        token = database.read_only_transactions.set(False)  # a job may write, even after a GET
        try:
            with app.app_context():
                try:
                    declared.func(*args)
                    db.session.commit()
                except BaseException:
                    db.session.rollback()
                    raise
                finally:
                    db.session.remove()
        finally:
            database.read_only_transactions.reset(token)

    run.__name__ = declared.name.rsplit(".", 1)[-1]
    run.__doc__ = declared.func.__doc__
    return run


def make_huey(app: Flask):
    config = app.config
    immediate = bool(config.get("JOBS_IMMEDIATE"))
    if config.get("JOBS_REDIS_URL"):
        return RedisHuey(
            "community", url=config["JOBS_REDIS_URL"], results=False, immediate=immediate
        )
    path = Path(config.get("JOBS_SQLITE_PATH") or Path(app.instance_path) / "jobs.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("community", filename=str(path), results=False, immediate=immediate)


def init_app(app: Flask, modules: tuple | None = None) -> None:
    """Build the app's queue with the jobs declared in `modules` (the factory lists them; an
    app whose queue is rebuilt, as the worker fixture does, keeps its list). A job declared in
    a module the list lacks is an error: the worker would never know it."""
    modules = modules if modules is not None else app.extensions["jobs"].modules
    names = {module.__name__ for module in modules}
    missing = sorted(t.name for t in _declared.values() if t.func.__module__ not in names)
    if missing:
        raise RuntimeError(f"jobs declared outside the factory's list of job modules: {missing}")
    huey = make_huey(app)
    wrappers = {}
    for declared in _declared.values():
        runner = _runner(app, declared)
        if declared.schedule_check is not None:
            wrappers[declared.name] = huey.periodic_task(
                declared.schedule_check, name=declared.name
            )(runner)
        else:
            wrappers[declared.name] = huey.task(name=declared.name, **declared.options)(runner)
    app.extensions["jobs"] = Jobs(huey, wrappers, tuple(modules))


def huey_of(app: Flask):
    return app.extensions["jobs"].huey
