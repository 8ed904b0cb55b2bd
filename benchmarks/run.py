"""Benchmark commsite on a synthetic hub, against the minimal Python floor, in one run.

    python benchmarks/run.py large [--runs 3]

Prints medians of several runs (these machines are noisy; judge by ratios measured in one
run): cold build, no-change rebuild, one-file-edit rebuild, pages per second, peak memory
of the whole process tree, and the ratio of the cold build to the two-process floor.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

from commsite.cache import CACHE_DIR

HERE = Path(__file__).resolve().parent


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def peak_rss_mb() -> float:
    """The largest resident set of any child process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=["small", "large", "xl"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="commsite-bench-"))
    hub = generate(args.size, work / "hub")
    out = work / "out" / "public"
    build = [sys.executable, "-m", "commsite", "build", str(hub), "--out", str(out)]
    cold, unchanged, edited, floor1, floor2 = [], [], [], [], []
    pages = 0
    event = sorted((hub / "content" / "events").glob("*.md"))[len(list((hub / "content" / "events").glob("*.md"))) // 2]
    for run in range(args.runs):
        shutil.rmtree(out.parent, ignore_errors=True)
        shutil.rmtree(hub / CACHE_DIR, ignore_errors=True)  # cold: no site, no cache
        seconds, printed = timed(build)
        cold.append(seconds)
        pages = int(printed.split()[1])
        unchanged.append(timed(build)[0])
        event.write_text(event.read_text("utf-8") + f"\nEdited {run}.\n", encoding="utf-8")
        edited.append(timed(build)[0])
        for processes, results in ((1, floor1), (2, floor2)):
            shutil.rmtree(work / "floor", ignore_errors=True)
            floor = [
                sys.executable,
                str(HERE / "floor.py"),
                str(hub),
                str(work / "floor"),
                "--processes",
                str(processes),
            ]
            results.append(timed(floor)[0])
    median = statistics.median
    print(f"hub: {args.size}, {pages} pages, {args.runs} runs (medians)")
    print(f"cold build:        {median(cold):6.2f} s   ({pages / median(cold):,.0f} pages/s)")
    print(f"no-change rebuild: {median(unchanged):6.2f} s")
    print(f"one-file edit:     {median(edited):6.2f} s")
    print(f"floor, 1 process:  {median(floor1):6.2f} s")
    print(f"floor, 2 processes:{median(floor2):6.2f} s")
    print(f"cold / 2-process floor: {median(cold) / median(floor2):.2f}x")
    print(f"peak memory (largest process): {peak_rss_mb():.0f} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
