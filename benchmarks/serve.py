"""Benchmark the live preview's edit loop on a synthetic hub.

    python benchmarks/serve.py large [--edits 9]

Starts `commsite serve` on the hub, then edits one event's body again and again. Each
time it measures, from the moment the file is saved, how long until the open event page
is told to reload (by then its new version is on disk; the script checks that too). It
prints the median and the spread. The target on a 2-core machine is 0.3 s (median).
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from generate import generate

from commsite.urls import event_path, slug_from_id


def get(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(hub: Path, port: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "commsite", "serve", str(hub), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    while "Serving" not in line:
        if not line:
            raise SystemExit("commsite serve stopped before serving")
        line = server.stdout.readline()
    threading.Thread(target=server.stdout.read, daemon=True).start()  # keep its output flowing
    return server, re.search(r"at (http://\S+)", line)[1]  # type: ignore[index]


def reload_latency(root: str, page_path: str, event: Path, marker: str) -> float:
    """Save the event, and time until its page is told to reload."""
    status = json.loads(get(f"{root}/__commsite/status"))
    while status["building"]:  # the previous save's other pages are still being made
        time.sleep(0.1)
        status = json.loads(get(f"{root}/__commsite/status"))
    version = status["version"]
    told = threading.Event()

    def wait() -> None:
        seen = version
        while True:
            query = urllib.parse.urlencode({"version": seen, "page": page_path})
            answer = json.loads(get(f"{root}/__commsite/wait?{query}"))
            if answer["errors"]:
                raise SystemExit("\n".join(answer["errors"]))
            if answer["reload"]:
                told.set()
                return
            seen = answer["version"]

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    time.sleep(0.2)  # the long poll is waiting, as an open page's is
    text = event.read_text("utf-8")
    event.write_text(re.sub(r"\nEdit \S+\n|$", f"\nEdit {marker}\n", text, count=1), encoding="utf-8")
    saved = time.perf_counter()
    if not told.wait(timeout=60):
        raise SystemExit("no reload within 60 s")
    return time.perf_counter() - saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=["small", "large", "xl"])
    parser.add_argument("--edits", type=int, default=9)
    args = parser.parse_args()
    hub = generate(args.size, Path(tempfile.mkdtemp(prefix="commsite-serve-bench-")) / "hub")
    events = sorted((hub / "content" / "events").glob("*.md"))
    event = events[len(events) // 2]
    started = time.perf_counter()
    server, address = start_server(hub, free_port())
    print(f"hub: {args.size}; first build and start: {time.perf_counter() - started:.1f} s")
    root = address.split("/", 3)[:3]
    root_url, base_path = "/".join(root), urllib.parse.urlsplit(address).path
    page_path = base_path + event_path(slug_from_id(event.stem))
    try:
        latencies = []
        for edit in range(args.edits):
            marker = f"edit-{edit}-{time.time_ns()}"
            latencies.append(reload_latency(root_url, page_path, event, marker))
            if marker not in get(root_url + urllib.parse.quote(page_path)):
                raise SystemExit("the page was told to reload before its new version was there")
        median = statistics.median(latencies)
        print(f"edit to reload, {args.edits} edits of one event's body:")
        print(f"  median {median:.3f} s (target 0.3 s), min {min(latencies):.3f} s, max {max(latencies):.3f} s")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
