"""Table 三 read by labels from text, and the consistency checks over it."""

from __future__ import annotations

from parsers import parse_document
from parsers.model import ParsedReport
from parsers.tables.applications import application_row_key
from tests.parsers.sample_reports import applications_text, report_text

BALANCED = {
    "new": ("5", "2", "0", "0", "0", "0", "7"),
    "carried_over": ("1", "0", "0", "0", "0", "0", "1"),
    "granted": ("3", "1", "0", "0", "0", "0", "4"),
    "partial": ("1", "0", "0", "0", "0", "0", "1"),
    "unavailable_not_held": ("1", "1", "0", "0", "0", "0", "2"),
    "results_total": ("5", "2", "0", "0", "0", "0", "7"),
    "carried_forward": ("1", "0", "0", "0", "0", "0", "1"),
}


def parse_text(text: str, previous: ParsedReport | None = None) -> ParsedReport:
    return parse_document(text.encode("utf-8"), filename="report.txt", previous=previous)


def checks_of(report: ParsedReport) -> dict:
    return {check.rule: check for check in report.checks}


def test_a_balanced_table_with_numbers_is_read_and_passes_every_check() -> None:
    report = parse_text(
        report_text(applications_text(BALANCED), prose="本年共收到政府信息公开申请7件。")
    )
    applications = report.tables["applications"]
    assert applications["new"] == {
        "natural_person": 5, "commercial": 2, "research": 0, "public_interest": 0,
        "legal_service": 0, "other_org": 0, "total": 7,
    }  # fmt: skip
    assert applications["unavailable_not_held"]["total"] == 2
    assert applications["other_other"]["total"] == 0
    statuses = {rule: check.status for rule, check in checks_of(report).items()}
    assert statuses == {
        "applications_balance": "pass",
        "applications_results_total": "pass",
        "applications_column_total": "pass",
        "reviews_totals": "pass",
        "text_vs_tables": "pass",
        "carried_over_continuity": "not_assessable",
    }


def test_reports_with_unbalanced_application_table_are_flagged() -> None:
    unbalanced = {**BALANCED, "carried_forward": ("3", "0", "0", "0", "0", "0", "3")}
    check = checks_of(parse_text(report_text(applications_text(unbalanced))))[
        "applications_balance"
    ]
    assert check.status == "fail"
    assert set(check.cells) == {
        "applications.new.natural_person",
        "applications.carried_over.natural_person",
        "applications.results_total.natural_person",
        "applications.carried_forward.natural_person",
        "applications.new.total",
        "applications.carried_over.total",
        "applications.results_total.total",
        "applications.carried_forward.total",
    }
    assert "自然人" in check.message and "总计" in check.message


def test_a_results_total_that_is_not_the_sum_of_the_results_is_flagged() -> None:
    wrong_total = {**BALANCED, "results_total": ("5", "2", "0", "0", "0", "0", "8")}
    checks = checks_of(parse_text(report_text(applications_text(wrong_total))))
    assert checks["applications_results_total"].status == "fail"
    assert "applications.results_total.total" in checks["applications_results_total"].cells
    assert "applications.granted.total" in checks["applications_results_total"].cells
    assert checks["applications_column_total"].status == "fail"
    assert "applications.results_total.total" in checks["applications_column_total"].cells


def test_prose_stating_five_applications_against_a_table_of_three_fails() -> None:
    three = {
        "new": ("3", "0", "0", "0", "0", "0", "3"),
        "granted": ("3", "0", "0", "0", "0", "0", "3"),
        "results_total": ("3", "0", "0", "0", "0", "0", "3"),
    }
    report = parse_text(
        report_text(applications_text(three), prose="2021年，本局收到申请5件，均已办结。")
    )
    check = checks_of(report)["text_vs_tables"]
    assert check.status == "fail"
    assert check.cells == ["applications.new.total"]
    assert "5" in check.message and "3" in check.message


def test_ambiguous_prose_is_not_assessed() -> None:
    prose = "本年共收到政府信息公开申请7件（含上年结转1件）。"
    check = checks_of(parse_text(report_text(applications_text(BALANCED), prose=prose)))[
        "text_vs_tables"
    ]
    assert check.status == "not_assessable"


def test_contradicting_statements_in_the_prose_are_not_assessed() -> None:
    prose = "本年收到政府信息公开申请7件。\n全年新收政府信息公开申请6件。"
    check = checks_of(parse_text(report_text(applications_text(BALANCED), prose=prose)))[
        "text_vs_tables"
    ]
    assert check.status == "not_assessable"


def test_blank_cells_are_unknown_and_make_checks_not_assessable() -> None:
    with_blank = {**BALANCED, "new": ("5", "2", "0", "0", "0", "0", "")}
    report = parse_text(report_text(applications_text(with_blank)))
    assert report.tables["applications"]["new"]["total"] is None
    checks = checks_of(report)
    assert checks["applications_balance"].status == "not_assessable"
    assert "applications.new.total" in checks["applications_balance"].cells


def test_carried_over_is_compared_with_last_years_carried_forward() -> None:
    previous = parse_text(report_text(applications_text(BALANCED)))
    this_year = {
        **BALANCED,
        "carried_over": ("1", "0", "0", "0", "0", "0", "1"),
    }
    assert (
        checks_of(parse_text(report_text(applications_text(this_year)), previous))[
            "carried_over_continuity"
        ].status
        == "pass"
    )
    wrong = {
        **BALANCED,
        "new": ("4", "2", "0", "0", "0", "0", "6"),
        "carried_over": ("2", "0", "0", "0", "0", "0", "2"),
    }
    check = checks_of(parse_text(report_text(applications_text(wrong)), previous))[
        "carried_over_continuity"
    ]
    assert check.status == "fail"
    assert check.cells == [
        "applications.carried_over.natural_person",
        "applications.carried_over.total",
    ]


def test_a_2019_template_report_has_a_single_other_row_and_2019_active_table() -> None:
    values = {**BALANCED, "other": ("0", "0", "0", "0", "0", "0", "0")}
    active_2019 = """第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t1\t1\t4
规范性文件\t2\t2\t9
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t10\t-2\t35
其他对外管理服务事项\t3\t0\t—
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t8\t+1\t12
行政强制\t2\t0\t0
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t1\t0\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t4\t56.7\t"""
    text = report_text(
        applications_text(values, template="2019"),
        active=active_2019,
        notice="（国办公开办函〔2019〕60号）",
    )
    report = parse_text(text)
    assert report.template == "2019"
    assert "other" in report.tables["applications"]
    assert "other_other" not in report.tables["applications"]
    assert report.tables["active"] == {
        "rules": {"new_made": 1, "new_published": 1, "total_published": 4},
        "normative_documents": {"new_made": 2, "new_published": 2, "total_published": 9},
        "licensing": {"last_year_items": 10, "change": -2, "decisions": 35},
        "other_services": {"last_year_items": 3, "change": 0, "decisions": None},
        "punishment": {"last_year_items": 8, "change": 1, "decisions": 12},
        "enforcement": {"last_year_items": 2, "change": 0, "decisions": 0},
        "fees": {"last_year_items": 1, "change": 0},
        "procurement": {"items": 4, "amount": 56.7},
    }
    assert all(check.status != "fail" for check in report.checks)


def test_missing_rows_are_unknown_never_zero_and_the_rest_of_the_table_stands() -> None:
    report = parse_text(
        report_text(applications_text(BALANCED, omit=["denied_query", "rejected_repeat"]))
    )
    applications = report.tables["applications"]
    assert set(applications["denied_query"].values()) == {None}
    assert set(applications["rejected_repeat"].values()) == {None}
    assert applications["new"]["total"] == 7
    assert any("denied_query" in warning for warning in report.warnings)
    assert checks_of(report)["applications_results_total"].status == "not_assessable"
    assert checks_of(report)["applications_balance"].status == "pass"


def test_a_row_with_the_wrong_number_of_cells_is_unknown_and_the_rest_stands() -> None:
    text = applications_text(BALANCED).replace(
        "一、本年新收政府信息公开申请数量\t5\t2\t0\t0\t0\t0\t7",
        "一、本年新收政府信息公开申请数量\t5\t2\t7",
    )
    report = parse_text(report_text(text))
    applications = report.tables["applications"]
    assert set(applications["new"].values()) == {None}
    assert applications["carried_over"]["natural_person"] == 1
    assert applications["carried_over"]["total"] == 1
    assert any("本年新收" in warning for warning in report.warnings)


def test_a_misspelt_row_label_is_read_as_its_template_row() -> None:
    text = applications_text(BALANCED).replace("属于行政执法案卷", "属于行政执发案卷")
    report = parse_text(report_text(text))
    assert report.tables["applications"]["denied_enforcement_file"]["total"] is not None


def test_a_row_whose_label_is_garbled_beyond_recognition_takes_the_one_gap_in_the_template() -> (
    None
):
    text = applications_text(BALANCED).replace("属于行政查询事项", "■■■■")
    report = parse_text(report_text(text))
    applications = report.tables["applications"]
    assert applications["denied_query"]["total"] is not None
    assert any("denied_query" in warning for warning in report.warnings)


def test_a_reviews_row_with_the_wrong_count_is_omitted() -> None:
    report = parse_text(report_text(applications_text(BALANCED), reviews_row="0\t0\t0"))
    assert "reviews" not in report.tables
    assert any("表四" in warning for warning in report.warnings)


def test_review_totals_that_do_not_add_up_are_flagged() -> None:
    row = "\t".join(["1", "1", "0", "0", "1"] + ["0"] * 10)
    check = checks_of(parse_text(report_text(applications_text(BALANCED), reviews_row=row)))[
        "reviews_totals"
    ]
    assert check.status == "fail"
    assert check.cells[0] == "reviews.review.total"


def test_row_labels_are_recognised_despite_spacing_and_punctuation_width() -> None:
    assert application_row_key("（ 一 ） 予 以 公 开") == "granted"
    assert (
        application_row_key("(二)部分公开（区分处理的，只计这一情形，不计其他情形）") == "partial"
    )
    assert application_row_key('3. 危及"三安全一稳定"') == "denied_security_stability"
    assert application_row_key("3.其它") == "other_other"
    assert application_row_key("（六）其他处理") == "other"
    assert application_row_key("二、上年结转政府信息公开申请数量") == "carried_over"
    assert application_row_key("(七) 总 计") == "results_total"
    assert application_row_key("申请人情况") is None


def test_a_cited_2021_notice_beats_a_table_with_a_single_other_row() -> None:
    values = {**BALANCED, "other": ("0", "0", "0", "0", "0", "0", "0")}
    report = parse_text(report_text(applications_text(values, template="2019")))
    assert (report.template, report.template_basis) == ("2021", "cited")
    assert any("模板判断不一致" in warning for warning in report.warnings)


def test_2021_shaped_tables_outrank_a_cited_2019_notice_in_a_report_of_2021_or_later() -> None:
    report = parse_text(
        report_text(applications_text(BALANCED), notice="（国办公开办函〔2019〕60号）")
    )
    assert report.year == 2021
    assert (report.template, report.template_basis) == ("2021", "tables")
    assert any("模板判断不一致" in warning for warning in report.warnings)


def test_the_table_shape_decides_when_no_notice_is_cited() -> None:
    values = {**BALANCED, "other": ("0", "0", "0", "0", "0", "0", "0")}
    text = report_text(applications_text(values, template="2019"), notice="《条例》")
    report = parse_text(text)
    assert (report.template, report.template_basis) == ("2019", "tables")


def test_an_unreadable_row_of_table_two_leaves_its_cells_unknown_and_the_rest_stands() -> None:
    text = report_text(applications_text(BALANCED))
    assert "行政处罚" in text
    broken = "\n".join(
        line + "\t9" if line.strip().startswith("行政处罚") else line for line in text.splitlines()
    )
    report = parse_text(broken)
    active = report.tables["active"]
    assert set(active["punishment"].values()) == {None}
    assert active["licensing"]["decisions"] is not None
    assert any("punishment" in warning for warning in report.warnings)


def test_a_mismatch_in_a_row_read_by_its_likeness_is_a_doubt_not_the_reports_fault() -> None:
    values = {**BALANCED, "denied_enforcement_file": ("1", "0", "0", "0", "0", "0", "1")}
    text = applications_text(values).replace("属于行政执法案卷", "属于行政执发案卷")
    report = parse_text(report_text(text))
    statuses = {check.rule: check.status for check in report.checks}
    assert statuses["applications_results_total"] == "doubtful"
    assert report.consistency_status != "fail"
    doubtful = next(c for c in report.checks if c.status == "doubtful")
    assert "读取存疑" in doubtful.message


def test_the_same_mismatch_in_a_row_read_by_its_label_is_the_reports_own_error() -> None:
    values = {**BALANCED, "denied_enforcement_file": ("1", "0", "0", "0", "0", "0", "1")}
    report = parse_text(report_text(applications_text(values)))
    statuses = {check.rule: check.status for check in report.checks}
    assert statuses["applications_results_total"] == "fail"
    assert report.consistency_status == "fail"
