"""Pagefind, which makes the search index: the page it reads for each search document,
and a run of its binary (the extended build).

Pagefind reads HTML. It gets one small page per document, written for it: the document's
words in the body, its Japanese as pairs of characters (``character_pairs``) and what the
search is narrowed to (kind, year, tag) as words of their own (``filter_words``); and what a
result shows (kind, date, event, people, tags, the text's start) in ``data-pagefind-meta``
attributes of the head, where they are not searched as words.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import pickle
import re
import signal
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Generic, NoReturn, TypeVar

from .documents import Document

BUNDLE = "pagefind"  # the folder of the index, in the site and as Pagefind names it

# Japanese or Chinese script: kana (the prolonged sound mark too), CJK ideographs, 々 and 〆.
# search.js cuts a query by the same rules.
_CJK = "\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006"
_CJK_RUN = re.compile(f"[{_CJK}]{{2,}}")
_JAPANESE = re.compile(f"[{_CJK}]+")
_SPACE_IN_CJK = re.compile(f"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")  # 佐藤 花子 is also 佐藤花子


def character_pairs(text: str) -> list[str]:
    """Every pair of Japanese characters in a row, once each, written as a word of letters
    and digits: 新幹線 → 新幹 幹線 → c35b02e79 c2e794dda (c, then each character's code
    point less 0x3000, in four hex digits).

    Pagefind's indexer and its query in the browser segment Japanese differently (upstream
    issue #1237): a compound such as 新幹線 is split when indexed but searched whole, and
    a loanword such as ガベージコレクション is kept whole when indexed but split when
    searched; a name in kana, such as さとう, is cut into single characters that match
    everything. Pairs are how search engines index Japanese without a dictionary (as
    Lucene's CJK bigrams do); written as plain words, neither segmenter touches them. The
    search page asks for a query's Japanese as its pairs, each of which a page must have.
    """
    joined = _SPACE_IN_CJK.sub("", unicodedata.normalize("NFKC", text))
    pairs = (
        f"c{ord(run[i]) - 0x3000:04x}{ord(run[i + 1]) - 0x3000:04x}"
        for run in _CJK_RUN.findall(joined)
        for i in range(len(run) - 1)
    )
    return list(dict.fromkeys(pairs))


def unsegmented(text: str) -> str:
    """The text as Pagefind indexes it, its Japanese left to the pairs (``character_pairs``),
    which are how search.js asks for Japanese. Given a single kana or kanji, the extended
    Pagefind would load its Japanese dictionary (1.3 s and 340 MB, on every run, an edit's
    too) to segment words that no query asks for. What a result shows comes from the head."""
    return _JAPANESE.sub(" ", unicodedata.normalize("NFKC", text))


def page_html(document: Document, recent: bool = False) -> str:
    """The page Pagefind indexes for a document: its words, and its metadata in the head.
    ``recent``: it goes into the index's recent part (index.py), whose pages have no slot word."""
    head = [_meta("title", document.title), _meta("kind", document.kind)]
    if recent:
        head.append(_meta("recent", "yes"))
    if document.date:
        head.append(_meta("date", document.date))
        head.append(f'<meta data-pagefind-sort="date[content]" content="{document.date}">')
    facts = (("event", document.event), ("people", " · ".join(document.people)), ("tags", " · ".join(document.tags)))
    head += [_meta(name, value) for name, value in facts if value]
    if document.text:
        head.append(_meta("summary", _summary(document.text)))
    if "://" in document.path:  # a report that links out
        head.append(_meta("link", document.path))
    titles = " ".join((document.title, *document.aka))
    names = " ".join((*document.people, *document.readings))
    about = " ".join((document.event, *document.tags))
    # Weighed as a reader would: a page's title first (a member's reading with their name),
    # then its people, what it is part of, its text.
    words = ((titles, 10), (names, 7), (about, 2), (document.text, 0.5))
    aka, names, about = (unsegmented(text) for text in (" ".join(document.aka), names, about))
    body = [
        f"<h1>{escape(unsegmented(document.title))}</h1>",
        f'<p data-pagefind-weight="10">{escape(aka)}</p>' if aka.strip() else "",
        f'<p data-pagefind-weight="7">{escape(names)}</p>' if names.strip() else "",
        f'<p data-pagefind-weight="2">{escape(about)}</p>' if about.strip() else "",
        *(f"<p>{escape(line)}</p>" for line in map(unsegmented, document.text.splitlines()) if line.strip()),
        *(
            f'<p data-pagefind-weight="{weight}">{" ".join(pairs)}</p>'
            for text, weight in words
            if (pairs := character_pairs(text))
        ),
        f'<p data-pagefind-weight="0.1">{" ".join(filter_words(document))}</p>',
        "" if recent else f"<p>{slot_word(document.group)}</p>",
    ]
    return (
        f'<!doctype html><html lang="{document.language}"><head><meta charset="utf-8">{"".join(head)}</head>'
        f"<body data-pagefind-body>{''.join(body)}</body></html>\n"
    )


def filter_words(document: Document) -> list[str]:
    """What the search can be narrowed to (kind, year, tag), as words that the search page
    adds to a query: Pagefind's own filters are written in a different order by every run,
    and the index would not be the same from build to build of the same content."""
    chosen = [("kind", document.kind), *((("year", document.date[:4]),) if document.date else ())]
    return [filter_word(name, value) for name, value in (*chosen, *(("tag", tag) for tag in document.tags))]


def filter_word(name: str, value: str) -> str:
    """``name``=``value`` as a word: zf and its 32-bit FNV-1a hash (search.js has the same)."""
    return f"zf{_fnv1a(f'{name}={value}'):08x}"


def slot_word(group: str) -> str:
    """The word of the slot a document's group falls in, one of 256, which its page in the
    index's base holds (index.py): the search page finds the base's pages of a slot by it."""
    return f"zs{_fnv1a(group) % 256:02x}"


def _fnv1a(text: str) -> int:
    hashed = 0x811C9DC5
    for byte in text.encode():
        hashed = ((hashed ^ byte) * 0x01000193) & 0xFFFFFFFF
    return hashed


def _meta(name: str, value: str) -> str:
    return f'<meta data-pagefind-meta="{name}[content]" content="{escape(value)}">'


def _summary(text: str, length: int = 100) -> str:
    """The start of a text, for a result to show: its first line, cut at ``length`` characters."""
    first = text.splitlines()[0]
    return first if len(first) <= length else first[: length - 1] + "…"


T = TypeVar("T")

# What to index, chosen in the background: what to tell the build, the documents (by the
# file their page is written to), and whether they go into the index's recent part.
Chosen = tuple[T, dict[str, Document], bool]


@dataclass
class Run(Generic[T]):
    """Pagefind at work in the background (``start``): what was chosen, and how it ended.
    A forked child tells its choice through a file in the staging folder, and that it is
    written by closing its end of ``pipe``."""

    chosen: T | None = None  # what the choice told the build, once known
    pid: int | None = None
    process: subprocess.Popen[bytes] | None = None
    staging: Path | None = None
    pipe: int | None = None
    problem: str = ""

    def told(self) -> T | None:
        """What the choice told, waiting for it if need be; None if it failed (``wait`` says why)."""
        if self.pipe is not None and self.staging is not None:
            os.read(self.pipe, 1)  # the end of the pipe: the child has written its choice, or failed
            os.close(self.pipe)
            self.pipe = None
            told = self.staging / _TOLD
            self.chosen = pickle.loads(told.read_bytes()) if told.is_file() else None
        return self.chosen

    def wait(self) -> str:
        """Why it failed, or '' when the index is written (or there was nothing to index).
        Once the build is only waiting for it, Pagefind may use every core."""
        if self.pid is None:
            return self.problem
        if hasattr(os, "sched_setaffinity") and not self.process:
            with contextlib.suppress(OSError):  # it may have ended already
                os.sched_setaffinity(self.pid, os.sched_getaffinity(0))
        code = self.process.wait() if self.process else os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        if code == 0:
            return ""
        log = self.staging / _LOG if self.staging else None
        said = log.read_text("utf-8", "replace").strip().splitlines() if log and log.is_file() else []
        why = said[-1] if said else "no message"
        return why if code == _NOT_RUN else f"Pagefind stopped with exit code {code}: {why}"


_TOLD, _LOG = "told.pickle", "pagefind.log"


def start(choose: Callable[[], Chosen[T]], staging: Path) -> Run[T]:
    """In the background: ``choose`` what to index, write the documents' pages into
    ``staging``/pages and index them into ``staging``/bundle.

    A child process does it all, then becomes Pagefind, while the build works out which
    pages to make and makes them: on an edit of a big hub, choosing (making every page's
    document, and comparing them with those indexed) takes as long as the rest of the
    build. Pagefind is kept to one core: its threads spend more time waiting for each
    other than working (on two cores, twice the CPU time for the same index), and the
    build's own processes want the other. Where a process cannot fork (or has threads, of
    which a fork copies none but the caller), the choice is made here and Pagefind runs as
    a subprocess."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return _start_here(choose, staging)
    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return Run(pid=pid, staging=staging, pipe=reading)
    os.close(reading)
    _choose_and_become_pagefind(choose, staging, writing)  # never returns


def _start_here(choose: Callable[[], Chosen[T]], staging: Path) -> Run[T]:
    told, documents, recent = choose()
    binary, problem = _binary() if documents else ("", "")
    if problem or not documents:
        return Run(told, problem=problem)
    _write_pages(documents, recent, staging / "pages")
    with (staging / _LOG).open("wb") as errors:
        try:
            process = subprocess.Popen(_command(binary, staging), stdout=subprocess.DEVNULL, stderr=errors)
        except OSError as error:
            return Run(told, problem=f"Pagefind cannot run here ({error})")
    return Run(told, pid=process.pid, process=process, staging=staging)


def _binary() -> tuple[str, str]:
    """Pagefind's binary (the package's choice: the extended build when installed), or why there is none."""
    try:
        from pagefind.service import get_executable  # which imports asyncio: a tenth of a second

        found = get_executable()
    except (ImportError, OSError) as error:
        return "", f"Pagefind cannot run here ({error})"
    return (str(found), "") if found is not None else ("", "no Pagefind binary is installed")


def _command(binary: str, staging: Path) -> list[str]:
    return [binary, "--site", str(staging / "pages"), "--output-path", str(staging / "bundle"), "--silent"]


_NOT_RUN = 120  # the exit code of a child that could not become Pagefind: its log says why


def _choose_and_become_pagefind(choose: Callable[[], Chosen[T]], staging: Path, told: int) -> NoReturn:
    """In the child: choose, tell the build, then write the pages and become Pagefind (or
    end, when there is nothing to index)."""
    try:
        _die_with_parent()
        chosen, documents, recent = choose()
        (staging / _TOLD).write_bytes(pickle.dumps(chosen, protocol=pickle.HIGHEST_PROTOCOL))
        os.close(told)
        if not documents:
            os._exit(0)
        binary, why = _binary()
        if binary:
            _write_pages(documents, recent, staging / "pages")
            errors = os.open(staging / _LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(errors, 2)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            if hasattr(os, "sched_setaffinity"):
                os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
            os.execv(binary, _command(binary, staging))
    except BaseException as error:  # in the child: report, and never return into the build
        why = f"Pagefind cannot run here ({error})"
    finally:
        with contextlib.suppress(OSError):
            (staging / _LOG).write_text(f"{why}\n", encoding="utf-8")
        os._exit(_NOT_RUN)


def _die_with_parent() -> None:
    """A build killed while indexing takes its Pagefind with it (Linux's parent-death
    signal), which would otherwise go on writing beside the output after the next build began."""
    libc = ctypes.util.find_library("c")
    if sys.platform.startswith("linux") and libc:
        ctypes.CDLL(libc).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1


def _write_pages(documents: dict[str, Document], recent: bool, folder: Path) -> None:
    for file, document in documents.items():
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(document, recent), encoding="utf-8")
