"""Statistics tables as real portals publish them: every cell read exactly, every imbalance flagged.

The fixtures under tests/data/parsers/layouts/ are built by ``make_layouts.py`` in that folder
from distinct, non-zero numbers; ``expected.json`` holds, for each file, the tables and the check
results the parser must give. Layouts: Word-exported HTML (rowspans, ``<p><span>`` cells,
``&nbsp;``, ``<br>`` in labels, the 勾稽关系 note), 2019 and 2021 templates, table 四 with three
header rows, numbers split over two rows or vertical labels, tables cut in two at a page break
(HTML and DOCX), two-page PDF tables with the header repeated, number formats and blank markers,
markdown text, a pre-2019 free-form report, and the chrome of the main CMS families.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from parsers import parse_document
from parsers.extract import extract_document
from parsers.model import ParsedReport

LAYOUTS = Path(__file__).resolve().parent.parent / "data" / "parsers" / "layouts"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (LAYOUTS / "expected.json").read_text(encoding="utf-8")
)
HTML_FIXTURES = [name for name in EXPECTED if name.endswith(".html")]
#: Words of portal chrome (the fixtures' navigation, widgets and footer) never in a report.
CHROME_WORDS = (
    "上一篇", "下一篇", "相关链接", "扫一扫", "打印", "关闭", "网站标识码", "ICP备",
    "公网安备", "分享到", "当前位置", "浏览次数", "主办单位", "技术支持", "首页", "无障碍",
)  # fmt: skip

_cache: dict[str, ParsedReport] = {}


def parsed(name: str) -> ParsedReport:
    """The parsed fixture (parsed once per test session)."""
    if name not in _cache:
        _cache[name] = parse_document((LAYOUTS / name).read_bytes(), filename=name)
    return _cache[name]


def test_every_layout_of_the_issue_has_a_fixture() -> None:
    kinds = {name.split("_")[0] for name in EXPECTED}
    assert kinds == {"html", "docx", "doc", "wps", "pdf", "txt"}
    assert len(HTML_FIXTURES) >= 15
    assert any(truth["template"] == "2019" for truth in EXPECTED.values())
    assert any(truth["template"] == "pre2019" for truth in EXPECTED.values())
    failing = [n for n, t in EXPECTED.items() if "fail" in str(t["checks"])]
    assert {name.split("_")[0] for name in failing} >= {"html", "docx", "pdf"}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_table_cell_of_the_layout_is_read_exactly(name: str) -> None:
    truth = EXPECTED[name]
    report = parsed(name)
    assert set(report.tables) == set(truth["tables"])
    for table, rows in truth["tables"].items():
        assert list(report.tables[table]) == list(rows), f"{table}: rows differ"
        for row, columns in rows.items():
            assert report.tables[table][row] == pytest.approx(columns), f"{table}.{row}"


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_check_has_the_expected_status_and_names_exactly_the_cells_involved(
    name: str,
) -> None:
    checks = {check.rule: check for check in parsed(name).checks}
    for rule, wanted in EXPECTED[name]["checks"].items():
        assert (rule, checks[rule].status) == (rule, wanted["status"]), checks[rule].message
        assert sorted(checks[rule].cells) == wanted["cells"], rule


@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_template_is_recognised(name: str) -> None:
    assert parsed(name).template == EXPECTED[name]["template"]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_report_text_is_complete_and_sections_come_in_order(name: str) -> None:
    report = parsed(name)
    for paragraph in EXPECTED[name]["paragraphs"]:
        assert paragraph in report.text
    assert [section.number for section in report.sections] == [1, 2, 3, 4, 5, 6]
    assert EXPECTED[name]["paragraphs"][-1] in report.sections[-1].text or name.startswith(
        "txt_pre"
    )


@pytest.mark.parametrize("name", HTML_FIXTURES)
def test_no_portal_chrome_reaches_the_text_or_the_sections(name: str) -> None:
    report = parsed(name)
    texts = [report.text, *(s.heading + "\n" + s.text for s in report.sections)]
    leaks = [word for word in CHROME_WORDS for text in texts if word in text]
    assert leaks == []


def test_the_word_export_fixture_has_the_real_template_structure() -> None:
    page = (LAYOUTS / "html_trs_2021_word.html").read_text(encoding="utf-8")
    assert 'rowspan="22"' in page and 'rowspan="8"' in page and 'colspan="7"' in page
    assert "<p class=MsoNormal" in page and "&nbsp;" in page and "<br>" in page
    assert "勾稽关系" in page and 'class="TRS_Editor"' in page


def test_the_split_fixtures_really_hold_table_three_in_two_tables() -> None:
    html = extract_document((LAYOUTS / "html_trs_split_tables.html").read_bytes())
    docx = extract_document((LAYOUTS / "docx_2021_split_tables.docx").read_bytes())
    for document in (html, docx):
        first = [i for i, grid in enumerate(document.tables) if "本年新收" in str(grid)]
        last = [i for i, grid in enumerate(document.tables) if "结转下年度" in str(grid)]
        assert len(first) == len(last) == 1 and first[0] < last[0]


def test_the_pdf_table_runs_over_a_page_break_with_its_header_repeated() -> None:
    with pdfplumber.open(io.BytesIO((LAYOUTS / "pdf_2021_two_pages.pdf").read_bytes())) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    first = next(i for i, text in enumerate(pages) if "本年新收" in text)
    last = next(i for i, text in enumerate(pages) if "结转下年度继续办理" in text)
    assert last == first + 1
    assert "申请人情况" in pages[first] and "申请人情况" in pages[last]


def test_blank_markers_are_none_and_only_their_equations_are_unassessable() -> None:
    report = parsed("html_hanweb_blank_cells.html")
    applications = report.tables["applications"]
    assert applications["denied_state_secret"] == dict.fromkeys(applications["new"])
    assert applications["new"]["total"] is None
    assert (
        applications["new"]["natural_person"]
        == EXPECTED["html_hanweb_blank_cells.html"]["tables"]["applications"]["new"][
            "natural_person"
        ]
    )
    balance = {c.rule: c for c in report.checks}["applications_balance"]
    assert balance.status == "not_assessable"
    assert balance.cells == ["applications.new.total"]
    assert "其余可核对的各项一致" in balance.message
    assert report.consistency_status != "fail"


def test_a_pre2019_report_has_sections_and_no_invented_tables() -> None:
    report = parsed("txt_pre2019.txt")
    truth = EXPECTED["txt_pre2019.txt"]
    assert report.tables == {}
    assert [section.heading for section in report.sections] == truth["headings"]
    assert "共受理政府信息公开申请12件" in report.sections[2].text
    check = {c.rule: c for c in report.checks}["text_vs_tables"]
    assert check.status == "not_assessable"
    assert f"{truth['stated_new_applications']} 件" in check.message
    assert report.consistency_status == "unchecked"


def test_markdown_markers_are_gone_from_text_and_sections_but_tables_are_read() -> None:
    report = parsed("txt_2021_markdown.txt")
    for text in (report.text, *(s.heading + s.text for s in report.sections)):
        assert "**" not in text
        assert not any(line.lstrip().startswith("#") for line in text.splitlines())
    assert report.sections[0].heading == "一、总体情况"
    assert "applications" in report.tables
