"""Two worker processes write posts while `sync` runs: no update is lost, no lock error is seen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from community import PROJECT_ROOT
from community.extensions import db
from tests.factories import create_user

PER_PROCESS = 200


def test_two_processes_writing_while_sync_runs_lose_nothing(app, runner, indexer, tmp_path):
    author = create_user()
    db.session.commit()
    url = db.engine.url.render_as_string(hide_password=False)
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.search.concurrent_writer",
                url,
                app.config["SEARCH_INDEX_DIR"],
                str(tmp_path / f"instance-{label}"),
                str(author.id),
                str(PER_PROCESS),
                label,
            ],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning"},
        )
        for label in ("a", "b")
    ]
    syncs = 0
    deadline = time.monotonic() + 300
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        result = runner.invoke(args=["search", "sync"])
        assert result.exit_code == 0, result.output
        syncs += 1
    reports = []
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    result = runner.invoke(args=["search", "sync"])  # the cron run after the last commit
    assert result.exit_code == 0, result.output

    assert [r["committed"] for r in reports] == [PER_PROCESS, PER_PROCESS]
    assert [r["problems"] for r in reports] == [[], []]
    assert syncs > 1
    check = runner.invoke(args=["search", "check"])
    assert check.exit_code == 0, check.output
    assert (
        f"{2 * PER_PROCESS} post(s) should be indexed, {2 * PER_PROCESS} document(s) in the index"
        in check.output
    )
