"""Shared pieces of the benchmarks: a load generator, percentiles, result tables and JSON."""

from __future__ import annotations

import contextlib
import http.client
import http.cookiejar
import itertools
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float, method: str = "nearest") -> float:
    """The `fraction` (0.95 for p95) percentile of `values`; nan when there are none.

    Each benchmark keeps the method its published figures were measured with:
    "nearest" (the value at the rounded rank fraction * (n - 1): the load generator's),
    "linear" (interpolated between the two neighbouring values: the search benchmark's),
    "floor" (the value at rank floor(fraction * n): the relevance benchmark's).
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    last = len(ordered) - 1
    if method == "nearest":
        return ordered[min(last, max(0, round(fraction * last)))]
    if method == "linear":
        rank = last * fraction
        low, high = int(rank), min(int(rank) + 1, last)
        return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    if method == "floor":
        return ordered[min(last, int(len(ordered) * fraction))]
    raise ValueError(f"unknown percentile method {method!r}")


def load(
    port: int,
    path: str | list[str],
    *,
    clients: int = 10,
    seconds: float = 5.0,
    warmup: float = 1.0,
    headers: dict[str, str] | None = None,
) -> dict:
    """Hit http://127.0.0.1:port/path with `clients` concurrent loops; report rate and latency.

    `path` may be a list: the requests then take its paths in turn (a mix of searches)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    paths = itertools.cycle([path] if isinstance(path, str) else path)
    start_measuring = time.monotonic() + warmup
    stop = start_measuring + seconds

    def worker() -> None:
        nonlocal errors
        while True:
            began = time.monotonic()
            if began >= stop:
                return
            with lock:
                target = next(paths)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", target, headers=headers or {})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                connection.close()
            except OSError:
                ok = False
            ended = time.monotonic()
            if began >= start_measuring:
                with lock:
                    if ok:
                        latencies.append(ended - began)
                    else:
                        errors += 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "path": path if isinstance(path, str) else f"{len(path)} paths",
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / seconds,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "mean_ms": (statistics.fmean(latencies) * 1000) if latencies else float("nan"),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# The columns of a page-load table; benchmarks add their own after these.
LOAD_COLUMNS = [
    ("page", "page", ""),
    ("rps", "req/s", ".0f"),
    ("share_of_trivial", "of trivial", ".0%"),
    ("p50_ms", "p50 ms", ".1f"),
    ("p95_ms", "p95 ms", ".1f"),
    ("errors", "errors", ""),
]


def add_share_of_trivial(rows: list[dict]) -> None:
    """Each row's rate as a share of the first row's: the trivial route of the same run."""
    trivial_rps = rows[0]["rps"]
    for row in rows:
        row["share_of_trivial"] = row["rps"] / trivial_rps if trivial_rps else 0.0


def print_table(title: str, rows: list[dict], columns: list[tuple[str, str, str]]) -> None:
    """columns: (key, heading, format spec)."""
    cells = [
        [
            format(row.get(key, ""), spec)
            if spec and row.get(key, "") != ""
            else str(row.get(key, ""))
            for key, _, spec in columns
        ]
        for row in rows
    ]
    widths = [
        max([len(heading), 6, *(len(line[i]) for line in cells)])
        for i, (_, heading, _) in enumerate(columns)
    ]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)))
    for line in cells:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))


def write_json(name: str, payload: dict) -> Path:
    """benchmarks/results/<name>.json: the payload, with the machine and the time it ran."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    payload = {
        "machine": {"cpus": os.cpu_count()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **payload,
    }
    text = json.dumps(payload, indent=2, default=str, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/__bench/trivial")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def resolve(port: int, path: str, hops: int = 3) -> str:
    """Follow redirects once so the load hits the canonical URL directly."""
    for _ in range(hops):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status in (301, 302, 308) and response.getheader("Location"):
            location = response.getheader("Location")
            if "://" in location:
                path = location.split("127.0.0.1", 1)[-1].split(str(port), 1)[-1]
            else:
                path = location
            continue
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        return path
    return path


def app_env(database: Path, workdir: Path) -> dict[str, str]:
    """The environment the benchmarked app runs in: its database, instance and index in workdir."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
    }


def flask(database: Path, workdir: Path, *args: str) -> None:
    """Run a `flask` command (e.g. "search", "sync") against the benchmarked app."""
    command = [sys.executable, "-m", "flask", "--app", "benchmarks.bench_app:create()", *args]
    subprocess.run(command, cwd=ROOT, env=app_env(database, workdir), check=True)


@contextlib.contextmanager
def serve(database: Path, workdir: Path, workers: int = 2):
    """Serve benchmarks.bench_app with gunicorn on a free loopback port; yields the port."""
    with serve_env(app_env(database, workdir), workers) as port:
        yield port


@contextlib.contextmanager
def serve_env(env: dict[str, str], workers: int = 2):
    """Serve benchmarks.bench_app with `env` (SITE_URL set to where it listens); yields the port."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "benchmarks.bench_app:create()",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env={**env, "SITE_URL": f"http://127.0.0.1:{port}"}
    )
    try:
        wait_until_up(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


class Browser:
    """A person at the served site: cookies kept, forms sent with their hidden fields (the CSRF
    token), redirects not followed (so a form's answer is timed apart from the next page)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of a GET, or of a form POST when `data` is given."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            return (
                error.code,
                error.read().decode(errors="replace"),
                error.headers.get("Location", ""),
            )

    def hidden(self, path: str) -> dict:
        """The hidden fields of the form on `path` that posts back to it (else the first)."""
        status, html, _ = self.open(path)
        assert status == 200, (path, status)
        form = html[html.index(f'action="{path}"') :] if f'action="{path}"' in html else html
        fields = {}
        for tag in re.findall(r"<input[^>]*>", form[:20000]):
            name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
            if 'type="hidden"' in tag and name:
                fields[name.group(1)] = value.group(1) if value else ""
        return fields

    def login(self, email: str, password: str) -> None:
        fields = self.hidden("/inloggen")
        status, _, location = self.open(
            "/inloggen", {**fields, "email": email, "password": password}
        )
        assert status in (302, 303) and "inloggen" not in location, status
