"""A local aiosmtpd sink in its own process: accepts and counts, keeps nothing.

Run as `python -m benchmarks.smtp_sink PORT`; it prints "ready" when it listens and the number of
messages it accepted when its standard input closes.
"""

from __future__ import annotations

import sys

from aiosmtpd.controller import Controller


class CountingSink:
    def __init__(self) -> None:
        self.messages = 0
        self.bytes = 0

    async def handle_DATA(self, _server, _session, envelope):
        self.messages += 1
        self.bytes += len(envelope.original_content or envelope.content or b"")
        return "250 OK"


def main() -> None:
    port = int(sys.argv[1])
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    controller.stop()
    print(f"{sink.messages} {sink.bytes}", flush=True)


if __name__ == "__main__":
    main()
