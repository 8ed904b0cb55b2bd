"""Benchmark commsite on a synthetic hub, against the minimal Python floor, in one run.

    python benchmarks/run.py large [--runs 3] [--in FOLDER] [--record-only | --ci-only]

Prints medians of several runs (these machines are noisy; judge by ratios measured in one
run): cold build, no-change rebuild, one-file-edit rebuild, pages per second, peak memory
of the whole process tree, and the ratio of the cold build to the two-process floor. The
search index's cost: the cold build and the edit against the same builds of the hub with
``search: false``, and the bytes a one-word query downloads in Chromium. It
also times ``commsite check`` (read, parse, validate and link every file, and make no
output) against the same floor: how much of the floor's time a build spends before its
first page; and, in this process, the check of every link the hub writes to itself.

Every build and floor run writes into a folder of its own, and the folders are deleted
only when the benchmark ends. On ext4, creating files soon after tens of thousands were
deleted costs several times what it otherwise does (the kernel avoids reusing inodes
freed moments ago): deleting one run's output just before the next would time that.
For the same reason each command starts once what earlier ones wrote is on disk. A disk's
own noise can still swamp the build's: ``--in /dev/shm`` (a folder in memory) measures
the work of the build and the floor without it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from generate import bilingual, generate
from search_bytes import query_bytes

import commsite
from commsite.build import check
from commsite.engine.cache import CACHE_DIR
from commsite.outputs.linkcheck import broken_links

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str, float]:
    """Run a command: its time, its output, and the peak memory of its process tree (MB)."""
    # What earlier commands wrote goes to disk first: the kernel's writing it out would
    # otherwise take CPU from this one (an edit just after a cold build took 1.5x longer).
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    peaks = [0.0]

    def sample() -> None:  # beside the wait, so that the time measured is the command's own
        while process.poll() is None:
            peaks.append(tree_rss_mb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{command} failed")
    return seconds, output, max(peaks)


def tree_rss_mb(root: int) -> float:
    """The resident memory of a process and all its descendants, summed, in MB (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total_kb = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def time_link_check(hub: Path, runs: int) -> list[float]:
    """The link check on its own, in this process: its share of a build is too small to see
    in the noise of whole builds."""
    checked = check(hub)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        broken_links(checked.site, checked.plan)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=["small", "large", "xl"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--in", dest="folder", type=Path, help="where the hub and the runs are written (default: the temporary folder)"
    )
    parser.add_argument(
        "--record-only", action="store_true", help="only the cold builds with and without the community record, in turn"
    )
    parser.add_argument(
        "--ci-only", action="store_true", help="only the simulated CI rebuilds (after a cold build of each hub)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="commsite-bench-", dir=args.folder))
    try:
        hub = generate(args.size, work / "hub")
        # The same hub with no search index, to measure what indexing adds.
        plain = shutil.copytree(hub, work / "hub-without-search")
        (plain / "site.yaml").write_text((hub / "site.yaml").read_text("utf-8") + "search: false\n", encoding="utf-8")
        # And with no community record either, to measure what the record adds.
        bare = shutil.copytree(plain, work / "hub-without-record")
        (bare / "site.yaml").write_text((plain / "site.yaml").read_text("utf-8") + "stats: false\n", encoding="utf-8")
        if args.record_only:
            print_record(*record_pairs(plain, bare, work, args.runs))
            return
        if args.ci_only:
            print_ci(*(ci_rebuilds(one, work / f"ci-{name}", args.runs) for name, one in (("", hub), ("plain", plain))))
            return
        cold, unchanged, edited, checked, floor1, floor2, peaks = [], [], [], [], [], [], []
        cold_plain, edited_plain, cold_bare = [], [], []
        pages = 0
        for run in range(args.runs):
            out = work / f"out-{run}" / "public"
            build = [sys.executable, "-m", "commsite", "build", str(hub), "--out", str(out)]
            build_plain = [sys.executable, "-m", "commsite", "build", str(plain), "--out", str(work / f"plain-{run}")]
            build_bare = [sys.executable, "-m", "commsite", "build", str(bare), "--out", str(work / f"bare-{run}")]
            for folder in (hub, plain, bare):
                shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)  # cold: no site, no cache
            seconds, printed, peak = timed(build)
            cold.append(seconds)
            # In turn first and second, so that a drift of the machine's speed favours neither.
            for times, command in ((cold_plain, build_plain), (cold_bare, build_bare))[:: 1 if run % 2 else -1]:
                times.append(timed(command)[0])
            peaks.append(peak)
            pages = int(printed.split()[1])
            unchanged.append(timed(build)[0])
            for folder, times, command in ((hub, edited, build), (plain, edited_plain, build_plain)):
                events = sorted((folder / "content" / "events").glob("*.md"))
                event = events[len(events) // 2]
                event.write_text(event.read_text("utf-8") + f"\nEdited {run}.\n", encoding="utf-8")
                times.append(timed(command)[0])
            checked.append(timed([sys.executable, "-m", "commsite", "check", str(hub)])[0])
            for processes, results in ((1, floor1), (2, floor2)):
                floor = [sys.executable, str(HERE / "floor.py"), str(hub), str(work / f"floor-{run}-{processes}")]
                results.append(timed([*floor, "--processes", str(processes)])[0])
        linking = time_link_check(hub, args.runs)
        in_ci = {name: ci_rebuilds(one, work / f"ci-{name}", args.runs) for name, one in (("", hub), ("plain", plain))}
        # The same hub in two languages, half its events and members translated.
        two = bilingual(Path(shutil.copytree(hub, work / "hub-bilingual", ignore=shutil.ignore_patterns(CACHE_DIR))))
        in_two = [
            timed([sys.executable, "-m", "commsite", "build", str(two), "--out", str(work / f"bi-{run}")])[0]
            for run in range(args.runs)
        ]
        median = statistics.median
        print(f"hub: {args.size}, {pages} pages, {args.runs} runs (medians)")
        print(f"cold build:        {median(cold):6.2f} s   ({pages / median(cold):,.0f} pages/s)")
        print(f"no-change rebuild: {median(unchanged):6.2f} s")
        print(f"one-file edit:     {median(edited):6.2f} s")
        print(f"check, no output:  {median(checked):6.2f} s")
        print(f"floor, 1 process:  {median(floor1):6.2f} s")
        print(f"floor, 2 processes:{median(floor2):6.2f} s")
        print(f"cold / 2-process floor: {median(cold) / median(floor2):.2f}x")
        print(f"check / 2-process floor: {median(checked) / median(floor2):.2f}x")
        share = median(linking) / median(cold)
        print(f"link check (part of every build): {median(linking):.3f} s, {share:.1%} of the cold build")
        print(f"peak memory of the cold build (its whole process tree): {max(peaks):.0f} MB")
        ratio = median(in_two) / median(cold)
        print(
            f"cold build in two languages: {median(in_two):6.2f} s, {ratio:.2f}x the one-language build (budget 2.2x)"
        )
        print_search(cold, cold_plain, edited, edited_plain, work / "out-0" / "public")
        print_record(cold_plain, cold_bare)
        print_ci(in_ci[""], in_ci["plain"])
    finally:  # however it ends: the runs' folders take gigabytes
        shutil.rmtree(work, ignore_errors=True)


def ci_rebuilds(hub: Path, work: Path, runs: int) -> tuple[list[float], int, list[str]]:
    """The Pages workflow's build after a push that changed one event, as CI runs it: a fresh
    clone, on a runner that has nothing but what actions/cache restores (the hub's cache, the
    output, the key under ~/.cache/commsite). GitHub checks a repository out into the same
    folder on every run; so does this. Gives the builds' times, and the files whose bytes
    are the same as a build from nothing of the same content and those that differ (the
    search index apart: an edit indexes its pages into a part of its own)."""
    origin = Path(shutil.copytree(hub, work / "origin", ignore=shutil.ignore_patterns(CACHE_DIR, ".git")))
    for git in (["init", "-q"], ["add", "-A"], ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "hub"]):
        subprocess.run(["git", *git], cwd=origin, check=True)
    runner, saved = work / "runner", work / "saved"
    kept = {CACHE_DIR: runner / "hub" / CACHE_DIR, "public": runner / "hub" / "public", "key": runner / "home"}

    def new_runner() -> dict[str, str]:
        shutil.rmtree(runner, ignore_errors=True)
        subprocess.run(["git", "clone", "-q", str(origin), str(runner / "hub")], check=True)
        return {**os.environ, "XDG_CACHE_HOME": str(runner / "home")}

    # pip compiles an installed package's modules to bytecode; a checkout may not have it
    # (PYTHONDONTWRITEBYTECODE), and would compile them again on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(commsite.__file__).parent)], check=True)
    build = [sys.executable, "-m", "commsite", "build", str(runner / "hub")]
    timed(build, new_runner())  # the first run: cold, then saved
    for name, folder in kept.items():
        shutil.copytree(folder, saved / name, symlinks=True)
    times = []
    for run in range(runs):
        env = new_runner()
        for name, folder in kept.items():
            shutil.copytree(saved / name, folder, symlinks=True)
        events = sorted((runner / "hub" / "content" / "events").glob("*.md"))
        event = events[len(events) // 3 + run]
        event.write_text(event.read_text("utf-8") + f"\nChanged in CI run {run}.\n", encoding="utf-8")
        times.append(timed(build, env)[0])
    timed([*build, "--out", str(work / "cold")], {**env, "XDG_CACHE_HOME": str(work / "cold-home")})
    mine, cold = _site_files(runner / "hub" / "public"), _site_files(work / "cold")
    return (
        times,
        sum(mine.get(file) == data for file, data in cold.items()),
        sorted(set(mine) ^ set(cold) | {file for file, data in cold.items() if mine.get(file) != data}),
    )


def _site_files(site: Path) -> dict[str, bytes]:
    """A site's files but its search index and its marker (which names the build that wrote it)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).parts[0].startswith(("pagefind", ".commsite-output"))
    }


def print_ci(with_search: tuple[list[float], int, list[str]], without: tuple[list[float], int, list[str]]) -> None:
    median = statistics.median
    for name, (times, same, differing) in (("", with_search), (" (search: false)", without)):
        print(
            f"simulated CI rebuild{name}, fresh clone and restored cache, one event changed: {median(times):.2f} s"
            f" (budget 2 s); {same} files the same bytes as a build from nothing, {len(differing)} differ"
            + (f": {', '.join(differing[:5])}" if differing else "")
        )


def print_search(
    cold: list[float], cold_plain: list[float], edited: list[float], edited_plain: list[float], out: Path
) -> None:
    """What the search index costs: the builds with and without it, and a reader's queries."""
    median = statistics.median
    added = median(cold) / median(cold_plain) - 1
    print(f"search, cold build: {median(cold):.2f} s, {median(cold_plain):.2f} s without: +{added:.0%} (budget +20%)")
    ratio = median(edited) / median(edited_plain)
    print(
        f"search, one-file edit: {median(edited):.2f} s, {median(edited_plain):.2f} s without: {ratio:.2f}x (budget 2x)"
    )
    for query, (index, _, found) in query_bytes(out, "bench/", list(ONE_WORD_QUERIES)).items():
        print(f"search, one-word query {query!r}: {index / 1024:.0f} KB of index (budget 300 KB), {found} results")


def record_pairs(plain: Path, bare: Path, work: Path, runs: int) -> tuple[list[float], list[float]]:
    """Cold builds of the hub with and without the record (no search in either), in turn
    first and second: the record's cost alone, in more runs than the whole benchmark takes."""
    with_record: list[float] = []
    without: list[float] = []
    for run in range(runs):
        pairs = ((with_record, plain), (without, bare))
        for times, hub in pairs[:: 1 if run % 2 else -1]:
            shutil.rmtree(hub / CACHE_DIR, ignore_errors=True)
            out = work / f"record-{hub.name}-{run}"
            times.append(timed([sys.executable, "-m", "commsite", "build", str(hub), "--out", str(out)])[0])
    return with_record, without


def print_record(cold_plain: list[float], cold_bare: list[float]) -> None:
    """What the community record adds to a cold build, by the fastest runs of each: a few
    percent, where one run of the same build differs from the next by up to 15%, and
    noise only ever adds time. The medians are printed beside them."""
    median = statistics.median
    added = min(cold_plain) / min(cold_bare) - 1
    paired = median(one / other for one, other in zip(cold_plain, cold_bare, strict=True)) - 1
    print(
        f"community record, cold build (no search in either): fastest {min(cold_plain):.2f} s,"
        f" {min(cold_bare):.2f} s without: {added:+.1%} (budget +5%);"
        f" medians {median(cold_plain):.2f} s and {median(cold_bare):.2f} s; median of each run's ratio {paired:+.1%}"
    )


# Words of the synthetic hub: in Japanese, found on thousands of pages; in English, on most.
ONE_WORD_QUERIES = ("コミュニティ", "懇親会", "community")


if __name__ == "__main__":
    main()
