"""Long timelines laid out in parts (briefing/render/chunked.py), on a moderate case with small
parts: the joined PDF reads as one document (pages, "Page X of Y", outline, links, text, tags)
and is reproducible. Figures for 10,000 events: benchmarks/long_timeline.py."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.model import Chronology, Citation, DateValue, Event, Precision, Source
from briefing.pipeline import Settings, _render
from briefing.render import chunked
from briefing.views import build_timeline

EVENTS = 150
PART = 30


def chronology(events: int = EVENTS) -> Chronology:
    """`events` events over three years (3 to 6 a month, some days with several), 6 sources."""
    sources = tuple(
        Source(path=f"s{n}.md", name=f"s{n}.md", title=f"Source number {n}", blocks=(),
               reference=DateValue("2024-12-31", Precision.DAY, date(2024, 12, 31),
                                   date(2024, 12, 31)),
               reference_origin="metadata", url=f"https://example.org/{n}")
        for n in range(1, 7))
    day = date(2022, 1, 3)
    items = []
    for i in range(events):
        day += timedelta(days=(i * 7) % 11)
        source = sources[i % 6]
        items.append(Event(
            date=DateValue(day.isoformat(), Precision.DAY, day, day),
            summary=f"Event {i:04d}: the council met about item {i}",
            sentence=f"On that day the council met about item {i} and the harbour budget, "
                     f"which the board had sent back twice before the vote.",
            citations=(Citation(source=source.name, title=source.title, paragraph=i + 1),),
            date_text=day.isoformat()))
    return Chronology(events=tuple(items), undated=(), sources=sources)


def render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, chunk: bool = True,
           name: str = "out") -> tuple[bytes, int]:
    monkeypatch.setattr(chunked, "CHUNKED_MIN_EVENTS", 10 if chunk else 10**9)
    monkeypatch.setattr(chunked, "PART_EVENTS", PART)
    settings = Settings(out=tmp_path / name, kinds=("timeline",), formats=("pdf",), jobs=2)
    settings.out.mkdir()
    [output] = _render(settings, chronology(), "Harbour council", "31 December 2024",
                       datetime(2025, 1, 1, tzinfo=UTC))
    return output.path.read_bytes(), output.pages or 0


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        return render(tmp_path_factory.mktemp("joined"), monkeypatch)


def test_parts_hold_every_event_once_with_headings_not_repeated() -> None:
    view = build_timeline(chronology(), "T", "today")
    parts = chunked.plan_parts(view, PART)
    assert len(parts) > 3
    assert [p.first for _, p in parts] == [True] + [False] * (len(parts) - 1)
    assert [p.last for _, p in parts] == [False] * (len(parts) - 1) + [True]
    seen = [e.summary for v, _ in parts for y in v.years for m in y.months for d in m.days
            for e in d.events]
    assert seen == [e.summary for y in view.years for m in y.months for d in m.days
                    for e in d.events]
    assert all(p.events <= 3 * PART for _, p in parts)
    # a month is headed once in the whole document
    months = [m.label for v, _ in parts for y in v.years for m in y.months if m.label]
    assert months == [m.label for y in view.years for m in y.months]
    years = [y.label for v, p in parts for i, y in enumerate(v.years)
             if not (i == 0 and p.continues_year)]
    assert years == [y.label for y in view.years]


def test_single_day_of_many_events_is_still_cut() -> None:
    one_day = Chronology(events=tuple(
        Event(DateValue("2024-05-01", Precision.DAY, date(2024, 5, 1), date(2024, 5, 1)),
              f"e{i}", f"e{i}.", (Citation("a", "A", i),)) for i in range(100)),
        undated=(), sources=(Source("a", "a", "A", ()),))
    parts = chunked.plan_parts(build_timeline(one_day, "T", "today"), 10)
    assert len(parts) == 4 and sum(p.events for _, p in parts) == 100
    assert [d.label for v, _ in parts for y in v.years for m in y.months for d in m.days] == \
        ["1 May 2024", None, None, None]


def test_page_numbers_run_over_the_whole_document(joined: tuple[bytes, int]) -> None:
    data, pages = joined
    reader = PdfReader(__import__("io").BytesIO(data))
    assert len(reader.pages) == pages > 5
    view = build_timeline(chronology(), "T", "today")
    assert len(chunked.plan_parts(view, PART)) > 3  # really joined from parts
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert "Harbour council" in text  # the running title, in every part


def test_outline_links_text_and_metadata(joined: tuple[bytes, int]) -> None:
    data, _ = joined
    reader = PdfReader(__import__("io").BytesIO(data))
    view = build_timeline(chronology(), "T", "today")

    outline: list[tuple[int, str]] = []
    texts = [p.extract_text().casefold() for p in reader.pages]  # headings may be upper-cased

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                outline.append((depth, item.title))
                # each bookmark leads to the page where its heading is
                page = reader.get_destination_page_number(item)
                heading = f"{item.title}\n".casefold()
                assert heading in texts[page]
                if depth == 1 or item.title == "Sources":  # months, appendix: first heading
                    assert all(heading not in t for t in texts[:page])

    walk(reader.outline, 0)
    expected = [(0, "Harbour council")] if outline and outline[0][1] == "Harbour council" \
        else []
    for year in view.years:
        expected.append((0, year.label))
        expected.extend((1, m.label) for m in year.months if m.label)
    expected.append((0, "Sources"))
    assert [o for o in outline if o[1] != "Harbour council"] == \
        [e for e in expected if e[1] != "Harbour council"]

    # every citation links to its entry in the sources appendix (named destinations)
    names = reader.named_destinations
    assert {f"source-{n}" for n in range(1, 7)} <= set(names)
    appendix_page = reader.get_destination_page_number(names["source-1"])
    assert appendix_page == len(reader.pages) - 1
    links = [a.get_object()["/Dest"] for p in reader.pages for a in p.get("/Annots", ())
             if "/Dest" in a.get_object()]
    assert len(links) == EVENTS and all(d in names for d in links)

    # every event, in order
    text = "\n".join(p.extract_text() for p in reader.pages)
    found = [int(n) for n in re.findall(r"Event (\d{4}):", text)]
    assert found == list(range(EVENTS))

    meta = reader.metadata
    assert meta.title == "Harbour council"
    assert meta.subject.startswith(f"Timeline of {EVENTS} events from 6 sources")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root and "/Metadata" in root


def number_tree(node: dict) -> list:  # type: ignore[type-arg]
    """The flat /Nums of a number tree (leaves in order)."""
    if "/Nums" in node:
        return list(node["/Nums"])
    return [x for kid in node["/Kids"] for x in number_tree(kid.get_object())]


def test_structure_tree_is_joined(joined: tuple[bytes, int]) -> None:
    reader = PdfReader(__import__("io").BytesIO(joined[0]))
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = number_tree(tree["/ParentTree"])
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys))
    assert tree["/ParentTreeNextKey"] == keys[-1] + 1
    document = tree["/K"][0]
    assert document["/S"] == "/Document" and document["/P"] == tree
    # every element hangs from the Document, and every page's content is tagged
    for kid in document["/K"]:
        assert kid.get_object()["/P"].indirect_reference == document.indirect_reference
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    parents = [int(p["/StructParents"]) for p in reader.pages]
    assert len(set(parents)) == len(parents) and set(parents) <= set(keys)
    for i, key in enumerate(parents):
        for element in nums[2 * keys.index(key) + 1]:
            assert pages[element.get_object().raw_get("/Pg").idnum] == i


def test_reproducible_bytes(joined: tuple[bytes, int], tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again, _ = render(tmp_path, monkeypatch)
    assert again == joined[0]


def body_text(data: bytes) -> str:
    """The text of a PDF without its margins (running title and "Page X of Y", which close
    every page's text), as one line."""
    reader = PdfReader(__import__("io").BytesIO(data))
    body = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        margins = f"Harbour council Timeline\nPage {number} of {len(reader.pages)}"
        assert text.endswith(margins)
        body.append(text[:-len(margins)])
    return " ".join(" ".join(body).split())


def test_same_text_as_one_pass(joined: tuple[bytes, int], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    single, pages = render(tmp_path, monkeypatch, chunk=False)
    # parts start on a new page, so the joined document has a page or two more
    assert pages <= joined[1] <= pages + len(chunked.plan_parts(
        build_timeline(chronology(), "T", "today"), PART))
    assert body_text(joined[0]) == body_text(single)


def test_margins_are_artifacts_drawn_once_a_page(joined: tuple[bytes, int]) -> None:
    reader = PdfReader(__import__("io").BytesIO(joined[0]))
    forms = set()
    for page in reader.pages:
        contents = page["/Contents"]
        assert contents[-1].get_object().get_data().strip().endswith(
            b"/Artifact BMC q /%s Do Q EMC" % chunked.FOOTER_NAME.encode())
        xobjects = page["/Resources"]["/XObject"]
        forms.add(xobjects.raw_get("/" + chunked.FOOTER_NAME).idnum)
        # the part's own content draws no margin boxes (PARTS_CSS), so nothing is drawn twice
        assert page.extract_text().count("Page ") == 1
    assert len(forms) == len(reader.pages)


def test_small_timelines_keep_one_pass(monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("laid out in parts")

    monkeypatch.setattr(chunked, "render_timeline_pdf", refuse)
    _, pages = render(tmp_path, monkeypatch, chunk=False)
    assert pages > 0


def _render_into(out: Path, chronicle: Chronology, monkeypatch: pytest.MonkeyPatch,
                 epoch: str, templates: tuple[Path, ...] = ()) -> bytes:
    monkeypatch.setattr(chunked, "CHUNKED_MIN_EVENTS", 10)
    monkeypatch.setattr(chunked, "PART_EVENTS", PART)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    settings = Settings(out=out, kinds=("timeline",), formats=("pdf",), jobs=2,
                        templates=templates)
    out.mkdir(exist_ok=True)
    created = datetime.fromtimestamp(int(epoch), UTC)
    [output] = _render(settings, chronicle, "Harbour council", "31 December 2024", created)
    return output.path.read_bytes()


def _laid_out_before(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """(parts taken from the cache, parts) of the last render, from its log."""
    found = re.findall(r"(\d+) of (\d+) parts laid out by an earlier run", caplog.text)
    assert found
    return int(found[-1][0]), int(found[-1][1])


def test_a_rerun_lays_out_only_the_parts_that_changed_and_gives_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="briefing.render.chunked")
    out = tmp_path / "nightly"
    first = _render_into(out, chronology(), monkeypatch, "1700000000")
    taken, parts = _laid_out_before(caplog)
    assert taken == 0 and parts > 3

    # the next night: another creation time, nothing else new; only the first part, whose
    # metadata the document keeps, is laid out again, and the bytes are a fresh render's
    again = _render_into(out, chronology(), monkeypatch, "1700086400")
    assert _laid_out_before(caplog) == (parts - 1, parts)
    assert again == _render_into(tmp_path / "fresh", chronology(), monkeypatch, "1700086400")
    assert again != first  # the creation date did change

    # one event reworded, in the middle: its part only
    events = list(chronology().events)
    middle = len(events) // 2
    events[middle] = replace(events[middle], summary="Event reworded: the council adjourned")
    changed = replace(chronology(), events=tuple(events))
    data = _render_into(out, changed, monkeypatch, "1700086400")
    assert _laid_out_before(caplog) == (parts - 1, parts)
    assert data == _render_into(tmp_path / "fresh2", changed, monkeypatch, "1700086400")
    assert b"Event reworded" in data or "Event reworded" in " ".join(
        p.extract_text() for p in PdfReader(__import__("io").BytesIO(data)).pages)
    # what the run did not use is gone: one document's parts are kept
    kept = sorted(p.suffix for p in (out / ".cache" / "parts").iterdir())
    assert kept == [".json"] * parts + [".pdf"] * parts


def test_a_template_change_lays_every_part_out_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="briefing.render.chunked")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notes.txt").write_text("not used by the layout, but in the folder")
    out = tmp_path / "out"
    _render_into(out, chronology(), monkeypatch, "1700000000", (templates,))
    (templates / "notes.txt").write_text("changed")
    _render_into(out, chronology(), monkeypatch, "1700000000", (templates,))
    assert _laid_out_before(caplog)[0] == 0
    _render_into(out, chronology(), monkeypatch, "1700000000", (templates,))
    taken, parts = _laid_out_before(caplog)
    assert taken == parts


def test_an_unreadable_entry_is_laid_out_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="briefing.render.chunked")
    out = tmp_path / "out"
    data = _render_into(out, chronology(), monkeypatch, "1700000000")
    entries = sorted((out / ".cache" / "parts").glob("*.json"))
    entries[0].write_text("{not json")
    entries[1].with_suffix(".pdf").unlink()
    assert _render_into(out, chronology(), monkeypatch, "1700000000") == data
    taken, parts = _laid_out_before(caplog)
    assert taken == parts - 2


def test_one_event_more_changes_few_parts_not_all_after_it() -> None:
    """A part closes at the first month boundary after `size` events of its own: an event
    added early moves its part's end only if it pushes that count across a month's end, and
    once one cut is where it was, every later part is too (a re-run takes them as laid out)."""
    events = list(chronology(600).events)
    view = build_timeline(Chronology(tuple(events), (), chronology().sources), "T", "today")
    extra = replace(events[40], summary="Event added: the council met once more")
    more = sorted([*events, extra], key=lambda e: e.date.sort_key())
    view_more = build_timeline(Chronology(tuple(more), (), chronology().sources), "T", "today")

    def contents(v: object) -> list[list[str]]:
        return [[e.summary for y in part.years for m in y.months for d in m.days
                 for e in d.events] for part, _ in chunked.plan_parts(v, PART)]

    before, after = contents(view), contents(view_more)
    assert len(before) > 10
    changed = [part for part in after if part not in before]
    assert len(changed) <= 2, (len(changed), len(after))
