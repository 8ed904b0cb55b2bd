"""A deterministic generator of synthetic hubs in the content format, for benchmarks.

    python benchmarks/generate.py large /tmp/hub-large

Sizes follow a hub that has grown for years: monthly meetups with five talks each, every
speaker a member. `large` is about 10,000 pages (1,500 events, 6,000 talks, 1,500 members,
1,000 reports, 50 tags); `small` is a tenth of it and `xl` four times it. The same size
always gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

SIZES = {"small": 0.1, "large": 1.0, "xl": 4.0}
BASE = {"events": 1500, "members": 1500, "reports": 1000}
TALKS_PER_EVENT = 4
TAGS = [f"tag-{n:02d}" for n in range(40)] + [
    "コミュニティ",
    "勉強会",
    "DevRel",
    "LT",
    "運営",
    "OSS",
    "AI",
    "データ",
    "採用",
    "地域",
]
JA = [
    "コミュニティの運営では、参加者が次も来たくなる仕組みづくりが大切です。",
    "今回は事例を三つ紹介し、うまくいかなかった点も正直に共有しました。",
    "懇親会では登壇者を囲んで、質疑の続きが遅くまで盛り上がりました。",
    "初参加の方が半分以上で、受付の案内を見直すきっかけになりました。",
]
EN = [
    "We looked at how small meetups grow into lasting communities.",
    "The speaker shared numbers from two years of monthly events.",
    "Questions from the audience turned into a lively discussion.",
    "Slides and the recording are linked below.",
]


def body(rng: random.Random, title: str, related: str) -> str:
    """Prose, a list with a link out and one to a page of the hub (``related``), a table and code."""
    prose = " ".join(rng.choice(JA + EN) for _ in range(rng.randint(3, 6)))
    return (
        f"## {title}\n\n{prose}\n\n- {rng.choice(JA)}\n- {rng.choice(EN)}\n"
        f"- [資料](https://example.com/{rng.randint(1, 999)})\n- [関連]({related})\n\n"
        "| 項目 | 数 |\n|---|---|\n| 参加 | " + str(rng.randint(10, 120)) + " |\n\n"
        "```python\nprint('hello, community')\n```\n"
    )


def generate(size: str, target: Path) -> Path:
    scale = SIZES[size]
    rng = random.Random(f"commsite-{size}")
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    for kind in ("events", "members", "reports", "pages", "series"):
        (content / kind).mkdir(parents=True)
    (target / "site.yaml").write_text(
        "title: Benchmark Hub\nbase_url: https://example.github.io/bench/\nlanguage: ja\ntimezone: Asia/Tokyo\n",
        encoding="utf-8",
    )
    members = [f"member-{n:05d}" for n in range(int(BASE["members"] * scale))]
    for n, member in enumerate(members):
        listed = "" if n % 50 else "listed: false\n"
        (content / "members" / f"{member}.md").write_text(
            f"---\nname: メンバー {n}\nreading: めんばー {n:05d}\n{listed}---\n{rng.choice(JA)}\n", encoding="utf-8"
        )
    for series in ("study", "online", "book-club"):
        (content / "series" / f"{series}.md").write_text(f"---\ntitle: {series}\n---\n", encoding="utf-8")
    (content / "pages" / "about.md").write_text("---\ntitle: About\nmenu: 1\n---\nAbout this hub.\n", encoding="utf-8")
    events = []
    published = "/about/"  # the last event that is not a draft: each event's body links to it
    first = date(2015, 1, 10)
    for n in range(int(BASE["events"] * scale)):
        day = first + timedelta(days=3 * n)
        event_id = f"{day.isoformat()}-event-{n:05d}"
        events.append(event_id)
        title = f"勉強会 #{n} {rng.choice(['Community', 'DevRel', 'データ', '運営'])}"
        front = [f'title: "{title}"', f"series: {rng.choice(['study', 'online', 'book-club'])}"]
        front.append(f"tags: [{', '.join(rng.sample(TAGS, 3))}]")
        front.append(f"organisers: [{rng.choice(members)}]")
        if n % 97 == 0:
            front += [f"start: {day.isoformat()}", f"end: {(day + timedelta(days=1)).isoformat()}"]
        else:
            front += [f"start: {day.isoformat()} 19:00", f"end: {day.isoformat()} 21:30"]
            front.append("venue: {name: Hall, address: 東京都渋谷区1-2-3, lat: 35.66, lon: 139.70}")
        if n % 211 == 0 and n % 97:
            front.append('recurrence: {rule: "FREQ=WEEKLY", count: 4}')
        if n % 131 == 0:
            front.append("draft: true")
        if n % 3 == 0:  # attendance, as organisers fill it in after some events
            registered = rng.randint(20, 90)
            attended = rng.randint(registered // 2, registered)
            front.append(
                f"attendance: {{registered: {registered}, attended: {attended}, first_timers: {attended // 5}}}"
            )
        talks = ["talks:"]
        for t in range(TALKS_PER_EVENT):
            speaker = rng.choice(members)
            kind = "lightning" if t == TALKS_PER_EVENT - 1 else "talk"
            topic = rng.choice(["入門", "実践", "Deep dive"])
            talks.append(f'  - {{title: "Talk {n}-{t} {topic}", speakers: [{speaker}], kind: {kind}, duration: 20}}')
        if n % 97 == 0:
            talks = ["talks:"] + [line.replace(", duration: 20", "") for line in talks[1:]]
        text = "---\n" + "\n".join(front + talks) + "\n---\n" + body(rng, title, published)
        if n % 131:
            published = f"/events/event-{n:05d}/"
        if n % 113 == 0:  # a bundle, with its image beside it
            folder = content / "events" / event_id
            folder.mkdir()
            (folder / "index.md").write_text(text.replace("---\n", "---\nimage: cover.svg\n", 1), encoding="utf-8")
            (folder / "cover.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')
        else:
            (content / "events" / f"{event_id}.md").write_text(text, encoding="utf-8")
    for n in range(int(BASE["reports"] * scale)):
        event_id = events[n % len(events)]
        day = date.fromisoformat(event_id[:10]) + timedelta(days=2)
        external = f"external_url: https://blog.example.com/{n}\n" if n % 10 == 0 else ""
        (content / "reports" / f"{day.isoformat()}-report-{n:05d}.md").write_text(
            f'---\ntitle: "レポート {n}"\ndate: {day.isoformat()}\nevent: {event_id}\n'
            f"authors: [{rng.choice(members)}]\n"
            f"tags: [{rng.choice(TAGS)}]\n{external}---\n{body(rng, f'レポート {n}', '/events/')}",
            encoding="utf-8",
        )
    return target


def bilingual(hub: Path) -> Path:
    """The hub in two languages, Japanese first and English second: every other event
    translated (its title, its talks' titles and its body), and every other member's name;
    the rest left in Japanese, as real hubs are."""
    site = hub / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("language: ja\n", "languages: [ja, en]\n"), encoding="utf-8")
    events = sorted(path for path in (hub / "content" / "events").glob("*.md"))
    for n, original in enumerate(events[::2]):
        talks = "".join(f'  - {{title: "Talk {n}-{t} in English"}}\n' for t in range(TALKS_PER_EVENT))
        original.with_suffix(".en.md").write_text(
            f'---\ntitle: "Meetup {n}"\ntalks:\n{talks}---\nWhat the meetup is about, in English.\n', encoding="utf-8"
        )
    for original in sorted((hub / "content" / "members").glob("*.md"))[::2]:
        original.with_suffix(".en.md").write_text(f"---\nname: Member {original.stem}\n---\n", encoding="utf-8")
    return hub


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("target", type=Path)
    args = parser.parse_args()
    print(generate(args.size, args.target))


if __name__ == "__main__":
    main()
