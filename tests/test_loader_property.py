"""Whatever organisers write, loading either succeeds or reports commsite's own errors:
no other exception ever escapes (hypothesis generates the front matter and bodies)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsite import BuildFailed, check

from .conftest import NOW

FIELDS = [
    "title",
    "start",
    "end",
    "timezone",
    "status",
    "venue",
    "online",
    "talks",
    "speakers",
    "recurrence",
    "rule",
    "until",
    "count",
    "except",
    "tags",
    "organisers",
    "agenda",
    "time",
    "image",
    "slug",
    "draft",
    "name",
    "date",
    "event",
    "authors",
    "menu",
    "capacity",
    "attendance",
    "kind",
    "duration",
    "extra",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-12-01",
            "2026-12-01 19:00",
            "19:10",
            "2025-02-30",
            "9999-12-31",
            "Asia/Tokyo",
            "FREQ=MONTHLY;BYDAY=3TH",
            "FREQ=WEEKLY;INTERVAL=0",
            "../x",
            "cancelled",
            "lightning",
            "https://example.com/",
            "sato",
            "#tag",
            "0001-01-01T00:00:00+14:00",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=5),
    max_leaves=20,
)
FRONT_MATTER = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), VALUES, max_size=10)
KINDS = st.sampled_from(["events", "members", "reports", "pages", "series"])
RAW = st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.decode("latin-1")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=KINDS, front=FRONT_MATTER, body=st.text(max_size=200), raw=st.booleans(), junk=RAW)
def test_loading_succeeds_or_raises_only_build_failed(
    kind: str, front: dict[str, object], body: str, raw: bool, junk: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        hub = Path(folder)
        (hub / "site.yaml").write_text("title: Hub\nbase_url: https://example.github.io/hub/\n", encoding="utf-8")
        path = hub / "content" / kind / "item.md"
        path.parent.mkdir(parents=True)
        text = junk if raw else "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        try:
            check(hub, now=NOW)
        except BuildFailed as failure:
            assert failure.errors and all(error.message for error in failure.errors)
