"""`commsite serve`: a live preview. The watcher just calls the build; the server keeps
serving the last good site, tells open pages to reload after each build, and shows a
failed build's errors over the page until the next good save.

The reload script is added to pages as they are served; it is never in a build's output.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from watchfiles import watch

from ..build import Checked, build
from ..engine.cache import CACHE_DIR, load_cache, save_cache
from ..errors import BuildFailed, CommsiteError, format_error
from ..outputs.formats import media_type
from ..source.config import load_config
from .preview import Live

WATCHED = ("content", "static", "templates", "themes", "i18n", "site.yaml")
_ENDPOINT = "/__commsite/"


@dataclass
class BuildState:
    """What the server shows: a counter that moves each time files are written (or a build
    fails), which files each step wrote, and the errors of the last try. Pages wait on it."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    written: dict[int, frozenset[str]] = field(default_factory=dict)  # version → site files written
    building: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, errors: list[str], written: Iterable[str] = ()) -> None:
        with self.changed:
            self.version += 1
            self.errors = errors
            self.written[self.version] = frozenset(written)
            self.written.pop(self.version - _HISTORY, None)
            self.changed.notify_all()

    def wait_past(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version > version, timeout=timeout)
            return self.version

    def rewritten(self, file: str, since: int) -> bool:
        """Whether ``file`` was written after version ``since`` (or too long ago to tell)."""
        with self.changed:
            steps = range(since + 1, self.version + 1)
            return any(step not in self.written or file in self.written[step] for step in steps)


_HISTORY = 100  # steps remembered; a page that slept through more simply reloads


def serve(hub: Path, host: str, port: int, open_browser: bool = False) -> None:
    hub = hub.resolve()
    config = load_config(hub)
    # Kept in the hub's cache folder, so that starting the preview again renders only what changed.
    out = hub / CACHE_DIR / f"preview-{port}"
    state = BuildState()
    server = _Server((host, port), _handler(out, config.base_path, state))
    address = f"http://{host}:{server.server_address[1]}{config.base_path}"
    rebuild = _Builder(hub, out, address, state)
    stop = threading.Event()
    watching = threading.Event()
    watcher = threading.Thread(target=_watch, args=(hub, rebuild, stop, watching), daemon=True)
    try:  # Ctrl-C may come at any moment, the first build included
        watcher.start()  # before the first build, so that no save after it goes unseen
        watching.wait(timeout=5)
        rebuild(())
        gc.freeze()  # the first build's cache lives as long as the server: collections need not scan it
        print(f"Serving {hub} at {address} (Ctrl-C to stop)", flush=True)
        if open_browser:
            webbrowser.open(address)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        rebuild.flush()
        print("Stopped.", flush=True)


class _Builder:
    """Builds the preview on each save, keeping the cache and the last good site in memory.

    The cache is written to disk (for the next start) once saves pause, and on stopping:
    pickling it holds the interpreter for a moment, which a save just then should not wait for.
    """

    def __init__(self, hub: Path, out: Path, address: str, state: BuildState) -> None:
        self.hub, self.out, self.address, self.state = hub, out, address, state
        self.cache = load_cache(hub, out)
        self.previous: Checked | None = None
        self.saver: threading.Timer | None = None
        self.unsaved = False

    def __call__(self, edited: Iterable[Path]) -> None:
        if self.saver is not None:
            self.saver.cancel()
        live = Live(self.cache, self.previous, frozenset(edited), lambda files: self.state.publish([], files))
        self.state.building = True
        try:
            result = build(self.hub, self.out, drafts=True, base_url=self.address, live=live)
        except BuildFailed as failure:
            messages = [format_error(error, self.hub.resolve()) for error in failure.errors]
            print("\n".join(messages), flush=True)
            self.state.publish(messages)
            return
        except CommsiteError as error:
            print(f"error: {error}", flush=True)
            self.state.publish([f"error: {error}"])
            return
        finally:
            self.state.building = False
        print(f"built {result.pages} pages: {len(result.written)} written", flush=True)
        self.cache, self.previous, self.unsaved = result.cache, result.checked, True
        self.saver = threading.Timer(_SAVE_WHEN_QUIET, self.save)
        self.saver.daemon = True
        self.saver.start()

    def save(self) -> None:
        if self.unsaved:
            self.unsaved = False
            save_cache(self.hub, self.out, self.cache)

    def flush(self) -> None:
        """On stopping: the last good build's cache, even if a save is being built right now."""
        if self.saver is not None:
            self.saver.cancel()
        self.save()


_SAVE_WHEN_QUIET = 5.0  # seconds without a save


def _watch(
    hub: Path, rebuild: Callable[[Iterable[Path]], None], stop: threading.Event, watching: threading.Event
) -> None:
    paths = [hub / name for name in WATCHED if (hub / name).exists()]
    # watchfiles groups a burst of saves (an editor, a git checkout) into one set of changes.
    # With yield_on_timeout it also reports in (with no changes) once it is watching.
    changes_seen = watch(
        *paths, debounce=200, step=25, stop_event=stop, raise_interrupt=False, yield_on_timeout=True, rust_timeout=200
    )
    for changes in changes_seen:
        watching.set()
        if changes:
            rebuild(Path(path) for _, path in changes)


def _handler(out: Path, base_path: str, state: BuildState) -> type[SimpleHTTPRequestHandler]:
    """The request handler of a preview of ``out``, published under ``base_path``."""
    settings = {"out": out, "base_path": base_path, "state": state}
    return type("Handler", (_Handler,), settings)


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages would, with a script in each page that reloads it
    when a build rewrites it, and the endpoint that script asks."""

    out: Path
    base_path: str
    state: BuildState

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.out), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """What the formats table says (a feed as a feed, not as any XML), else by extension."""
        return media_type(os.fspath(path)) or super().guess_type(path)

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path.startswith(_ENDPOINT):
            return self._live(path[len(_ENDPOINT) :])
        if not path.startswith(self.base_path):
            return self._redirect(self.base_path)
        self.path = "/" + self.path.split("?")[0][len(self.base_path) :]
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            return self._page(target)
        return super().do_GET()

    def _page(self, target: Path) -> None:
        html = target.read_text("utf-8").replace("</body>", _RELOAD_SCRIPT % self.state.version + "</body>", 1)
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"))

    def _live(self, name: str) -> None:
        query = parse_qs(urlsplit(self.path).query)
        since = int(query.get("version", ["0"])[0])
        if name == "wait":  # long poll: answers when files were written or a build failed (or after 30 s)
            self.state.wait_past(since, timeout=30)
        page = _site_file(query.get("page", [""])[0], self.base_path)
        reload = page is not None and self.state.rewritten(page, since)
        state = self.state
        answer = {"version": state.version, "errors": state.errors, "reload": reload, "building": state.building}
        body = json.dumps(answer).encode()
        self._send(HTTPStatus.OK, "application/json", body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.end_headers()

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a page was closed while it waited for the next build: nothing went wrong
        super().handle_error(request, client_address)


def _site_file(page: str, base_path: str) -> str | None:
    """The site file a page's URL path shows: '/hub/events/x/' → 'events/x/index.html'."""
    path = unquote(page)
    if not path.startswith(base_path):
        return None
    file = path[len(base_path) :]
    return file + "index.html" if file.endswith("/") or not file else file


# Waits for files to be written; reloads when its own page was, shows a failed build's errors over the page.
_RELOAD_SCRIPT = """<script>(function () {
  var version = %d;
  function overlay(errors) {
    var box = document.getElementById("commsite-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "commsite-errors";
      box.style.cssText = "position:fixed;inset:0;margin:0;padding:1rem;overflow:auto;z-index:9999;" +
        "background:rgba(20,20,20,.95);color:#ffb4ab;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = errors.join("\\n\\n");
  }
  function next() {
    var query = "version=" + version + "&page=" + encodeURIComponent(location.pathname);
    fetch("/__commsite/wait?" + query).then(function (r) { return r.json(); }).then(function (s) {
      if (s.reload && !s.errors.length) { location.reload(); return; }
      version = s.version; overlay(s.errors); next();
    }, function () { setTimeout(next, 1000); });
  }
  fetch("/__commsite/status").then(function (r) { return r.json(); }).then(function (s) { overlay(s.errors); });
  next();
})();</script>"""
