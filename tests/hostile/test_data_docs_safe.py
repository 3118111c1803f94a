"""Data Docs pages are safe to open: hostile values are shown as text, nothing runs, nothing loads.

A gate fails on values an attacker controls (file names, article ids, text); its page must
show them escaped, hold no script and no tag or attribute the values tried to inject, load
nothing from elsewhere, and still be written when the values are odd unicode.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skywatch.data_docs import (
    page_path,
    read_index,
    render_index,
    render_validation_page,
    visible,
    write_validation_page,
)
from skywatch.gates import ExpectationOutcome, GateReport, run_gate

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
HOSTILE = [f"{IMG}.txt", SCRIPT, "\"><svg onload=alert(1)>", "' onmouseover='alert(1)",
           "<a href=https://evil.example/x>click</a>", "<link rel=stylesheet href=//evil.example/a.css>",
           "<style>@import url(https://evil.example/a.css)</style>", "javascript:alert(1)"]
# The only tags our pages use; anything else came from a value.
OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "p", "a", "h1", "h2", "b", "code", "table",
            "thead", "tbody", "tr", "th", "td", "div", "span", "ul", "li", "br"}


class _Page(HTMLParser):
    """Every tag with its attributes, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        (self.styles if self._open and self._open[-1] == "style" else self.text).append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def assert_safe(page: str) -> _Page:
    """No script, no injected tag or event attribute, nothing loaded from elsewhere, a CSP."""
    parsed = _parse(page)
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "link" not in names and "svg" not in names
    assert set(names) <= OUR_TAGS, set(names) - OUR_TAGS
    assert names.count("style") == 1
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for attr in ("src", "href", "action", "formaction"):
            target = (attrs.get(attr) or "").strip().lower()
            assert not target.startswith(("http:", "https:", "//", "javascript:", "data:")), (tag, attrs)
    csp = [a.get("content", "") for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]
    assert not [s for s in parsed.styles if "@import" in s or "url(" in s]  # the CSS loads nothing
    assert "<script" not in page.lower() and "<img" not in page.lower()
    return parsed


@pytest.fixture
def failing_gate(tmp_path) -> GateReport:
    """A real GX gate over a frame whose ids, paths and text are hostile, failing on every one."""
    suite = {"name": "raw_hostile", "expectations": [
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "source_file", "regex": r"^[a-z0-9_-]+\.txt$"},
         "meta": {"why": "<b>plain</b>"}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "article_id", "value_set": ["a1"]}},
        {"type": "expect_column_value_lengths_to_be_between", "kwargs": {"column": "text", "max_value": 5}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "no_such_column"}},
    ]}
    (tmp_path / "raw_hostile.json").write_text(json.dumps(suite))
    frame = pl.DataFrame({"source_file": HOSTILE, "article_id": HOSTILE[::-1],
                          "text": [f"{v} shot down 1,200 drones on the 3rd" for v in HOSTILE]})
    report = run_gate("raw.hostile", frame, tmp_path)
    assert not report.success
    return report


def test_a_failing_gates_page_shows_hostile_values_escaped_and_runs_nothing(failing_gate, tmp_path):
    path = write_validation_page(failing_gate, tmp_path / "docs", "2026-11-20")
    page = path.read_text(encoding="utf-8")
    parsed = assert_safe(page)
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    seen = "".join(parsed.text)
    for value in (f"{IMG}.txt", SCRIPT, "<b>plain</b>"):
        assert value in seen  # the reader sees the value itself, as text
    # What GX's Data Docs show: statistics, each expectation, kwargs, observed value, the sample.
    for shown in ("Expectation Validation Result", "Successful Expectations", "Unsuccessful Expectations",
                  "expect_column_values_to_match_regex", "value_set", "% unexpected", "of 8 rows",
                  'The column "no_such_column"', "Column"):
        assert shown in seen, shown
    assert "Traceback" not in seen


def test_the_index_escapes_failures_and_links_only_its_own_pages(failing_gate, tmp_path):
    docs = tmp_path / "docs"
    write_validation_page(failing_gate, docs, "2026-11-20")
    assert_safe((docs / "index.html").read_text(encoding="utf-8"))
    entries = read_index(docs)
    assert entries[0]["page"] == "validations/raw_hostile/2026-11-20.html"
    # An index.json edited to link elsewhere renders no link, and its values stay text.
    forged = [{**entries[0], "page": "javascript:alert(1)", "suite": IMG, "day": SCRIPT,
               "failures": [SCRIPT]},
              {**entries[0], "page": "https://evil.example/", "suite": "x"},
              {**entries[0], "page": "validations/../../etc/passwd", "suite": "y"}]
    parsed = assert_safe(render_index(forged))
    assert [a.get("href") for t, a in parsed.tags if t == "a"] == []
    assert IMG in "".join(parsed.text)


def test_invisible_and_reordering_characters_are_spelled_out():
    assert visible("Kursk\u202e txt.exe") == "Kursk\\u202e txt.exe"
    assert visible("a\u200bb\x00c") == "a\\u200bb\\u0000c"
    assert visible("line\nnext\tcol Бєлгород ２４ 🚀") == "line\nnext\tcol Бєлгород ２４ 🚀"


def test_a_lone_surrogate_in_a_value_still_writes_the_page(tmp_path):
    # json.loads accepts "\ud800" in a feed line: the value reaches the gate as a lone surrogate.
    report = GateReport("raw_articles", 1, [ExpectationOutcome(
        "expect_column_values_to_match_regex", "title", False, 1, 1, observed="bad \ud800 title")])
    path = write_validation_page(report, tmp_path, "2026-11-20")
    assert "\\ud800" in path.read_text(encoding="utf-8")
    assert_safe(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("suite, day", [("../../etc", "2026-11-20"), ("raw_articles", "../../x"),
                                        ("raw/articles", "2026-11-20"), (".hidden", "2026-11-20"),
                                        ("raw_articles", "")])
def test_a_suite_or_day_cannot_lead_the_page_out_of_its_folder(tmp_path, suite, day):
    with pytest.raises(ValueError, match="file name"):
        page_path(tmp_path, suite, day)


def test_a_huge_value_is_cut_so_one_cell_cannot_bury_the_page():
    sentence = "Air defences destroyed 1,234,567,890,123,456,789 drones over the 21st district. " * 2000
    report = GateReport("clean_sentences", 1, [ExpectationOutcome(
        "expect_column_value_lengths_to_be_between", "text", False, 1, 1, observed=sentence)])
    page = render_validation_page(report, "2026-11-20")
    assert len(page) < 20_000 and "more characters" in page


# --- fuzz: GX results carrying what news text really holds ------------------------------------

class _FakeValidation:
    """Stands in for GX's result object: only `to_json_dict` is read."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def to_json_dict(self) -> dict:
        return self.data


NEWS_PIECES = st.sampled_from(["1st", "22nd", "3,000", "1.5 million", "9" * 80, "Бєлгород", "２４", "٣",
                               "\u202e", "\u200b", "\x00", "\ud800", "🚀", "&amp;", "&#60;script&#62;",
                               "<", ">", '"', "'", "`", "</style>", "<!--", "]]>", IMG, SCRIPT])
NEWS_VALUE = st.one_of(
    st.lists(st.one_of(NEWS_PIECES, st.text(alphabet=st.characters(codec=None), max_size=20)),
             max_size=30).map(" ".join),
    st.integers(min_value=-10**80, max_value=10**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(NEWS_VALUE, min_size=1, max_size=25), kwarg=NEWS_VALUE, column=NEWS_VALUE)
def test_fuzz_any_unexpected_value_renders_a_safe_page(tmp_path, values, kwarg, column):
    data = {"results": [{
        "success": False,
        "expectation_config": {"type": "expect_column_values_to_be_in_set",
                               "kwargs": {"column": column, "value_set": [kwarg]}, "meta": {"why": kwarg}},
        "result": {"element_count": len(values), "unexpected_count": len(values), "unexpected_percent": 100.0,
                   "partial_unexpected_list": values,
                   "partial_unexpected_counts": [{"value": v, "count": 1} for v in values]},
        "exception_info": {"raised_exception": True, "exception_message": str(kwarg)},
    }], "meta": {"great_expectations_version": str(kwarg)}}
    report = GateReport("raw_articles", len(values), [ExpectationOutcome(
        "expect_column_values_to_be_in_set", None, False, len(values), len(values))],
        validation=_FakeValidation(data))
    path = write_validation_page(report, Path(tmp_path), "2026-11-20")
    page = path.read_text(encoding="utf-8")
    assert_safe(page)
    assert_safe((Path(tmp_path) / "index.html").read_text(encoding="utf-8"))
