"""The HTML reader's page date and main text on the pages a QA pass found misread: JSON-LD
dates, dates in dropped boilerplate, "updated" before "published", ``role="main"``, site
furniture in classed boxes, and the posts of a live blog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.extract import extract_events
from briefing.model import Source
from briefing.sources import read_source
from tests.conftest import run_cli


def read_page(tmp_path: Path, html: str, name: str = "page.html") -> Source:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return read_source(path)


def reference(source: Source) -> str | None:
    return source.reference.value if source.reference is not None else None


def texts(source: Source) -> list[str]:
    return [block.text for block in source.blocks]


def event_dates(source: Source) -> dict[str, str]:
    """{sentence: date} of the source's events."""
    events, _ = extract_events(source)
    return {event.sentence: event.date.value for event in events}


def linked_data(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- 1. the page date ---------------------------------------------------------------------------

JSONLD_PAGE = (
    "<!DOCTYPE html><html><head><title>Grain deal | Example Times</title>"
    + linked_data({"@context": "https://schema.org", "@type": "NewsArticle",
                   "datePublished": "2024-07-12T08:00:00+01:00",
                   "dateModified": "2024-07-13T10:00:00+01:00"})
    + "</head><body><header><nav><a href='/'>Home</a></nav></header>"
    "<div class='story'><h1>Ministers agree on grain deal</h1>"
    "<p>Agriculture ministers agreed yesterday on a deal to reopen grain exports.</p></div>"
    "<div class='sidebar-related'><h3>Most read</h3>"
    "<p><time datetime='2019-03-02'>2 March 2019</time> Storm hits coast</p></div>"
    "<footer>© 2024 Example Times</footer></body></html>"
)


def test_json_ld_date_published_dates_the_page_not_a_sidebar_time(tmp_path: Path) -> None:
    source = read_page(tmp_path, JSONLD_PAGE)
    assert reference(source) == "2024-07-12"
    assert source.reference_origin == "metadata"
    assert event_dates(source) == {
        "Agriculture ministers agreed yesterday on a deal to reopen grain exports.": "2024-07-11",
    }


def test_json_ld_dates_the_page_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "amp.html").write_text(
        '<!doctype html><html lang="en"><head><title>Quake strikes region</title>'
        + linked_data({"@type": "NewsArticle", "datePublished": "2023-02-06T06:00:00Z"})
        + "</head><body><article><h1>Quake strikes region</h1><p>A powerful earthquake struck"
        " the region early on Monday, officials said.</p></article></body></html>",
        encoding="utf-8")
    result = run_cli("events", "--sources", str(folder))
    assert result.returncode == 0, result.stderr
    assert [event["date"]["value"] for event in json.loads(result.stdout)] == ["2023-02-06"]


def _ld_page(*scripts: str, body: str = "<article><p>Talks went on.</p></article>") -> str:
    return f"<html><head><title>T</title>{''.join(scripts)}</head><body>{body}</body></html>"


@pytest.mark.parametrize(("html", "expected"), [
    pytest.param(_ld_page(linked_data({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Wire"},
        {"@type": "NewsArticle", "datePublished": "2024-03-05"}]})), "2024-03-05", id="@graph"),
    pytest.param(_ld_page(linked_data([{"@type": "BreadcrumbList"},
                                       {"@type": "Article", "datePublished": "2024-03-06"}])),
                 "2024-03-06", id="list of objects"),
    pytest.param(_ld_page(linked_data({"dateModified": "2024-04-01",
                                       "dateCreated": "2024-03-07"})),
                 "2024-03-07", id="dateCreated before dateModified"),
    pytest.param(_ld_page('<script type="application/ld+json">{"datePublished": </script>',
                          linked_data({"datePublished": "2024-03-08"})),
                 "2024-03-08", id="a broken script skipped"),
    pytest.param(_ld_page(linked_data({"dateModified": "2024-04-01"})),
                 "2024-04-01", id="dateModified when nothing else"),
])
def test_json_ld_publication_date(tmp_path: Path, html: str, expected: str) -> None:
    assert reference(read_page(tmp_path, html)) == expected


@pytest.mark.parametrize(("html", "expected"), [
    pytest.param(_ld_page(linked_data({"dateModified": "2024-04-01"}),
                          body='<article><time datetime="2024-02-01">1 Feb</time>'
                               "<p>Talks went on.</p></article>"),
                 "2024-02-01", id="a time before dateModified"),
    pytest.param(_ld_page(linked_data({"dateModified": "2024-04-01"}),
                          body="<p>Published 3 March 2024</p><p>Talks went on.</p>"),
                 "2024-03-03", id="a dateline before dateModified"),
    pytest.param(_ld_page('<meta property="article:published_time" content="2024-01-09">',
                          linked_data({"datePublished": "2024-03-05"})),
                 "2024-01-09", id="article:published_time first"),
])
def test_json_ld_keeps_its_place(tmp_path: Path, html: str, expected: str) -> None:
    assert reference(read_page(tmp_path, html)) == expected


def test_a_time_in_an_aside_of_the_article_does_not_date_it(tmp_path: Path) -> None:
    source = read_page(tmp_path, (
        "<html><head><title>Vote delayed</title></head><body><article><h1>Vote delayed</h1>"
        "<p>The vote was delayed yesterday after a procedural objection.</p>"
        '<aside><h3>Read more</h3><p><time datetime="2019-01-01">1 Jan 2019</time> Old story'
        "</p></aside></article></body></html>"))
    assert reference(source) is None
    assert event_dates(source) == {}


@pytest.mark.parametrize("furniture", [
    '<nav><time datetime="2019-01-01">1 Jan</time></nav>',
    '<footer>Site updated <time datetime="2019-01-01">1 Jan</time></footer>',
    '<div class="most-read"><p><time datetime="2019-01-01">1 Jan</time> Old story</p></div>',
    '<aside><time itemprop="datePublished" datetime="2019-01-01">1 Jan</time></aside>',
])
def test_a_time_in_dropped_boilerplate_does_not_date_the_page(
    tmp_path: Path, furniture: str,
) -> None:
    html = f"<html><body>{furniture}<p>The vote was delayed.</p></body></html>"
    assert reference(read_page(tmp_path, html)) is None


def test_a_time_in_the_text_kept_still_dates_the_page(tmp_path: Path) -> None:
    html = ('<html><body><nav><time datetime="2019-01-01">1 Jan</time></nav><main>'
            '<p>By Jo <time datetime="2024-06-02">2 June</time></p><p>Text.</p></main></body>'
            "</html>")
    assert reference(read_page(tmp_path, html)) == "2024-06-02"


UPDATED_FIRST = (
    "<html><head><title>Vote delayed</title></head><body><article><h1>Vote delayed</h1>"
    '<p class="meta">Updated <time datetime="2025-05-03T10:00">3 May 2025</time> · Published '
    '<time datetime="2025-05-01T09:00">1 May 2025</time></p>'
    "<p>The vote was delayed yesterday after a procedural objection.</p></article></body></html>"
)


def test_the_published_time_is_preferred_to_the_updated_one(tmp_path: Path) -> None:
    source = read_page(tmp_path, UPDATED_FIRST)
    assert reference(source) == "2025-05-01"
    assert event_dates(source)[
        "The vote was delayed yesterday after a procedural objection."] == "2025-04-30"


@pytest.mark.parametrize(("times", "expected"), [
    pytest.param('<time class="updated" datetime="2025-05-03">3 May</time> '
                 '<time class="entry-date published" datetime="2025-05-01">1 May</time>',
                 "2025-05-01", id="class"),
    pytest.param('<time itemprop="dateModified" datetime="2025-05-03">3 May</time> '
                 '<time datetime="2025-05-01">1 May</time>', "2025-05-01", id="itemprop"),
    pytest.param('<b>Last updated:</b> <time datetime="2025-05-03">3 May</time> | '
                 '<time datetime="2025-05-01">1 May</time>', "2025-05-01", id="label before"),
    pytest.param('<time datetime="2025-05-03">Modified 3 May</time> '
                 '<time datetime="2025-05-01">Posted 1 May</time>', "2025-05-01",
                 id="label inside"),
    pytest.param('<time class="published updated" datetime="2025-05-03">3 May</time> '
                 '<time datetime="2025-05-01">1 May</time>', "2025-05-03",
                 id="published and updated: published"),
])
def test_a_time_marked_published_beats_one_marked_updated(
    tmp_path: Path, times: str, expected: str,
) -> None:
    html = f"<html><body><article><p>{times}</p><p>Talks went on.</p></article></body></html>"
    assert reference(read_page(tmp_path, html)) == expected


def test_published_in_prose_does_not_beat_the_byline(tmp_path: Path) -> None:
    prose = ("The committee's report, which was published on <time datetime='2023-01-05'>5 "
             "January 2023</time>, found that the port had been short of staff for years, and"
             " that nothing had been done about it since the strike of the year before.")
    html = (f"<html><body><article><p><time datetime='2024-06-02'>2 June 2024</time></p>"
            f"<p>{prose}</p></article></body></html>")
    assert reference(read_page(tmp_path, html)) == "2024-06-02"


# --- 2. role="main" and site furniture ------------------------------------------------------------

ROLE_MAIN = (
    '<html><head><title>Port strike</title><meta name="date" content="2024-10-01"></head><body>'
    '<div class="site-header"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a>'
    "</li></ul><p>Breaking: markets closed on 30 September 2024 after outage</p></div>"
    '<div role="main"><h1>Port strike begins</h1><p>Dockworkers walked out at midnight on '
    "Tuesday, halting traffic at 36 ports.</p></div>"
    '<div class="related"><h2>Related</h2><p>Port talks collapse (12 September 2024)</p></div>'
    "</body></html>"
)


def test_role_main_is_the_main_content(tmp_path: Path) -> None:
    source = read_page(tmp_path, ROLE_MAIN)
    assert texts(source) == [
        "Port strike begins",
        "Dockworkers walked out at midnight on Tuesday, halting traffic at 36 ports.",
    ]
    assert list(event_dates(source).values()) == ["2024-10-01"]


def test_furniture_boxes_are_dropped(tmp_path: Path) -> None:
    source = read_page(tmp_path, (
        "<html><head><title>Index</title></head><body>"
        '<div class="nav"><ul><li><a href="/a">Home</a></li><li><a href="/b">Politics</a></li>'
        "</ul></div>"
        '<div class="trending"><ul><li><a href="/2">Markets fall on 5 March 2025</a></li>'
        "</ul></div><p>Short teaser: talks collapsed on 4 March 2025.</p>"
        '<div class="footer">© 2025 Example Media. Site updated 6 March 2025.</div>'
        '<ul id="main-menu"><li>About</li></ul><section class="c-sidebar__box">Ads</section>'
        "</body></html>"))
    assert texts(source) == ["Short teaser: talks collapsed on 4 March 2025."]


@pytest.mark.parametrize("box", [
    '<div class="subheader">Kept text.</div>',
    '<div class="navigational">Kept text.</div>',
    '<div class="has-sidebar">Kept text.</div>',
    '<div class="content-sidebar-wrap">Kept text.</div>',
    '<div class="post-header"><h1>Kept text.</h1></div>',
])
def test_boxes_that_are_not_furniture_are_kept(tmp_path: Path, box: str) -> None:
    source = read_page(tmp_path, f"<html><body>{box}<p>Body.</p></body></html>")
    assert texts(source) == ["Kept text.", "Body."]


def test_furniture_boxes_never_drop_the_article(tmp_path: Path) -> None:
    source = read_page(tmp_path, (
        '<html><body><div class="sidebar-nav-page"><article><div class="entry-header">'
        "<p>Byline</p></div><p>Body.</p><div class='related'><p>Other story</p></div>"
        "</article></div></body></html>"))
    assert texts(source) == ["Byline", "Body."]


# --- 3. several articles ------------------------------------------------------------------------

LIVE_BLOG = (
    '<html lang="en"><head><title>Election night live</title>'
    '<meta property="article:published_time" content="2024-11-05T18:00:00-05:00"></head><body>'
    "<main><h1>Election night: live updates</h1>"
    '<article class="post"><p>Polls closed in California at 11 pm.</p></article>'
    '<article class="post"><p>Polls closed in Texas.</p></article>'
    '<article class="post"><p>The first results came in from Georgia on Tuesday evening, with '
    "turnout above 2020 levels in several counties.</p></article></main></body></html>"
)


def test_the_posts_of_a_live_blog_are_all_read_in_order(tmp_path: Path) -> None:
    assert texts(read_page(tmp_path, LIVE_BLOG)) == [
        "Polls closed in California at 11 pm.",
        "Polls closed in Texas.",
        "The first results came in from Georgia on Tuesday evening, with turnout above 2020"
        " levels in several counties.",
    ]


@pytest.mark.parametrize("teasers", [
    "<aside><article><p>Teaser one.</p></article><article><p>Teaser two.</p></article></aside>",
    "<div class='related'><article><p>Teaser one.</p></article></div>",
    "<section><article><p>Teaser one.</p></article><article><p>Teaser two.</p></article>"
    "</section>",
])
def test_teaser_articles_beside_the_story_are_not_read(tmp_path: Path, teasers: str) -> None:
    html = (f"<html><body><main><article><p>The long story of the day, told at length.</p>"
            f"</article>{teasers}</main></body></html>")
    assert texts(read_page(tmp_path, html)) == ["The long story of the day, told at length."]


def test_articles_outside_the_main_content_still_give_the_longest(tmp_path: Path) -> None:
    html = ("<html><body><article><p>Short.</p></article>"
            "<article><p>The longer one.</p></article></body></html>")
    assert texts(read_page(tmp_path, html)) == ["The longer one."]
