"""What a search costs a reader, measured in Debian's Chromium: the bytes a query downloads.

    python benchmarks/search_bytes.py SITE_FOLDER SUB_PATH QUERY...

SITE_FOLDER is a built site (its search page at search/), published under SUB_PATH ('bench/').
For each query, a fresh browser opens the search page, types the query and waits for the
results; the bytes are those of
the responses Chromium received for the search index (pagefind/), as the network reports
them, the wasm and the script included. The page itself (its HTML, CSS and script) is
counted apart: a reader has it already when they search from the header.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Response, sync_playwright

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _served(folder: Path, sub_path: str) -> Iterator[str]:
    """The site on a loopback server, at its sub-path: the address of its root."""
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / sub_path.strip("/")).symlink_to(folder.resolve(), target_is_directory=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=root))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{sub_path.strip('/')}/"
        finally:
            server.shutdown()


def query_bytes(site: Path, sub_path: str, queries: list[str]) -> dict[str, tuple[int, int, int]]:
    """Each query: (bytes of the index downloaded, of the page, results found)."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (scripts/test installs it)"
    measured = {}
    with _served(site, sub_path) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=_FLAGS)
        for query in queries:
            context = browser.new_context()  # nothing cached from the last query
            page = context.new_page()
            sizes: dict[str, int] = {}

            def received(response: Response, sizes: dict[str, int] = sizes) -> None:
                body = response.request.sizes()["responseBodySize"]
                sizes[response.url] = body + response.request.sizes()["responseHeadersSize"]

            page.on("requestfinished", lambda request: received(request.response()) if request.response() else None)
            page.goto(root + "search/")
            page.wait_for_selector("form.search-page:not([hidden])")
            page.fill("#search-query", query)
            page.wait_for_function("q => document.querySelector('.search-status').dataset.for === q", arg=query)
            page.wait_for_load_state("networkidle")
            found = page.locator(".search-status").inner_text()
            index = sum(size for url, size in sizes.items() if "/pagefind" in url)
            measured[query] = (index, sum(sizes.values()) - index, int("".join(filter(str.isdigit, found)) or 0))
            context.close()
        browser.close()
    return measured


def main() -> None:
    site, sub_path, *queries = sys.argv[1:]
    for query, (index, page, found) in query_bytes(Path(site), sub_path, queries).items():
        print(f"{query}: {index / 1024:.0f} KB of index ({page / 1024:.0f} KB for the page itself), {found} results")


if __name__ == "__main__":
    main()
