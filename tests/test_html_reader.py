"""The HTML reader (`briefing/sources/htmltree.py`) gives the very Source the BeautifulSoup
reader it replaced gives (`tests/html_reference.py`): on every HTML page of the test suite, on
the generated news corpus, on hand-made traps and on seeded random pages; and it reads a page
without importing bs4. Where it was made to read more than that reader (JSON-LD dates, dates
in dropped boxes, role="main", live blogs: tests/test_html_dates_qa.py), those pages are left
out of the comparison."""

from __future__ import annotations

import ast
import importlib.util
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.model import Source
from briefing.sources import SourceError
from briefing.sources.base import decode_bytes
from briefing.sources.htmlpage import _LOOKS_LIKE_HTML, _declared_charset
from briefing.sources.htmltree import _CONTAINERS, _DROPPED, _LEAF_BLOCKS, page_source
from tests.conftest import ROOT, clean_env
from tests.html_reference import page_source as reference_source

pytestmark = pytest.mark.filterwarnings(
    "ignore::bs4.XMLParsedAsHTMLWarning", "ignore::bs4.MarkupResemblesLocatorWarning"
)

TESTS = Path(__file__).resolve().parent


def read(page_reader: Callable[[str, Path], Source], text: str) -> Source | str:
    """What a reader makes of a page: its Source, or the message it refuses the page with."""
    try:
        return page_reader(text, Path("page.html"))
    except SourceError as error:
        return f"SourceError: {error}"


def assert_same(text: str) -> None:
    assert read(page_source, text) == read(reference_source, text), text[:2000]


# --- the pages the test suite already reads ----------------------------------------------------

# The pages on which the reader reads more than the BeautifulSoup reader did (JSON-LD dates,
# dates in dropped boilerplate, role="main", furniture classes, live blogs): not compared.
_DEPARTURES = ("test_html_dates_qa.py", "test_language_region_qa.py")


def _suite_strings() -> dict[str, str]:
    """Each string literal of the test modules that the reader would take for HTML."""
    pages = {}
    for module in sorted(TESTS.glob("test_*.py")):
        if module.name == Path(__file__).name or module.name in _DEPARTURES:
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and _LOOKS_LIKE_HTML.search(node.value):
                pages[f"{module.name}:{node.lineno}"] = node.value
    return pages


def _suite_files() -> dict[str, str]:
    """The HTML files of tests/data and the page templates, decoded as the reader does."""
    files = [p for p in sorted((TESTS / "data").rglob("*")) if p.suffix in (".html", ".htm")]
    files += sorted((ROOT / "briefing" / "templates").glob("*.html"))
    pages = {}
    for path in files:
        data = path.read_bytes()
        pages[path.name] = decode_bytes(data, _declared_charset(data))
    return pages


SUITE = {**_suite_strings(), **_suite_files()}


def test_the_suite_has_html_pages() -> None:
    assert len(SUITE) >= 10
    assert {"ssrf.html", "not-really.html"} <= set(SUITE)


@pytest.mark.parametrize("name", sorted(SUITE))
def test_suite_pages_read_as_before(name: str) -> None:
    assert_same(SUITE[name])


# --- the generated news corpus -----------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    spec = importlib.util.spec_from_file_location("html_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("corpus")
    module.generate(folder, 300)
    return sorted(folder.glob("*.html"))


def test_corpus_pages_read_as_before(corpus_pages: list[Path]) -> None:
    assert len(corpus_pages) >= 30
    for path in corpus_pages:
        assert_same(path.read_text(encoding="utf-8"))


# --- hand-made traps ---------------------------------------------------------------------------

NASTY = {
    "empty": "",
    "whitespace": " \n\t ",
    "only a comment": "<!-- only -->",
    "doctype and comment": "<!DOCTYPE html><!-- nothing else -->",
    "empty html": "<html></html>",
    "only br": "<br>",
    "fragment": "hello <b>bold</b> world",
    "bom": "\ufeff<p>x</p>",
    "two boms": "\ufeff\ufeff<p>x</p>",
    "two boms before a title": "\ufeff\ufeff<title>T</title>",
    "xml declaration": '<?xml version="1.0" encoding="iso-8859-1"?><p>Café ü</p>',
    "meta charset": '<meta charset="windows-1252"><p>Café – “quoted” 日本</p>',
    "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                  "<p>Café</p>",
    "control characters": "<p>" + "".join(map(chr, range(1, 32))) + "</p><p>ok</p>",
    "c1 and non-characters": "<p>a\x7f\x80\x9fb\ufffe\uffffc</p>",
    "nul": '<p>a\x00b</p><p title="\x00">c</p>',
    "form feed between inlines": "<p>a<b>x</b>\x0c<b>y</b></p>",
    "form feed after a dropped element": "<p>a<nav>n</nav>\x0cb \x0c<aside></aside>c</p>",
    "comments with tails": "<p>a<!-- c -->b</p><div>x<!-- c -->y<b>z</b><!---->w</div>",
    "processing instruction": "<?php echo 1; ?><p>a<?pi x?>b</p>",
    "cdata": "<![CDATA[ cdata ]]><p>x<![CDATA[y]]>z</p>",
    "comment after the page": "<p>a</p><!-- trailing -->tail text",
    "entities": "<p>&nbsp;&amp;&lt;&#x41;&#0;&#xD800;&unknown; &eacute</p>",
    "entities in attributes": '<meta property="og:title" content="A &amp; B &eacute; &unknown; '
                              '&#x1F600;"><link rel="canonical" href="/a?b=1&amp;c=2&copy=3">'
                              '<p title="&quot;">x</p>',
    "nbsp": "<p>&nbsp;&nbsp;x&#160;y&#xA0;</p>",
    "br runs": "<p>a<br><br><br>b</p><div>c<br/>d</div><h2>e<br>f</h2>",
    "nested lists": "<ul><li>a<ul><li>b<ol><li><p>c</p></li></ol></li></ul></li></ul>",
    "table": "<table><caption>Cap</caption><tr><th>H</th><td>1<br>2</td></tr>"
             "<tr><td><p>p</p>t</td></tr></table>",
    "definition list": "<dl><dt>T<dd>D<dt>T2</dl>",
    "details": "<details><summary>S</summary>more text</details>",
    "blockquote with tail": "<blockquote><p>q1</p><p>q2</p>tail</blockquote>",
    "scripts in body": '<body><script>var a = "<p>not text</p>";</script><p>x</p>'
                       "<style>p {}</style></body>",
    "unclosed tags": "<div><p>unclosed<div>block<span>inline<p>next",
    "misnested": "<b><p>x</b>y</p><p><div>z</div></p>",
    "uppercase": "<DIV><P>UPPER<BR>CASE</P><ARTICLE><H2>Up</H2></ARTICLE></DIV>",
    "article in article": "<article><article><p>inner</p></article><p>outer</p></article>",
    "longer inner article": "<article><p>aaa</p><article><p>inner longer</p></article></article>",
    "articles tied but for whitespace": "<article><p>aa</p>\n\n\n</article>"
                                        "<article><p>aa</p> </article>",
    "articles tied the other way": "<article><p>aa</p> </article>"
                                   "<article><p>aa</p>\n\n\n</article>",
    "ruby counts for no length": "<article><p>a<rt>zzzzzzzz</rt></p></article>"
                                 "<article><p>abc</p></article>",
    "script counts for no length": "<article><p>a</p><script>xxxxxxxxxxxx</script></article>"
                                   "<article><p>abc</p></article>",
    "article in template": "<template><article><p>long long long</p></article></template>"
                           "<article><p>x</p></article>",
    "article hidden": "<main><p>main text</p></main><article hidden><p>x</p></article>",
    "article only boilerplate": "<article><aside>a</aside></article><main><p>main</p></main>",
    "article blank": "<article><p> </p></article><main><p>main</p></main><p>body</p>",
    "main only nav": "<main><nav>only nav</nav></main><p>body text</p>",
    "no body tag": "<html><head><title>T</title></head><p>no body tag</p></html>",
    "head only": "<head><title>x</title></head>",
    "text before html": "text before <html><body><p>x</p></body></html>",
    "two bodies": '<body class="a"><p>one</p></body><body class="b"><p>two</p></body>',
    "hidden second body": "<body><p>one</p></body><body hidden><p>two</p></body>",
    "hidden html": "<html hidden><body><p>x</p></body></html>",
    "page after html": "<p>x</p></html><p>y</p></html><p>z</p>",
    "article after html": "<html></html><article><p>late article</p></article>",
    "text after a hidden html": "<html hidden><body><p>x</p></body></html>text after",
    "meta after html": '<p>x</p></html><meta property="og:title" content="Late">',
    "two html tags": '<html lang="en-GB"><body><html lang="fr"><p>x</p></body></html>',
    "lang": '<html lang=" PT_br "><p>x</p></html>',
    "bad lang": '<html lang="12"><p>x</p></html>',
    "template": "<template><p>in template</p></template><p>out</p>",
    "noscript": "<noscript><p>no script</p></noscript><p>x</p>",
    "iframe": "<iframe><p>in iframe</p></iframe><p>after</p>",
    "xmp and plaintext": "<xmp><p>raw</p></xmp><p>x</p><plaintext><p>raw",
    "pre and textarea": "<pre>  a  \n\n  b  </pre><textarea>  </textarea>"
                        "<pre><b>x</b>   <b>y</b></pre>",
    "spaces in pre count": "<article><p>abcd</p></article>"
                           "<article><pre><b>x</b>     <b>y</b></pre></article>",
    "spaces in textarea count": "<article><p>abcd</p></article>"
                                "<article><textarea>x     </textarea><p>y</p></article>",
    "svg title": '<svg><title>svg title</title></svg><title>real | S</title>'
                 '<meta property="og:site_name" content="S"><p>x</p>',
    "two titles": "<title>A</title><title>B</title><p>x</p>",
    "title suffixes": '<meta property="og:site_name" content="Wire"><title>A — Wire</title>'
                      "<p>x</p>",
    "blank title and h1": "<title> </title><h1>  </h1><h1>Second</h1><p>x</p>",
    "h1 with markup": "<h1><!-- c -->A<br>B<script>s</script><rt>r</rt></h1><p>x</p>",
    "empty og title": '<meta property="og:title" content=""><title>T</title><p>x</p>',
    "namespaced tags": "<o:p>office</o:p><p>x</p><st1:place>P</st1:place><svg:rect/>",
    "office html": '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
                   "<p class=MsoNormal>a<o:p></o:p></p></body></html>",
    "canonical links": '<link rel="alternate canonical" href=" https://a/ ">'
                       '<link rel="canonical" href="https://b/"><p>x</p>',
    "canonical without href": '<link rel="canonical"><link rel="CANONICAL" href="https://b/">'
                              "<p>x</p>",
    "canonical empty href": '<link rel="canonical" href=""><meta property="og:url" '
                            'content="https://og/"><p>x</p>',
    "canonical in nav": '<nav><link rel="canonical" href="https://nav/"></nav>'
                        '<meta property="og:url" content="u"><p>x</p>',
    "publisher in nav": '<nav><meta name="publisher" content="In nav"></nav>'
                        '<meta name="publisher" content="Out"><p>x</p>',
    "blank publisher": '<meta name="publisher" content="  "><meta name="publisher" content="P2">'
                       "<p>x</p>",
    "meta case": '<meta name=" Author " content="A"><meta NAME="DESCRIPTION" content="D">'
                 '<meta name="keywords" content="k1,  k2"><meta property="ARTICLE:SECTION" '
                 'content="World"><p>x</p>',
    "meta without content": '<meta name="author"><meta name="author" content="B"><p>x</p>',
    "itemprop text": '<div itemprop="datePublished"> 3 <b>March</b> <!--x--> 2024 </div><p>x</p>',
    "itemprop with script": '<div itemprop="datePublished"><script>2024</script>05-06</div>'
                            "<p>x</p>",
    "itemprop case": '<span itemprop="datepublished" content="2024-01-01"></span><p>x</p>',
    "time elements": '<time datetime="bad"></time><time datetime="2024-02-02">x</time><p>y</p>',
    "time outside the article": '<article><time datetime="2024-02-02">x</time><p>y</p>'
                                '</article><time datetime="2023-01-01">z</time>',
    "invalid date only": '<meta name="date" content="2025-13-45"><p>x</p>',
    "dc date": '<meta name="DC.date.issued" content="2024-03-01"><p>x</p>',
    "dateline": "<p>PARIS, 8 January 2025</p><p>Talks ended.</p>",
    "article header kept": "<article><header><h1>Head</h1><nav>n</nav></header><p>b</p></article>",
    "article in header": "<header><article><p>inside header</p></article></header><p>out</p>",
    "header in section": "<article><section><header>kept</header></section></article>",
    "roles": '<div role="navigation">n</div><div role="main navigation">m</div>'
             '<div role="NAVIGATION\n">k</div><p>x</p>',
    "hidden and role inline": "<p><span hidden>h</span>visible<span role=navigation>n</span> "
                              "after</p>",
    "nav in p": "<p>a<nav>n</nav>b</p>",
    "form": "<form><p>in form</p></form><p>out</p>",
    "select": "<select><option>a<option>b</select><p>x</p>",
    "long text": "<p>" + "é" * 100_000 + "</p>",
    "text over 10 MB": "<p>" + "a" * 10_000_100 + "</p><p>after</p>",
    "comment over 10 MB": "<p>a<!--" + "c" * 10_000_100 + "-->b</p><p>after</p>",
    "attribute over 10 MB": '<meta name="author" content="' + "a" * 10_000_100 + '"><p>x</p>',
    "many attributes": "<p " + " ".join(f"a{i}=1" for i in range(20_000)) + ' role="x">x</p>',
    "namespaced attributes": "<p {x}hidden>h</p><div {x}role=navigation>n</div>"
                             "<p {}=1 {a}=2 b=3 {b}role=navigation>after</p><p>x</p>",
    "deep divs": "<div>" * 300 + "deep text" + "</div>" * 300 + "<p>after</p>",
    "deep inline": "<span>" * 1500 + "deep text" + "</span>" * 1500 + "<p>after</p>",
    "unclosed b": "<b>" * 3000 + "x",
    "deep article": "<article>" + "<b>" * 3000 + "x<script>s</script><rt>r</rt><br>y",
    "deep h1": "<h1>" + "<b>" * 3000 + "x<br>y<rt>r</rt>" + "</b>" * 3000 + "z</h1>",
    "deep itemprop": "<div itemprop=datePublished>" + "<b>" * 3000 + "2024<rt>x</rt>-01-02",
    "doctype inside text": "<h1>a<!DOCTYPE x>b</h1><p>c<!doctype y>\x0c<!DocType z>d</p>",
    "doctype parts blanks": "<article><p>aa</p>  <!DOCTYPE x>  </article>"
                            "<article><p>aa</p>\n\n\n\n</article>",
    "doctype in itemprop": '<div itemprop="datePublished"> 3 March<!DOCTYPE x>2024 </div><p>x</p>',
    "doctype not a doctype": "<title>a<!DOCTYPE x>b</title><textarea><!doctype y></textarea>"
                             '<p title="<!DOCTYPE z>"><!-- <!doctype --><script>"<!DOCTYPE"'
                             "</script>x</p>",
    "doctype with quotes": '<p>a<!DOCTYPE y PUBLIC "a>b" \'c\'>d</p>',
    "two documents": "<!DOCTYPE html><html><body><p>one</p></body></html>\n"
                     "<!DOCTYPE html><html><body><p>two</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(NASTY))
def test_nasty_pages_read_as_before(name: str) -> None:
    assert_same(NASTY[name])


# --- seeded random pages -----------------------------------------------------------------------

_INLINE = ("span", "b", "i", "a", "em", "code", "sup", "rt", "rp", "ruby", "time", "label", "img",
           "wbr", "textarea", "title", "meta", "link", "h1", "main", "article", "body", "head")
_TEXTS = ("On 8 January 2025 the talks ended.", "  ", "\n", "\t\n  ", "\x0c", " a ", "b",
          "x\xa0y", "&amp; &nbsp;&copy;", "&lt;p&gt;", "2024-03-01", "\r\n", " \x0c\n", "\u2028",
          "\x00")
_MARKUP = ("<!-- c -->", "<!---->", "<?pi x?>", "<![CDATA[cd]]>", "<!DOCTYPE html>", "<br>",
           "<br/>", "<hr>", "</p>", "</div>", "<p>", "<li>", "</body>", "<body>",
           "<html lang=de>", "</html>")
_ATTRIBUTES = (
    " hidden", ' role="navigation"', ' role=" Navigation "', ' class="x y"', ' lang="fr"',
    ' itemprop="datePublished" content="2024-05-06"', ' itemprop="datePublished"',
    ' datetime="2023-02-03"', ' datetime="not a date"', ' property="og:title" content="OG"',
    ' name="DATE" content="2020-01-02"', ' name="author" content=" A  B "',
    ' rel="Canonical stylesheet" href="https://x/y"', ' rel="canonical" href=""',
    ' property="og:site_name" content="Wire"', ' name="publisher" content="Pub"',
    ' property="og:url" content="https://og/url"', ' HIDDEN=""', " Role=navigation",
)
_TAGS = (*sorted(_LEAF_BLOCKS), *sorted(_CONTAINERS), *sorted(_DROPPED), *_INLINE)


def _random_node(rnd: random.Random, depth: int) -> str:
    draw = rnd.random()
    if depth > 5 or draw < 0.3:
        return rnd.choice(_TEXTS)
    if draw < 0.37:
        return rnd.choice(_MARKUP)
    tag = rnd.choice(_TAGS)
    tag = tag.upper() if rnd.random() < 0.1 else tag
    attributes = rnd.choice(_ATTRIBUTES) if rnd.random() < 0.4 else ""
    inner = "".join(_random_node(rnd, depth + 1) for _ in range(rnd.randrange(4)))
    end = f"</{tag}>" if rnd.random() < 0.85 else ""
    return f"<{tag}{attributes}>{inner}{end}"


def _random_page(rnd: random.Random) -> str:
    body = "".join(_random_node(rnd, 0) for _ in range(rnd.randrange(1, 8)))
    if rnd.random() < 0.5:
        return body
    head = "".join(rnd.choice((
        "<title>T | Wire</title>", '<meta property="og:site_name" content="Wire">',
        '<meta name="description" content="D">', '<meta name="dc.date" content="2025-13-45">',
        '<link rel="canonical" href="https://c/">', '<meta property="og:title" content="">',
    )) for _ in range(rnd.randrange(4)))
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_random_pages_read_as_before() -> None:
    rnd = random.Random(20250108)
    for _ in range(500):
        assert_same(_random_page(rnd))


_DOCTYPES = ("<!DOCTYPE html>", "<!doctype x>", "<!DocType y PUBLIC \"a>b\" 'c'>",
             "<!DOCTYPEhtml>", "<!DOCTYPE", "<!doctype >")
_PIECES = ("a", "b", " ", "  ", "\n", "\x0c", "2024", "-03-01", "<h1>", "</h1>", "<p>", "</p>",
           "<article>", "</article>", "<title>", "</title>", "<textarea>", "</textarea>",
           "<script>", "</script>", "<!-- ", " -->", "<span itemprop=datePublished>", "</span>",
           "</html>", "<html>", "<body>", "</body>", "<a title='", "'>", "<xmp>", "</xmp>",
           "<pre>", "</pre>", "<b>", "</b>", "<!x>", "<svg><title>", "</title></svg>")


def test_random_pages_with_doctypes_read_as_before() -> None:
    rnd = random.Random(8)
    for _ in range(300):
        assert_same("".join(rnd.choice(_DOCTYPES) if rnd.random() < 0.25 else rnd.choice(_PIECES)
                            for _ in range(rnd.randrange(1, 40))))


# --- imports -----------------------------------------------------------------------------------

_READ_PAGE = """
import sys
from pathlib import Path
from briefing.sources import read_source
print(read_source(Path(sys.argv[1])).blocks[0].text)
print("bs4" in sys.modules)
"""


def test_reading_a_page_does_not_import_bs4(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<html><body><p>On 8 January 2025 they met.</p></body></html>",
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _READ_PAGE, str(page)], capture_output=True,
                            text=True, env=clean_env(), timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["On 8 January 2025 they met.", "False"]
