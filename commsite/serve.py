"""`commsite serve`: a live preview. The watcher just calls the build; the server keeps
serving the last good site, tells open pages to reload after each build, and shows a
failed build's errors over the page until the next good save.

The reload script is added to pages as they are served; it is never in a build's output.
"""

from __future__ import annotations

import json
import threading
import webbrowser
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from watchfiles import watch

from .build import build
from .cache import CACHE_DIR, load_cache, save_cache
from .config import load_config
from .errors import BuildFailed, CommsiteError, format_error

WATCHED = ("content", "static", "templates", "themes", "i18n", "site.yaml")
_ENDPOINT = "/__commsite/"


@dataclass
class BuildState:
    """What the server shows: the build counter pages wait on, and the errors of the last try."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, errors: list[str]) -> None:
        with self.changed:
            self.version += 1
            self.errors = errors
            self.changed.notify_all()

    def wait_past(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version > version, timeout=timeout)
            return self.version


def serve(hub: Path, host: str, port: int, open_browser: bool = False) -> None:
    hub = hub.resolve()
    config = load_config(hub)
    # Kept in the hub's cache folder, so that starting the preview again renders only what changed.
    out = hub / CACHE_DIR / f"preview-{port}"
    state = BuildState()
    server = ThreadingHTTPServer((host, port), _handler(out, config.base_path, state))
    address = f"http://{host}:{server.server_address[1]}{config.base_path}"
    rebuild = _builder(hub, out, address, state)
    stop = threading.Event()
    watching = threading.Event()
    watcher = threading.Thread(target=_watch, args=(hub, rebuild, stop, watching), daemon=True)
    try:  # Ctrl-C may come at any moment, the first build included
        watcher.start()  # before the first build, so that no save after it goes unseen
        watching.wait(timeout=5)
        rebuild()
        print(f"Serving {hub} at {address} (Ctrl-C to stop)", flush=True)
        if open_browser:
            webbrowser.open(address)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        print("Stopped.", flush=True)


def _builder(hub: Path, out: Path, address: str, state: BuildState) -> Any:
    cache = load_cache(hub, out)

    def rebuild() -> None:
        nonlocal cache
        try:
            result = build(hub, out, drafts=True, base_url=address, cache=cache, in_place=True)
        except BuildFailed as failure:
            messages = [format_error(error, hub.resolve()) for error in failure.errors]
            print("\n".join(messages), flush=True)
            state.publish(messages)
            return
        except CommsiteError as error:
            print(f"error: {error}", flush=True)
            state.publish([f"error: {error}"])
            return
        print(f"built {result.pages} pages: {len(result.written)} written", flush=True)
        state.publish([])
        cache = result.cache
        save_cache(hub, out, cache)  # after the reload is on its way: for the next start

    return rebuild


def _watch(hub: Path, rebuild: Any, stop: threading.Event, watching: threading.Event) -> None:
    paths = [hub / name for name in WATCHED if (hub / name).exists()]
    # watchfiles groups a burst of saves (an editor, a git checkout) into one set of changes.
    # With yield_on_timeout it also reports in (with no changes) once it is watching.
    changes_seen = watch(
        *paths, debounce=200, step=50, stop_event=stop, raise_interrupt=False, yield_on_timeout=True, rust_timeout=200
    )
    for changes in changes_seen:
        watching.set()
        if changes:
            rebuild()


def _handler(out: Path, base_path: str, state: BuildState) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(out), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path.startswith(_ENDPOINT):
                return self._live(path[len(_ENDPOINT) :])
            if not path.startswith(base_path):
                return self._redirect(base_path)
            self.path = "/" + self.path.split("?")[0][len(base_path) :]
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self._page(target)
            return super().do_GET()

        def _page(self, target: Path) -> None:
            html = target.read_text("utf-8").replace("</body>", _RELOAD_SCRIPT % state.version + "</body>", 1)
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"))

        def _live(self, name: str) -> None:
            query = parse_qs(urlsplit(self.path).query)
            if name == "wait":  # long poll: answers when a newer build is there (or after 30 s)
                since = int(query.get("version", ["0"])[0])
                state.wait_past(since, timeout=30)
            body = json.dumps({"version": state.version, "errors": state.errors}).encode()
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

    return Handler


# Waits for the next build; reloads on success, shows the errors over the page on failure.
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
    fetch("/__commsite/wait?version=" + version).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version > version && !s.errors.length) { location.reload(); return; }
      version = s.version; overlay(s.errors); next();
    }, function () { setTimeout(next, 1000); });
  }
  fetch("/__commsite/status").then(function (r) { return r.json(); }).then(function (s) { overlay(s.errors); });
  next();
})();</script>"""
