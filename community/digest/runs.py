"""What became of a digest run, in the admin's words: bezig, afgebroken, gestopt or klaar.

A run that is killed (SIGKILL, a reboot, an out-of-memory kill) cannot write that it ended. It
leaves `finished_at` empty; whether it is still going is told by its process (on this host) or,
from another host, by how long ago it last wrote its counts.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from community.digest.models import DigestRun

# A live run writes its counts after every mail; SMTP waits at most MAIL_TIMEOUT per step.
SILENT_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class RunState:
    label: str  # short, in the status badge
    css: str  # status-ok / status-warn / status-danger / ""
    detail: str = ""  # one sentence under it


def _process_alive(run: DigestRun) -> bool | None:
    """True/False when the run's process is on this host; None when we cannot tell."""
    if not run.pid or run.host != socket.gethostname()[:255]:
        return None
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def run_state(run: DigestRun, now: datetime) -> RunState:
    if run.dry_run:
        return RunState("proefdraaien", "")
    if run.finished_at is None:
        alive = _process_alive(run)
        last = run.progress_at or run.started_at
        if alive is False or (alive is None and last < now - SILENT_FOR):
            return RunState(
                "afgebroken",
                "status-danger",
                "Het proces stopte midden in de run. De aantallen zijn wat er tot dan toe is "
                "verstuurd; de volgende run gaat verder waar deze ophield.",
            )
        return RunState("bezig", "status-open")
    if run.stopped_reason:
        outage = "mailserver" in run.stopped_reason
        return RunState(
            "gestopt door storing mailserver" if outage else "gestopt",
            "status-danger" if outage else "status-warn",
            f"{run.stopped_reason[:1].upper()}{run.stopped_reason[1:]}. De volgende run gaat "
            "verder met wie deze run niet bereikte.",
        )
    if run.failed_count:
        return RunState(
            "klaar, met fouten",
            "status-warn",
            "Mislukte mails probeert de volgende run van deze periode opnieuw.",
        )
    return RunState("klaar", "status-ok")
