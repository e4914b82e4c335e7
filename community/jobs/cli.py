"""`flask jobs worker` runs the background jobs; `flask jobs dev` is `make run`'s site + worker.

The worker is Huey's consumer around this app: every job runs in an app context of its own (see
community/jobs/__init__.py). Stop it with SIGINT (finishes running jobs) or SIGTERM.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from community import jobs
from community.extensions import db

cli = AppGroup("jobs", help="Achtergrondtaken: de worker en de ontwikkelserver.")


@cli.command("worker")
@click.option("-w", "--workers", default=2, show_default=True, help="Taken tegelijk (threads).")
@click.option("--no-periodic", is_flag=True, help="Geen geplande taken (draai die elders).")
def worker(workers: int, no_periodic: bool) -> None:
    """Voer achtergrondtaken uit: mail versturen en de geplande taken (nieuwsbrief, opruimen)."""
    from community import mail_outbox

    app = current_app._get_current_object()
    huey = jobs.huey_of(app)
    if huey.immediate:
        raise click.UsageError("JOBS_IMMEDIATE staat aan: dan is er geen wachtrij om te verwerken.")
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Mail that waited while no worker ran, or whose job was lost, goes out now.
    queued = mail_outbox.sweep(grace=timedelta(0))
    db.session.commit()
    db.session.remove()
    click.echo(f"Worker gestart ({workers} tegelijk); {queued} wachtende mail(s) ingepland.")
    consumer = huey.create_consumer(
        workers=workers, worker_type="thread", periodic=not no_periodic, max_delay=1.0
    )
    consumer.run()


@cli.command("sweep")
def sweep() -> None:
    """Plan mail opnieuw in waarvan de taak verloren ging (de worker doet dit elke minuut)."""
    from community import mail_outbox

    queued = mail_outbox.sweep(grace=timedelta(0))
    db.session.commit()
    click.echo(f"{queued} mail(s) opnieuw ingepland.")


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


@cli.command("dev")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def dev(host: str, port: int) -> None:
    """De site en de worker samen, voor op je eigen computer (`make run`). Stop met Ctrl-C."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    # Ctrl-C (and a plain kill) stop the server here, also where a shell started us with SIGINT
    # ignored; the worker gets the terminal's SIGINT itself, and again from `finally` below.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    target = os.environ.get("FLASK_APP", "wsgi:app")
    child = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", target, "jobs", "worker", "-w", "1"]
    )
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        click.echo("Gestopt.")
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)  # let a job that runs finish
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
