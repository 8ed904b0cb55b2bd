"""The command line: a thin layer that parses arguments, runs a command and maps errors
to exit codes (0 success, 1 a problem in the hub, 2 a usage mistake)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from . import kinds
from .build import COLLECTING_LESS, build, check
from .errors import BuildFailed, CommsiteError, ContentError, display_path, format_error
from .github.forms import FORMS
from .github.from_issue import from_issue
from .github.problems import NotMade
from .graph.translate import untranslated
from .scaffold import init, local_timezone, new, translate
from .source.config import load_config
from .version import __version__


def main(argv: Sequence[str] | None = None) -> int:
    args = _parsed(_parser(), argv)
    try:
        return int(args.run(args) or 0)
    except BuildFailed as failure:
        root = Path(getattr(args, "hub", ".")).resolve()
        for error in failure.errors:
            print(format_error(error, root), file=sys.stderr)
        written = "." if args.run is _check else "; nothing was written."  # check never writes
        print(f"\n{len(failure.errors)} error(s){written}", file=sys.stderr)
        return 1
    except CommsiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (commsite check --list | head): nothing is wrong
        return 0


def _parsed(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; the hub's folder may also come after a command's options, as in
    ``commsite from-issue issue.md --form report my-hub`` (argparse takes no positional there)."""
    args, extra = parser.parse_known_args(argv)
    if len(extra) == 1 and not extra[0].startswith("-") and getattr(args, "hub", None) == ".":
        args.hub = extra[0]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def run() -> NoReturn:
    """The ``commsite`` command: ``main``, then the process ends at once. Freeing a big
    site's objects one by one on the way out takes a tenth of a second nobody needs, and
    so would the collection of them all that a build's end would set off, were the usual
    thresholds of the garbage collector put back (build.py raises them)."""
    gc.set_threshold(*COLLECTING_LESS)
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    finally:
        os._exit(code)


def _build(args: argparse.Namespace) -> int:
    hub = Path(args.hub)
    started = time.monotonic()
    # A terminal sees progress once a build takes a while; CI logs get the summary line only.
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() and not os.environ.get("CI") else None
    try:
        out = Path(args.out) if args.out else None
        result = build(hub, out, drafts=args.drafts, base_url=args.base_url, progress=progress, strict=args.strict)
    finally:
        if progress is not None:
            progress.clear()
    _warn(result.warnings, hub)
    unchanged = result.files - len(result.written)
    built = f"built {result.pages} pages ({result.files} files) into {result.out}"
    print(f"{built}: {len(result.written)} written, {unchanged} unchanged, {time.monotonic() - started:.1f} s")
    return 0


class TerminalProgress:
    """'rendering 1,234 of 14,683' on one line, redrawn at most ten times a second, and
    only once the build has taken two seconds: a quick build stays silent."""

    def __init__(self, stream: TextIO, delay: float = 2.0) -> None:
        self.stream, self.shown_after = stream, time.monotonic() + delay
        self.drawn_at = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now < self.shown_after or (now - self.drawn_at < 0.1 and done < total):
            return
        self.stream.write(f"\rrendering {done:,} of {total:,}")
        self.stream.flush()
        self.drawn_at = now

    def clear(self) -> None:
        if self.drawn_at:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _check(args: argparse.Namespace) -> int:
    checked = check(Path(args.hub), drafts=args.drafts, strict=args.strict)
    _warn(checked.warnings, Path(args.hub))
    site = checked.site
    print(
        f"ok: {len(site.events)} events, {len(site.talks)} talks, {len(site.members)} members, "
        f"{len(site.reports)} reports, {len(site.pages)} pages"
    )
    # Information, not warnings: a hub may leave anything untranslated.
    for language, missing in untranslated({code: e.site for code, e in checked.editions.items()}).items():
        counts = (f"{len(ids)} {kinds.DECLARED[kind].one if len(ids) == 1 else kind}" for kind, ids in missing.items())
        print(f"not translated into {language}: " + ", ".join(counts))
        for kind, ids in missing.items() if args.list else ():
            print(f"  {kind}: " + ", ".join(ids))
    return 0


def _warn(warnings: Sequence[ContentError], hub: Path) -> None:
    for warning in warnings:
        print(format_error(warning, hub.resolve(), "warning"), file=sys.stderr)


def _serve(args: argparse.Namespace) -> int:
    from .serve.server import serve  # its web server and file watcher take 50 ms to import, which builds need not pay

    # Another address than this computer's own is only ever used when asked for with --host.
    serve(Path(args.hub), args.host, args.port, args.open)
    return 0


def _init(args: argparse.Namespace) -> int:
    timezone = args.timezone or local_timezone()
    for path in init(Path(args.dir), language=args.language, timezone=timezone, forms=not args.no_forms):
        print(f"created {path}")
    print(f"\nnext: cd {args.dir} && commsite build")
    print("then push it to GitHub, and turn on Pages: Settings → Pages → Source: GitHub Actions")
    return 0


def _from_issue(args: argparse.Namespace) -> int:
    """The path written, on stdout; or, on a mistake, the Markdown comment for the issue on stderr."""
    hub = Path(args.hub)
    body = sys.stdin.read() if args.body == "-" else Path(args.body).read_text("utf-8")
    try:
        path = from_issue(body, args.form, hub, args.login)
    except NotMade as problem:
        print(problem.markdown(load_config(hub).language), file=sys.stderr, end="")
        return 1
    print(display_path(path, hub.resolve()))
    return 0


def _new(args: argparse.Namespace) -> int:
    print(new(args.kind, args.title, Path(args.hub), language=args.lang))
    return 0


def _translate(args: argparse.Namespace) -> int:
    print(translate(Path(args.file), args.language, Path(args.hub)))
    return 0


_STRICT = "fail on any warning (a broken link, odd content), for a CI that wants that"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="commsite", description="Build a community hub from Markdown.")
    parser.add_argument("--version", action="version", version=f"commsite {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    cmd = commands.add_parser("build", help="build the site into public/ (or --out)")
    cmd.add_argument("hub", nargs="?", default=".", help="the hub's folder (default: here)")
    cmd.add_argument("--out", help="output folder (default: output_dir of site.yaml)")
    cmd.add_argument("--base-url", help="publish address, overriding base_url in site.yaml")
    cmd.add_argument("--drafts", action="store_true", help="include items marked draft: true")
    cmd.add_argument("--strict", action="store_true", help=_STRICT)
    cmd.set_defaults(run=_build)

    cmd = commands.add_parser("check", help="validate everything and write nothing")
    cmd.add_argument("hub", nargs="?", default=".")
    cmd.add_argument("--drafts", action="store_true")
    cmd.add_argument("--strict", action="store_true", help=_STRICT)
    cmd.add_argument("--list", action="store_true", help="name the items not yet translated")
    cmd.set_defaults(run=_check)

    cmd = commands.add_parser("serve", help="preview the hub, rebuilding and reloading on every save")
    cmd.add_argument("hub", nargs="?", default=".")
    cmd.add_argument("--port", type=int, default=8000, help="default 8000 (0: any free port)")
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this computer only)")
    cmd.add_argument("--open", action="store_true", help="open the preview in a browser")
    cmd.set_defaults(run=_serve)

    _add_github_commands(commands)

    cmd = commands.add_parser("new", help="write a new content file and print its path")
    cmd.add_argument("kind", choices=[kind.one for kind in kinds.declared() if kind.starter])
    cmd.add_argument("title")
    cmd.add_argument("hub", nargs="?", default=".")
    cmd.add_argument("--lang", help="the language it is written in, when not the hub's first")
    cmd.set_defaults(run=_new)

    cmd = commands.add_parser(
        "translate", help="write a translation of a content file, to write over, and print its path"
    )
    cmd.add_argument("file", help="the original, e.g. content/events/2026-12-12-study-12.md")
    cmd.add_argument("language", help="one of the hub's other languages, e.g. en")
    cmd.add_argument("hub", nargs="?", default=".")
    cmd.set_defaults(run=_translate)
    return parser


def _add_github_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """init, which writes a hub with its GitHub workflows, and from-issue, which they run."""
    cmd = commands.add_parser("init", help="create a new hub that builds at once, with its GitHub workflows")
    cmd.add_argument("dir")
    cmd.add_argument("--language", choices=["ja", "en"], default="en", help="the hub's language (default en)")
    cmd.add_argument("--timezone", help="the hub's IANA time zone, e.g. Asia/Tokyo (default: this computer's)")
    cmd.add_argument("--no-forms", action="store_true", help="leave out the issue forms and their workflow")
    cmd.set_defaults(run=_init)

    cmd = commands.add_parser("from-issue", help="write the content file an issue made with a hub's form asks for")
    cmd.add_argument("body", metavar="BODY_FILE", help="the issue's body, as GitHub renders the form ('-': stdin)")
    cmd.add_argument("--form", required=True, choices=list(FORMS), help="the form the issue was written with")
    cmd.add_argument("hub", nargs="?", default=".")
    cmd.add_argument("--login", help="the GitHub login of the issue's author, kept for their profile")
    cmd.set_defaults(run=_from_issue)
