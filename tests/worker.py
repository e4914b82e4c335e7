"""A real background worker (`flask jobs worker`, Huey's consumer) on the test's database.

For tests about delivery, where immediate mode would hide what only a separate process shows
(the commit must come first, a job may be retried, the worker may die). Use it by importing the
fixture, and ask for it before `served` so the served app enqueues into the same queue:

    from tests.worker import worker  # noqa: F401  (a pytest fixture)

Requesting `worker` switches the test's app from immediate mode to the queue file
(JOBS_SQLITE_PATH in the test's tmp folder); `worker.start()` runs the consumer as a subprocess
with the app's current settings (so set MAIL_SERVER and the like on `app.config` first).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from community import jobs
from community.extensions import db
from tests.conftest import make_config
from tests.served import CONFIG_VARIABLE, ROOT


class Worker:
    def __init__(self, app, tmp_path: Path):
        self.app = app
        self.tmp_path = tmp_path
        self.process: subprocess.Popen | None = None
        self.log_path = tmp_path / "worker.log"
        self.starts = 0

    @property
    def huey(self):
        return jobs.huey_of(self.app)

    def start(self) -> None:
        """Commit the test's data and start `flask jobs worker -w 1`; waits until it listens."""
        assert self.process is None, "already running"
        db.session.commit()
        db.session.close()
        config = make_config(self.tmp_path, self.app.config["SQLALCHEMY_DATABASE_URI"])
        config.update({k: self.app.config[k] for k in config if k != "TESTING"})
        for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_TIMEOUT", "MAIL_RETRY_DELAYS"):
            config[key] = self.app.config[key]
        config["MAIL_SENDING_LEASE_SECONDS"] = self.app.config["MAIL_SENDING_LEASE_SECONDS"]
        env = {
            **os.environ,
            CONFIG_VARIABLE: json.dumps(config),
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("FLASK_APP", None)
        self.starts += 1
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "tests.served:create()"]
            + ["jobs", "worker", "-w", "1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 30
        while not self._started():
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited:\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the worker did not start:\n{self.log()}")
            time.sleep(0.1)

    def _started(self) -> bool:
        return self.log().count("Worker gestart") >= self.starts

    def stop(self, *, kill: bool = False) -> None:
        """SIGINT (finish the running job) or, with kill, SIGKILL: a crash mid-job."""
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def wait_until(check, timeout: float = 30.0, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {message}")


@pytest.fixture
def worker(app, tmp_path):
    """A `Worker` (not started) on the app's database and a real queue file; stopped after."""
    app.config["JOBS_IMMEDIATE"] = False
    jobs.init_app(app)  # the app's queue is now the file the worker reads
    running = Worker(app, tmp_path)
    try:
        yield running
    finally:
        running.stop()
        db.session.expire_all()
