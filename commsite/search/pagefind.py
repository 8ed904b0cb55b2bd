"""Pagefind, which makes the search index: the page it reads for each search document,
and a run of its binary (the extended build, which segments Japanese).

Pagefind reads HTML. It gets one small page per document, written for it: the document's
words in the body, and what a result shows (kind, date, event, people, tags) and filters by
(kind, year, tag) in ``data-pagefind-*`` attributes of the head, where they are not
searched as words.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .documents import Document

BUNDLE = "pagefind"  # the folder of the index, in the site and as Pagefind names it

# Runs of Japanese or Chinese script: kana, the prolonged sound mark, CJK ideographs.
_CJK_RUN = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]{2,}")


def character_pairs(text: str) -> str:
    """Every run of Japanese script cut into overlapping pairs: 新幹線 → 新幹 幹線.

    Pagefind's indexer and its query in the browser segment Japanese differently (upstream
    issue #1237): a compound such as 新幹線 is split when indexed but searched whole, and
    a loanword such as ガベージコレクション is kept whole when indexed but split when
    searched. Either way a query misses. Indexed as pairs, every run is found by any two
    or more of its characters in a row, however either side segments it.
    """
    pairs = []
    for run in _CJK_RUN.findall(text):
        pairs += [run[i : i + 2] for i in range(len(run) - 1)]
    return " ".join(dict.fromkeys(pairs))


def page_html(document: Document, recent: bool = False) -> str:
    """The page Pagefind indexes for a document: its words, and its metadata in the head.
    ``recent``: it goes into the index's recent part, whose results the search page keeps."""
    head = [f'<meta data-pagefind-meta="title[content]" content="{escape(document.title)}">']
    if recent:
        head.append('<meta data-pagefind-meta="recent[content]" content="yes">')
    head += [f'<meta data-pagefind-filter="kind[content]" content="{document.kind}">']
    if document.date:
        head.append(f'<meta data-pagefind-meta="date[content]" content="{document.date}">')
        head.append(f'<meta data-pagefind-filter="year[content]" content="{document.date[:4]}">')
        head.append(f'<meta data-pagefind-sort="date[content]" content="{document.date}">')
    for name, value in (("event", document.event), ("people", " · ".join(document.people))):
        if value:
            head.append(f'<meta data-pagefind-meta="{name}[content]" content="{escape(value)}">')
    if document.tags:
        head.append(f'<meta data-pagefind-meta="tags[content]" content="{escape(" · ".join(document.tags))}">')
    head += [f'<meta data-pagefind-filter="tag[content]" content="{escape(tag)}">' for tag in document.tags]
    if "://" in document.path:  # a report that links out
        head.append(f'<meta data-pagefind-meta="link[content]" content="{escape(document.path)}">')
    names = " ".join((*document.people, *document.readings))
    findable = " ".join((document.title, names, document.event, *document.tags))
    body = [
        f"<h1>{escape(document.title)}</h1>",
        f"<p>{escape(names)}</p>" if names else "",
        f"<p>{escape(document.event)}</p>" if document.event else "",
        f"<p>{escape(' '.join(document.tags))}</p>" if document.tags else "",
        *(f"<p>{escape(line)}</p>" for line in document.text.splitlines()),
        f'<p data-pagefind-weight="0.5">{character_pairs(findable)}</p>',
    ]
    return (
        f'<!doctype html><html lang="{document.language}"><head><meta charset="utf-8">{"".join(head)}</head>'
        f'<body data-pagefind-body>{"".join(body)}</body></html>\n'
    )


@dataclass(frozen=True)
class Run:
    """Pagefind indexing a folder of documents' pages in the background."""

    process: subprocess.Popen[bytes] | None
    problem: str = ""  # why it could not start

    def wait(self) -> str:
        """Why it failed, or '' when the index is written."""
        if self.process is None:
            return self.problem
        _, errors = self.process.communicate()
        if self.process.returncode:
            last = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            return f"Pagefind stopped with exit code {self.process.returncode}: {last[0]}"
        return ""


def start(documents: Path, bundle: Path) -> Run:
    """Index the pages in ``documents`` into the folder ``bundle``, in the background."""
    try:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            return Run(None, "no Pagefind binary is installed")
        command = [str(binary), "--site", str(documents), "--output-path", str(bundle), "--silent"]
        return Run(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    except (ImportError, OSError) as error:
        return Run(None, f"Pagefind cannot run here ({error})")
