"""Smaller rules behind the layout fixtures: prose phrasings, merged values, split rows, markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_document
from parsers.tables.applications import application_row_key
from parsers.tables.grid import fit_values, split_label_and_values
from parsers.tables.numbers import classify_cell
from parsers.tables.prose import stated_new_applications
from parsers.tables.reviews import parse_review_table

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("本年度共收到政府信息公开申请15件，均已按时答复。", 15),
        ("本年度新收申请15件，上年结转2件，已全部办结。", 15),
        ("全年受理依申请公开15件，按时办结率100%。", 15),
        ("全年共受理申请17件，其中本年新收15件，上年结转2件。", 15),
        ("收到政府信息公开申请15件，较上年增加3件。", 15),
        ("共收到申请20件，其中网上申请15件，当面申请5件。", 20),
        ("2023年，我局未收到政府信息公开申请。", 0),
    ],
)
def test_unambiguous_statements_of_new_applications_are_read(sentence: str, count: int) -> None:
    statement = stated_new_applications(sentence)
    assert statement is not None and statement.count == count


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理政府信息公开申请17件（含上年结转2件）。",  # new + carried over
        "共受理政府信息公开申请17件，其中上年结转2件。",
        "共答复政府信息公开申请15件。",  # replies, not applications received
        "本年度办结政府信息公开申请15件。",
        "收到行政复议申请2件。",
        "2008年以来累计收到政府信息公开申请300件。",
        "2021年收到政府信息公开申请15件，2020年收到政府信息公开申请12件。",  # disagree
    ],
)
def test_sums_replies_and_conflicting_statements_are_not_compared(sentence: str) -> None:
    assert stated_new_applications(sentence) is None


def test_a_value_merged_to_the_table_edge_counts_once_even_when_it_equals_its_neighbour() -> None:
    row = ["行政事业性收费", "0", "0", "0"]  # 本年增/减 spans the last two columns
    label, tail = split_label_and_values(row)
    fitted = fit_values(tail, 2)
    assert label == "行政事业性收费"
    assert fitted is not None and [cell.value for cell in fitted] == [0, 0]


def test_a_value_under_a_spanned_header_in_the_middle_of_a_row_counts_once() -> None:
    # 本年新公开数量 spans two columns; the report's 13 was repeated by span expansion.
    _, tail = split_label_and_values(["规章", "13", "13", "13", "524"])
    fitted = fit_values(tail, 3)
    assert fitted is not None and [cell.value for cell in fitted] == [13, 13, 524]


def test_two_runs_of_repeats_leave_the_row_unread_rather_than_guessed() -> None:
    _, tail = split_label_and_values(["规章", "5", "5", "7", "7", "9"])
    assert fit_values(tail, 4) is None


def test_the_most_specific_label_wins_over_repeated_parent_labels() -> None:
    row = [
        "三、本年度办理结果",
        "（三）不予公开",
        "3．危及“三安全一稳定”",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "39",
    ]
    label, tail = split_label_and_values(row)
    assert application_row_key(label) == "denied_security_stability"
    assert [cell.value for cell in tail] == [4, 5, 6, 7, 8, 9, 39]


def test_review_numbers_split_over_two_rows_are_joined_in_order() -> None:
    rows = [
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
        ["3", "1", "2", "4", "10", "5", "2", "6", "1", "14"],
        ["7", "8", "9", "11", "35"],
    ]
    table = parse_review_table(rows).table
    assert table is not None
    assert table["review"] == {"upheld": 3, "corrected": 1, "other": 2, "pending": 4, "total": 10}
    assert table["litigation"]["total"] == 14
    assert table["litigation_after_review"] == {
        "upheld": 7, "corrected": 8, "other": 9, "pending": 11, "total": 35,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,234", 1234), ("１２", 12), ("12.5", 12.5), ("0.00", 0.0), ("\xa03\xa0", 3), ("+2", 2),
     ("-1", -1), ("—", None), ("-", None), ("/", None), ("无", None), ("", None)],
)  # fmt: skip
def test_number_cells_as_portals_write_them(raw: str, value: float | None) -> None:
    assert classify_cell(raw).value == value


@pytest.mark.parametrize("seed", ["002_92bfdeb739d25b4e.txt", "004_9c0f584a5a0b0277.txt"])
def test_markdown_residue_of_the_seeds_is_not_kept_in_text_or_sections(seed: str) -> None:
    raw = (SEEDS / seed).read_bytes()
    assert b"**" in raw and b"\n# " in raw
    report = parse_document(raw, filename=seed)
    for text in (report.text, *(s.heading + "\n" + s.text for s in report.sections)):
        assert "**" not in text
        assert not any(line.startswith("#") for line in text.splitlines())
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert "applications" in report.tables


def test_markdown_pipe_tables_are_read_like_tab_separated_rows() -> None:
    text = "\n".join(
        [
            "# 示范县水务局2021年政府信息公开工作年度报告",
            "## 二、主动公开政府信息情况",
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "| --- | --- | --- | --- |",
            "| 规章 | 2 | 1 | 13 |",
            "| 行政规范性文件 | 5 | 3 | 27 |",
            "| 行政许可 | 146 | | |",
            "| 行政处罚 | 38 | | |",
            "| 行政强制 | 9 | | |",
            "| 行政事业性收费 | 12.35 | | |",
        ]
    )
    report = parse_document(text.encode("utf-8"), filename="report.md")
    assert "|" not in report.text and "---" not in report.text
    assert report.tables["active"]["normative_documents"] == {
        "made": 5,
        "repealed": 3,
        "in_force": 27,
    }
    assert report.tables["active"]["fees"] == {"amount": 12.35}


# -- numbers are never shifted into another row or column ---------------------------------------

REAL = Path(__file__).resolve().parents[1] / "data" / "parsers" / "real"


def _application_rows(values: dict[str, list[int]]) -> list[list[str]]:
    """Rows of 表三 (2021 template), one per row key, labelled as printed."""
    from parsers.model import APPLICATION_ROWS_2021
    from portal.labels import APPLICATION_ROW_LABELS

    rows = [
        [
            "申请人情况",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ]
    ]
    for key in APPLICATION_ROWS_2021:
        numbers = values.get(key, [0, 0, 0, 0, 0, 0, 0])
        rows.append([APPLICATION_ROW_LABELS[key].split(" ")[-1], *map(str, numbers)])
    return rows


def test_numbers_printed_apart_from_their_labels_take_the_rows_missing_in_their_place() -> None:
    from parsers.tables.applications import parse_application_table

    rows = _application_rows(
        {"denied_internal": [1, 0, 0, 0, 0, 0, 1], "unavailable_not_held": [4, 0, 0, 0, 0, 0, 4]}
    )
    internal = next(i for i, row in enumerate(rows) if row[0].startswith("5.属于三类内部事务"))
    not_held = next(i for i, row in enumerate(rows) if row[0].startswith("1.本机关不掌握"))
    # A PDF conversion printed both labels, then the first row's numbers, and the second row's
    # numbers later without a label: between the rows whose labels are certain, each run of
    # numbers fills the one template row missing there, in order.
    rows[internal] = [
        "5.属于三类内部事务信",
        "息",
        "1.本机关不掌握相关政",
        "府信息",
        *rows[internal][1:],
    ]
    rows[not_held] = rows[not_held][1:]
    reading = parse_application_table(rows)
    assert reading.table is not None
    assert reading.table["denied_internal"]["total"] == 1
    assert reading.table["unavailable_not_held"]["total"] == 4
    assert reading.table["denied_process"]["total"] == 0  # the rest of the table stands
    # Read by place, not by label: a mismatch they take part in is our doubt, not the report's.
    assert {"denied_internal", "unavailable_not_held"} <= set(reading.doubtful_rows)


def test_unlabelled_numbers_that_do_not_match_the_missing_rows_one_to_one_stay_unknown() -> None:
    from parsers.tables.applications import parse_application_table

    rows = _application_rows({"unavailable_needs_creation": [6, 0, 0, 0, 0, 0, 6]})
    labels = ("1.本机关不掌握", "2.没有现成信息", "3.补正后申请")
    places = [next(i for i, r in enumerate(rows) if r[0].startswith(t)) for t in labels]
    for place in places[:2]:
        rows[place] = rows[place][1:]  # two rows of numbers without their labels …
    del rows[places[2]]  # … and the third row lost entirely: which two rows are these?
    table = parse_application_table(rows).table
    assert table is not None
    assert table["unavailable_not_held"]["total"] is None
    assert table["unavailable_needs_creation"]["total"] is None
    assert table["rejected_petition"]["total"] == 0


def test_a_stray_number_beside_a_row_is_dropped_only_where_the_row_then_adds_up() -> None:
    from parsers.tables.applications import parse_application_table

    rows = _application_rows({})
    fee = next(i for i, row in enumerate(rows) if row[0].startswith("2.申请人逾期"))
    rows[fee] = [rows[fee][0], "1", "0", "0", "0", "0", "0", "0", "0"]  # eight numbers, 7 columns
    reading = parse_application_table(rows)
    assert reading.table is not None
    assert list(reading.table["other_fee_unpaid"].values()) == [0] * 7
    assert "other_fee_unpaid" in reading.doubtful_rows
    # Where dropping neither end makes the row add up, the row stays unread.
    rows[fee] = [rows[fee][0], "5", "0", "0", "0", "0", "0", "0", "7"]
    assert parse_application_table(rows).table["other_fee_unpaid"]["total"] is None  # type: ignore[index]


def test_an_extra_repeated_number_is_dropped_where_the_row_still_adds_up() -> None:
    fitted = fit_values(
        [classify_cell(v) for v in ["3", "0", "0", "0", "0", "0", "3", "3"]],
        7,
        lambda cells: sum(c.value for c in cells[:-1]) == cells[-1].value,
    )
    assert fitted is not None and [c.value for c in fitted] == [3, 0, 0, 0, 0, 0, 3]


def test_a_whole_report_flattened_onto_one_line_has_its_tables_read() -> None:
    # A real page's text copy: every table on one line, cells separated by single spaces.
    name = "pingtan_finance_bureau_2020.txt"
    report = parse_document((REAL / name).read_bytes(), filename=name)
    assert report.tables["active"]["normative_documents"] == {
        "new_made": 6,
        "new_published": 4,
        "total_published": 11,
    }
    assert report.tables["applications"]["results_total"]["total"] == 0
    assert report.tables["reviews"]["review"]["total"] == 0


def test_cells_glued_together_are_split_only_where_one_reading_adds_up() -> None:
    name = "pingtan_2022.txt"  # 表三 printed as 713000074, 1000001 …
    report = parse_document((REAL / name).read_bytes(), filename=name)
    new = report.tables["applications"]["new"]
    assert [new[c] for c in ("natural_person", "commercial", "research", "total")] == [71, 3, 0, 74]


_GLUED_TABLE_TWO_2021 = (
    "二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
    "规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可10690"
    "第二十条第（六）项信息内容本年处理决定数量行政处罚2113行政强制0"
    "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费9116.36"
    + "三、收到和处理政府信息公开申请情况"
)
#: The start of table 三 as a flattened page runs it on after table 二.
_GLUED_TABLE_THREE = (
    "三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业 企业 科研 机构 "
    "社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量 713000074"
)


def test_a_glued_row_of_table_two_is_split_by_the_counts_the_report_states() -> None:
    from parsers.tables.active import parse_active_table
    from parsers.tables.grid import rows_from_text

    rows = rows_from_text(_GLUED_TABLE_TWO_2021 + _GLUED_TABLE_THREE)
    # 88 55 698, 885 5 698, 8 855 698 …: nothing in the table singles one reading out.
    alone = parse_active_table(rows).table
    assert alone is not None and alone["normative_documents"]["in_force"] is None
    prose = "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"
    reading = parse_active_table(rows, prose)
    assert reading.table is not None
    assert reading.table["normative_documents"] == {"made": 88, "repealed": 55, "in_force": 698}
    assert reading.doubtful_rows == ["normative_documents"]  # a likely reading, in doubt
    # A count stated about another subject is no evidence for this row.
    elsewhere = "本年度公开行政许可信息698件，公开行政处罚信息88件。"
    assert parse_active_table(rows, elsewhere).table["normative_documents"]["made"] is None  # type: ignore[index]


def test_a_glued_signed_change_is_split_only_by_the_counts_the_report_states() -> None:
    from parsers.tables.active import parse_active_table
    from parsers.tables.grid import rows_from_text

    line = (
        "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可20+1737"
        "其他对外管理服务事项144+5149第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量"
        "行政处罚103040行政强制000第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费00"
    )
    rows = rows_from_text(line + _GLUED_TABLE_THREE)
    # 上一年 + 增/减 = 处理决定 is no identity of the template: 103040 is 103 0 40 in the real
    # report, and 10 30 40 would "add up". Without stated counts, nothing is guessed.
    alone = parse_active_table(rows)
    assert alone.table is not None and alone.template == "2019"
    assert alone.table["licensing"]["decisions"] is None
    assert alone.table["punishment"]["decisions"] is None
    stated = "主动公开政府信息215条，其中行政许可类37条；上年行政处罚事项103项，本年处罚决定40件。"
    reading = parse_active_table(rows, stated)
    assert reading.table is not None
    assert reading.table["licensing"] == {"last_year_items": 20, "change": 17, "decisions": 37}
    assert reading.table["punishment"] == {"last_year_items": 103, "change": 0, "decisions": 40}
    assert reading.table["other_services"]["decisions"] is None
    assert {"licensing", "punishment"} <= set(reading.doubtful_rows)
    # 40 alone fits 10 30 40 and 103 0 40 alike: no reading is singled out.
    tied = parse_active_table(rows, "本年行政处罚决定40件。").table
    assert tied is not None and tied["punishment"]["last_year_items"] is None


@pytest.mark.parametrize(("text", "value"), [("2笔", 2), ("984361元", 984361), ("3宗", 3)])
def test_counts_with_a_unit_are_numbers(text: str, value: int) -> None:
    cell = classify_cell(text)
    assert cell.kind == "number" and cell.value == value


def test_a_grid_line_s_leading_blank_cells_never_join_the_row_above() -> None:
    from parsers.tables.grid import rows_from_text

    rows = rows_from_text(
        "2.其他法律行政法\n0 0 0 0 0 0 0\n规禁止公开\n\t\t3.危及“三安全一稳定”\t1\t0\t0\t0\t0\t0\t1"
    )
    # The blanks are the merged label columns of 3.危及…'s own line, not two blank values of a
    # row labelled 规禁止公开 (which would then be read as that row, with no numbers).
    assert ["规禁止公开", "", ""] not in rows
    assert rows[-1][-8:] == ["3.危及“三安全一稳定”", "1", "0", "0", "0", "0", "0", "1"]


#: Table 三 in the 2021 template: each row's label and its natural-person count (= its total).
TABLE_3_ROWS = [
    ("一、本年新收政府信息公开申请数量", "3"),
    ("二、上年结转政府信息公开申请数量", "0"),
    ("（一）予以公开", "2"),
    ("（二）部分公开", "0"),
    ("1.属于国家秘密", "0"),
    ("2.其他法律行政法规禁止公开", "0"),
    ("3.危及“三安全一稳定”", "0"),
    ("4.保护第三方合法权益", "0"),
    ("5.属于三类内部事务信息", "0"),
    ("6.属于四类过程性信息", "0"),
    ("7.属于行政执法案卷", "0"),
    ("8.属于行政查询事项", "0"),
    ("1.本机关不掌握相关政府信息", "1"),
    ("2.没有现成信息需要另行制作", "0"),
    ("3.补正后申请内容仍不明确", "0"),
    ("1.信访举报投诉类申请", "0"),
    ("2.重复申请", "0"),
    ("3.要求提供公开出版物", "0"),
    ("4.无正当理由大量反复申请", "0"),
    ("5.要求行政机关确认或重新出具已获取信息", "0"),
    ("（六）其他处理", "0"),
    ("（七）总计", "3"),
    ("四、结转下年度继续办理", "0"),
]
TABLE_3_HEADER = [
    "",
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]


def test_a_numbered_label_repeated_across_merged_columns_is_one_row_label() -> None:
    from parsers.tables.applications import parse_application_table

    rows = [TABLE_3_HEADER] + [
        # A PDF grid repeats a merged label cell into every column it covers.
        [label, label, n, "0", "0", "0", "0", "0", n]
        for label, n in TABLE_3_ROWS
    ]
    table = parse_application_table(rows).table
    assert table is not None
    assert table["unavailable_not_held"]["total"] == 1
    assert table["denied_state_secret"]["total"] == 0


def test_a_row_a_pdf_grid_left_out_is_read_from_the_text_when_the_readings_agree() -> None:
    from parsers.extracted import ExtractedDocument
    from parsers.tables import read_tables

    grid = [TABLE_3_HEADER] + [[label, n, "0", "0", "0", "0", "0", n] for label, n in TABLE_3_ROWS]
    # A page break: 2.重复申请 fell outside the ruled table and is only in the text.
    gap = next(i for i, row in enumerate(grid) if row[0] == "2.重复申请")
    text = "\n".join("\t".join(row) for row in grid[:gap])
    text += "\n处理\n2.重复申请 0 0 0 0 0 0 0\n" + "\n".join("\t".join(r) for r in grid[gap + 1 :])
    document = ExtractedDocument(text=text, tables=[grid[:gap], grid[gap + 1 :]], format="pdf")
    reading = read_tables(document)
    assert reading.tables["applications"]["rejected_repeat"]["total"] == 0
    assert reading.tables["applications"]["unavailable_not_held"]["total"] == 1
    # Where the text reads a row differently from the grid, the grids' reading stands alone.
    conflicting = ExtractedDocument(
        text=text.replace(
            "（一）予以公开\t2\t0\t0\t0\t0\t0\t2", "（一）予以公开\t5\t0\t0\t0\t0\t0\t5"
        ),
        tables=[grid[:gap], grid[gap + 1 :]],
        format="pdf",
    )
    alone = read_tables(conflicting).tables["applications"]
    assert alone["rejected_repeat"]["total"] is None
    assert alone["granted"]["total"] == 2


# -- a PDF whose label column was printed apart from the grid ------------------------------------


def test_labels_printed_after_their_rows_of_numbers_are_paired_in_order() -> None:
    from parsers.tables.active import parse_active_table
    from parsers.tables.grid import rows_from_text

    text = "\n".join(
        [
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            "本年新制作数量\t本年新公开数量\t对外公开总数量",
            "2\t1\t9",
            "5\t4\t30",
            "规章",
            "规范性文件",
            "第二十条第（五）项",
            "上一年项目数量\t本年增/减\t处理决定数量",
            "11\t3\t15",
            "0\t0\t0",
            "信息内容",
            "行政许可",
            "其他对外管理服",
            "务事项",
        ]
    )
    reading = parse_active_table(rows_from_text(text))
    assert reading.table is not None and reading.template == "2019"
    assert reading.table["rules"] == {"new_made": 2, "new_published": 1, "total_published": 9}
    assert reading.table["normative_documents"]["total_published"] == 30
    assert reading.table["licensing"] == {"last_year_items": 11, "change": 3, "decisions": 15}
    assert reading.table["other_services"]["decisions"] == 0


def test_more_rows_of_numbers_than_labels_after_them_are_not_paired() -> None:
    from parsers.tables.active import parse_active_table
    from parsers.tables.grid import rows_from_text

    text = "\n".join(
        [
            "第二十条第（一）项",
            "本年制发件数\t本年废止件数\t现行有效件数",
            "1\t0\t7",
            "2\t1\t9",
            "5\t4\t30",
            "行政规范性文件",
            "规章",
        ]
    )
    assert parse_active_table(rows_from_text(text)).table is None


def test_table_three_whose_first_labels_were_cut_off_starts_at_its_header() -> None:
    from parsers.tables.applications import parse_application_table

    rows = _application_rows({"new": [5, 1, 0, 0, 0, 0, 6], "carried_over": [1, 0, 0, 0, 0, 0, 1]})
    rows[1] = ["", *rows[1][1:]]  # 一、本年新收… and 二、上年结转… fell outside the grid
    rows[2] = ["", *rows[2][1:]]
    reading = parse_application_table(rows)
    assert reading.table is not None
    assert reading.table["new"]["total"] == 6 and reading.table["carried_over"]["total"] == 1
    assert {"new", "carried_over"} <= set(reading.doubtful_rows)
