"""Search, as a member uses it: the search page of the example hub in Debian's Chromium,
asking the Pagefind index the build wrote, under the deploy sub-path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from commsite.build import Built, build, check
from commsite.content.load import body_texts
from commsite.search.documents import Document, documents
from commsite.search.pagefind import character_pairs, page_html

from .conftest import NOW, MakeHub, copy_example_hub
from .support import axe_violations, browser_context, serve

BASE = "https://example.github.io/hub/"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    hub = copy_example_hub(tmp_path_factory.mktemp("search") / "hub")
    return build(hub, hub.parent / "site" / "hub", base_url=BASE, now=NOW)


@pytest.fixture(scope="module")
def site(example: Built) -> Iterator[str]:
    with serve(example.out.parent) as root:
        yield root + "hub/"


@pytest.fixture(scope="module")
def search_page(browser: Browser, site: str) -> Iterator[Page]:
    context = browser_context(browser, NOW, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site + "search/")
    page.wait_for_selector("form.search-page:not([hidden])")
    yield page
    context.close()


def search(page: Page, query: str, everything: bool = False) -> list[tuple[str, str]]:
    """Type a query into the search page: the results shown, as (title, link), in order;
    ``everything``: after showing more until there is no more."""
    page.evaluate("document.querySelector('.search-status').dataset.for = '-'")  # until this query's results
    page.fill("#search-query", query)
    page.wait_for_function("q => document.querySelector('.search-status').dataset.for === q", arg=query)
    while everything and page.locator(".search-more").is_visible():
        shown = page.locator(".search-result").count()
        page.click(".search-more")
        page.wait_for_function("n => document.querySelectorAll('.search-result').length > n", arg=shown)
    shown = page.eval_on_selector_all(
        ".search-result h2 a", "all => all.map(a => [a.textContent, a.getAttribute('href')])"
    )
    return [(title, target) for title, target in shown]


def status(page: Page) -> str:
    return page.locator(".search-status").inner_text()


def link(example: Built, kind: str, key: str) -> str:
    return "/hub/" + example.checked.plan.urls[kind, key] if example.checked else ""


# 30 queries a member would type, and the page they want first.
QUERIES = [
    # kanji compounds, which Pagefind's indexer splits and the browser keeps whole
    ("露天風呂", "露天風呂で決まった、来年の新企画"),
    ("成果報告", "コミュニティの成果報告書、テンプレートを公開します"),
    ("運営会議", "Discord のログ要約で、運営会議が30分短くなった"),
    ("規制業界", "規制業界のユーザーコミュニティ — 医療系プロダクトの場合"),
    ("夏祭り", "地域の夏祭りから学ぶ運営の分担"),
    ("稟議書", "稟議書に「コミュニティ」と書かずに通した話"),
    ("商店街", "商店街のマルシェをコミュニティにする"),
    # katakana loanwords, which the indexer keeps whole and the browser splits
    ("ハッカソン", "はじめてのハッカソン運営で失敗したこと全部"),
    ("オンボーディング", "学習者フォーラムのオンボーディング・チェックリスト"),
    ("ファンミーティング", "食品メーカーがファンミーティングを始めてみた"),
    ("モデレーター", "モデレーター募集、誰も来なかったので作戦を変えた"),
    ("スプレッドシート", "ハンズオン：スプレッドシートで作るコミュニティ指標ダッシュボード"),
    ("ペルソナ", "ワークショップ：ペルソナではなく「物語」でメンバーを描く"),
    # names: kanji, kana readings, with and without the space, an alias, a name in English
    ("佐藤 花子", "佐藤 花子"),
    ("さとう", "佐藤 花子"),
    ("はなぴ", "佐藤 花子"),
    ("鈴木健太", "鈴木 健太"),
    ("すずき", "鈴木 健太"),
    ("Priya", "Priya Nair"),
    # parts of words
    ("マネージャー", "生成 AI はコミュニティマネージャーの仕事をどう変えるか"),
    ("ログ要約", "Discord のログ要約で、運営会議が30分短くなった"),
    ("名札", "受付の名札を AI で作るのはやめました"),
    ("ファンベ", "『ファンベース』3分でおさらい"),
    # English words, and Japanese mixed with them
    ("Discord ロール", "Discord のロール設計、3回作り直した話"),
    ("connpass", "受付を5分短縮する connpass の小技"),
    ("ROI", "Measuring community ROI: a US–Japan comparison"),
    ("rituals", "What Tokyo taught me about community rituals"),
    ("A/B テスト", "イベント告知文の A/B テストやってみた"),
    ("GitHub Discussions", "Discord と GitHub Discussions、両方運用してみた"),
    ("Slack", "Slack から Discord に移って失ったもの"),
]


@pytest.mark.parametrize(("query", "wanted"), QUERIES, ids=[query for query, _ in QUERIES])
def test_thirty_queries_give_the_page_a_member_wants_first(search_page: Page, query: str, wanted: str) -> None:
    found = search(search_page, query)
    assert found, f"{query}: nothing found"
    assert found[0][0] == wanted, f"{query}: {[title for title, _ in found[:5]]}"


def test_the_thirty_queries_are_of_the_kinds_that_pagefind_alone_gets_wrong() -> None:
    assert len(QUERIES) == 30
    assert sum(1 for query, _ in QUERIES if character_pairs(query)) >= 10  # in Japanese


def test_every_talk_event_and_member_is_found_by_its_title_or_name(search_page: Page, example: Built) -> None:
    assert example.checked is not None
    site = example.checked.site
    items = [("talks", key, talk.title) for key, talk in site.talks.items()]
    items += [("events", key, event.title) for key, event in site.events.items()]
    items += [("members", key, member.name) for key, member in site.members.items() if member.listed]
    missed = []
    for kind, key, title in items:
        found = [target for _, target in search(search_page, title)[:5]]
        if link(example, kind, key) not in found:
            missed.append(f"{kind} {title!r}: {found}")
    assert missed == []


def test_every_item_is_found_by_each_of_its_tags(search_page: Page, example: Built) -> None:
    assert example.checked is not None
    site = example.checked.site
    tagged: dict[str, set[str]] = {}
    for kind in ("talks", "events"):
        for key, item in getattr(site, kind).items():
            for tag in item.tags:
                tagged.setdefault(tag, set()).add(link(example, kind, key))
    missed = {}
    for tag, wanted in tagged.items():
        found = {target for _, target in search(search_page, tag, everything=True)}
        if wanted - found:
            missed[tag] = sorted(wanted - found)
    assert missed == {}


@pytest.mark.parametrize("query", ["量子暗号", "zzzzqq"])
def test_a_query_with_no_match_says_so(search_page: Page, query: str) -> None:
    assert search(search_page, query) == []
    assert (
        status(search_page)
        == f"「{query}」に一致するページはありません。言葉を短くするか、絞り込みを外してみてください。"
    )


def test_results_show_kind_date_event_people_and_tags(search_page: Page) -> None:
    search(search_page, "運営会議")
    first = search_page.locator(".search-result").first
    assert first.locator(".badge").inner_text() == "発表"
    assert (
        first.locator(".meta")
        .inner_text()
        .endswith("2026-09-12 · CMC Study #11「AI 時代のコミュニティ運営」ハイブリッド開催 · 伊藤 大輔")
    )
    assert first.locator(".tags").inner_text() == "#AI #Discord #運営"


def test_results_are_filtered_by_kind_year_and_tag(search_page: Page, example: Built) -> None:
    search_page.select_option("select[name=kind]", "talks")
    talks = search(search_page, "コミュニティ", everything=True)
    assert talks and all("/events/" in target and target.count("/") > 4 for _, target in talks)
    assert set(search_page.locator(".search-result .badge").all_inner_texts()) == {"発表"}
    search_page.select_option("select[name=kind]", "")
    search_page.select_option("select[name=year]", "2025")
    in_2025 = search(search_page, "コミュニティ", everything=True)
    assert in_2025 and all(
        " 2025-" in f" {text}" for text in search_page.locator(".search-result .meta").all_inner_texts()
    )
    search_page.select_option("select[name=year]", "")
    # A tag alone, with no words: everything with the tag, newest first.
    search_page.fill("#search-query", "")
    search_page.select_option("select[name=tag]", "Discord")
    search_page.wait_for_function("() => document.querySelector('.search-status').textContent.endsWith('件')")
    assert "tag=Discord" in search_page.url
    dates = [text.split(" · ")[0].split()[-1] for text in search_page.locator(".search-result .meta").all_inner_texts()]
    assert dates and dates == sorted(dates, reverse=True)
    search_page.select_option("select[name=tag]", "")


def test_results_are_reached_with_the_keyboard(browser: Browser, site: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site)
    page.fill("#site-search", "ハッカソン")  # the box in the header
    page.keyboard.press("Enter")
    page.wait_for_url("**/hub/search/?q=*")
    page.wait_for_function("() => document.querySelector('.search-status').dataset.for === 'ハッカソン'")
    page.focus("#search-query")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "はじめてのハッカソン運営で失敗したこと全部"
    page.keyboard.press("Enter")
    page.wait_for_url("**/hub/events/study-06/**")
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_search_page_has_no_axe_violations_and_asks_nothing_outside(
    browser: Browser, site: str, width: int
) -> None:
    for scheme in ("light", "dark"):
        context = browser_context(browser, NOW, viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request, asked=asked: asked.append(request.url))
        page.goto(site + "search/?q=コミュニティ")
        page.wait_for_function("() => document.querySelector('.search-status').dataset.for === 'コミュニティ'")
        assert status(page) == "130件"
        assert axe_violations(page) == []
        assert [url for url in asked if not url.startswith(site)] == []
        context.close()


def test_the_english_site_searches_its_own_pages(browser: Browser, site: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site + "en/search/?q=camp")
    page.wait_for_function("() => document.querySelector('.search-status').dataset.for === 'camp'")
    titles = page.locator(".search-result h2 a").all_inner_texts()
    links = [one.get_attribute("href") for one in page.locator(".search-result h2 a").all()]
    assert "CMC Camp 2026 in Hakone" in titles
    assert all(str(target).startswith("/hub/en/") for target in links)
    assert page.locator(".search-status").inner_text().endswith("results")
    context.close()


def test_without_javascript_the_box_leads_to_the_archive(browser: Browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site)
    page.fill("#site-search", "Discord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hub/talks/?q=Discord")
    assert page.locator("h1").inner_text() == "発表アーカイブ"
    page.goto(site + "search/")
    assert page.get_by_text("検索には JavaScript が必要です").is_visible()
    assert page.get_by_role("link", name="発表").first.is_visible()
    context.close()


def test_japanese_is_cut_into_pairs_that_no_segmenter_changes() -> None:
    assert character_pairs("新幹線") == ["c35b02e79", "c2e794dda"]
    assert character_pairs("会議会議") == character_pairs("会議会")  # each pair once: 会議 議会
    assert character_pairs("佐藤 花子") == character_pairs("佐藤花子")  # a name with or without its space
    assert character_pairs("ｶﾞﾍﾞｰｼﾞ") == character_pairs("ガベージ")  # half-width katakana
    assert character_pairs("Discord のログ") == character_pairs("のログ")
    assert character_pairs("会") == []


# Builds and the index.


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(old, new), encoding="utf-8")


def find(browser: Browser, out: Path, query: str) -> list[str]:
    """The titles the search page of a built site shows for a query."""
    with serve(out.parent) as root:
        context = browser_context(browser, NOW)
        page = context.new_page()
        page.goto(f"{root}{out.name}/search/")
        page.wait_for_selector("form.search-page:not([hidden])")
        titles = [title for title, _ in search(page, query)]
        context.close()
    return titles


def index_files(out: Path) -> dict[str, float]:
    return {
        str(path.relative_to(out)): path.stat().st_mtime_ns for path in out.glob("pagefind*/**/*") if path.is_file()
    }


def test_an_edit_is_found_at_once_and_a_build_that_changes_nothing_indexes_nothing(
    browser: Browser, tmp_path: Path
) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    out = tmp_path / "site" / "hub"
    build(hub, out, base_url=BASE, now=NOW)
    before = index_files(out)
    again = build(hub, out, base_url=BASE, now=NOW)
    assert again.written == () and index_files(out) == before  # nothing written, nothing indexed
    event = hub / "content" / "events" / "2026-09-12-study-11.md"
    edit(event, "Discord のログ要約で、運営会議が30分短くなった", "Discord の議事録要約で、定例会が30分短くなった")
    build(hub, out, base_url=BASE, now=NOW)
    assert (out / "pagefind-recent").is_dir()  # only what changed was indexed
    assert {file: stamp for file, stamp in index_files(out).items() if file.startswith("pagefind/fragment")} == {
        file: stamp for file, stamp in before.items() if file.startswith("pagefind/fragment")
    }
    assert find(browser, out, "議事録要約")[0] == "Discord の議事録要約で、定例会が30分短くなった"
    assert "Discord のログ要約で、運営会議が30分短くなった" not in find(browser, out, "ログ要約")
    report = "読書会 #9 レポート：8か月越しの『コミュニティ・オブ・プラクティス』"
    assert report in find(browser, out, "8か月越し")
    (hub / "content" / "reports" / "2026-10-22-book-club-09-report.md").unlink()  # a page gone is not found either
    build(hub, out, base_url=BASE, now=NOW)
    assert report not in find(browser, out, "8か月越し")


def test_many_edits_make_the_index_whole_again(make_hub: MakeHub, tmp_path: Path) -> None:
    members = {f"content/members/m{number:03}.md": f"---\nname: メンバー {number}\n---\n" for number in range(250)}
    hub = make_hub(members)
    out = tmp_path / "site"
    build(hub, out, now=NOW)
    one = hub / "content" / "members" / "m000.md"
    one.write_text("---\nname: 新しい名前\n---\n", encoding="utf-8")
    build(hub, out, now=NOW)
    assert (out / "pagefind-recent").is_dir()
    for path in (hub / "content" / "members").glob("*.md"):  # more than the recent part may hold
        path.write_text(path.read_text("utf-8") + "自己紹介。\n", encoding="utf-8")
    build(hub, out, now=NOW)
    assert not (out / "pagefind-recent").exists()
    assert (out / "pagefind" / "commsite.json").read_text("utf-8") == '{"recent": null, "replaced": []}\n'


def test_a_machine_where_pagefind_cannot_run_gets_the_site_without_search(browser: Browser, tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    out = tmp_path / "site" / "hub"
    environment = {**os.environ, "PAGEFIND_BINARY_PATH": str(tmp_path / "no-such-pagefind")}
    command = [sys.executable, "-m", "commsite", "build", str(hub), "--out", str(out), "--base-url", BASE, "--strict"]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no search index was made") == 1
    assert "Traceback" not in result.stderr
    assert (out / "index.html").is_file() and not (out / "pagefind").exists()
    with serve(out.parent) as root:
        context = browser_context(browser, NOW)
        page = context.new_page()
        page.goto(root + "hub/search/")
        assert page.get_by_text("このサイトの検索はいま使えません").is_visible()
        context.close()


def test_a_hub_may_go_without_search(tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    (hub / "site.yaml").write_text((hub / "site.yaml").read_text("utf-8") + "search: false\n", encoding="utf-8")
    out = tmp_path / "site"
    build(hub, out, now=NOW)
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    assert 'role="search"' not in (out / "index.html").read_text("utf-8")


def test_pagefind_is_given_japanese_only_as_pairs_and_a_result_shows_it_as_written() -> None:
    # A single kana or kanji in what Pagefind indexes would have it load its Japanese dictionary
    # (1.3 s, 340 MB) on every run, an edit's too, to make words no query asks for.
    talk = Document(
        "events/study-05/talk/",
        "ja",
        "talks",
        "events/study-05/",
        "新幹線で学ぶ Rust 入門",
        "ガベージコレクションの話。GC tuning.",
        event="勉強会 #5",
        aka=("しんかんせん",),
        people=("佐藤 花子",),
        readings=("さとう はなこ",),
        tags=("Rust",),
    )
    html = page_html(talk)
    head, body = html.split("<body", 1)
    assert not re.search("[\u3041-\u30ff\u3400-\u9fff]", body), body  # no kana, no kanji
    for pairs in map(character_pairs, ("新幹線", "ガベージコレクション", "佐藤花子", "さとう", "勉強会")):
        assert all(pair in body for pair in pairs)
    assert "Rust" in body and "GC tuning." in body  # other words stay words
    assert 'data-pagefind-meta="title[content]" content="新幹線で学ぶ Rust 入門"' in head


def test_the_text_a_parse_took_out_of_each_body_is_what_search_documents_say(tmp_path: Path) -> None:
    # Taken out once per file and kept in the parse cache, so that an edit of one file does
    # not take the text out of every body again; a body without one has it taken out then.
    checked = check(copy_example_hub(tmp_path / "hub"), now=NOW)
    texts = body_texts(checked.parses)
    assert len(texts) > 100
    for language, edition in checked.editions.items():
        kept = documents(edition.site, edition.plan, language, texts)
        assert kept == documents(edition.site, edition.plan, language, {})
        assert any("Discord のログ要約で、運営会議が30分短くなった" in document.text for document in kept)
