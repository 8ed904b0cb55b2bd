"""The minimal Python floor a build is measured against: read the files, parse front matter
with yaml.CSafeLoader, render Markdown with markdown-it-py and each page with one
precompiled Jinja2 template, and write the files. Nothing else.

The pages are the hub's pages of content: one per content file and one per talk (a talk
has its own page, its abstract rendered from Markdown), about 10,000 on the large hub.

    python benchmarks/floor.py HUB OUT [--processes N]
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "<!doctype html><html lang=ja><head><meta charset=utf-8><title>{{ title }}</title></head>"
    "<body><main><h1>{{ title }}</h1>{{ body | safe }}</main></body></html>"
)
MARKDOWN = MarkdownIt("commonmark").enable("table")


def render(paths: list[Path], hub: Path, out: Path) -> int:
    pages = 0
    for path in paths:
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader) or {}
        folder = out / path.relative_to(hub).with_suffix("")
        write(folder, TEMPLATE.render(title=meta.get("title") or meta.get("name"), body=MARKDOWN.render(body)))
        for number, talk in enumerate(meta.get("talks") or ()):
            abstract = MARKDOWN.render(talk.get("abstract") or "")
            write(folder / f"talk-{number}", TEMPLATE.render(title=talk.get("title"), body=abstract))
        pages += 1 + len(meta.get("talks") or ())
    return pages


def write(folder: Path, html: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(html, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("hub", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    paths = sorted((args.hub / "content").rglob("*.md"))
    if args.processes == 1:
        count = render(paths, args.hub, args.out)
    else:
        chunks = [paths[n :: args.processes] for n in range(args.processes)]
        with ProcessPoolExecutor(args.processes) as pool:
            count = sum(pool.map(render, chunks, [args.hub] * len(chunks), [args.out] * len(chunks)))
    print(count)


if __name__ == "__main__":
    main()
