"""The accountability rules on reports built for each case: deadlines, completeness, stocks."""

from __future__ import annotations

import datetime as dt

import pytest

from accountability.completeness import completeness
from accountability.evaluate import parse_township_deadlines
from accountability.rules import RULES, RULES_BY_ID
from accountability.stock_flow import stock_flow
from accountability.timeliness import deadline_for, timeliness


@pytest.mark.parametrize(
    ("year", "level", "kind", "expected"),
    [
        (2023, "county", "公安局", dt.date(2024, 1, 31)),  # a department: 1月31日
        (2023, "city", "人民政府", dt.date(2024, 3, 31)),  # a government: 3月31日
        (2023, "central", "海关总署", dt.date(2024, 1, 31)),  # a State Council department
        (2023, "township", "人民政府", dt.date(2024, 3, 31)),  # a township: local rule, default
        (2017, "county", "公安局", dt.date(2018, 3, 31)),  # the 2008 条例: 3月31日 for all
    ],
)
def test_the_deadline_follows_article_49(
    year: int, level: str, kind: str, expected: dt.date
) -> None:
    assert deadline_for(year, level, kind, "四川省").date == expected


def test_a_province_may_set_its_own_township_deadline() -> None:
    rules = parse_township_deadlines("浙江省=02-28；广东省=03-15")
    assert rules == {"浙江省": (2, 28), "广东省": (3, 15)}
    assert deadline_for(2023, "township", "人民政府", "浙江省", rules).date == dt.date(2024, 2, 28)
    assert deadline_for(2023, "county", "公安局", "浙江省", rules).date == dt.date(2024, 1, 31)


def _timeliness(published: dt.date | None, first_seen: dt.datetime | None, **tags: object):  # type: ignore[no-untyped-def]
    values = {"year": 2023, "level": "county", "agency_kind": "公安局", "province": "四川省"}
    values.update(tags)
    return timeliness(published=published, first_seen=first_seen, **values)  # type: ignore[arg-type]


def test_on_time_a_day_late_and_without_a_date() -> None:
    assert _timeliness(dt.date(2024, 1, 31), None).status == "pass"
    late = _timeliness(dt.date(2024, 2, 1), None)
    assert late.status == "fail" and late.evidence["days_late"] == 1 and "逾期 1 天" in late.message
    seen_early = _timeliness(None, dt.datetime(2024, 1, 20, 8))
    assert seen_early.status == "pass" and "期限前已采集" in seen_early.message
    seen_late = _timeliness(None, dt.datetime(2024, 6, 1))
    assert seen_late.status == "unknown" and "无法判断" in seen_late.message
    assert _timeliness(None, None, year=None).status == "unknown"


def test_a_consolidated_government_report_has_until_march() -> None:
    government = _timeliness(dt.date(2024, 3, 20), None, agency_kind="人民政府")
    department = _timeliness(dt.date(2024, 3, 20), None)
    assert government.status == "pass" and department.status == "fail"


SIX = [{"number": n, "heading": "", "text": "内容"} for n in range(1, 7)]


def _tables(blank: bool = False) -> dict:
    return {
        "active": {"rules": {"made": 0, "repealed": 0, "in_force": 3}},
        "applications": {"new": {"total": None if blank else 2}},
        "reviews": {"review": {"total": 0}},
    }


def test_a_complete_report_passes_every_completeness_rule() -> None:
    findings = {f.rule: f for f in completeness(SIX, _tables(), 2023)}
    assert {f.status for f in findings.values()} == {"pass"}
    assert set(findings) == {
        "completeness.sections",
        "completeness.tables",
        "completeness.blank_cells",
        "completeness.problems",
    }


def test_missing_sections_tables_blank_cells_and_an_empty_fifth_part_fail() -> None:
    sections = [s for s in SIX if s["number"] != 6]
    sections[4] = {"number": 5, "heading": "", "text": "无。"}
    tables = _tables(blank=True)
    del tables["reviews"]
    findings = {f.rule: f for f in completeness(sections, tables, 2023)}
    assert findings["completeness.sections"].evidence["missing"] == ["其他需要报告的事项"]
    assert findings["completeness.tables"].evidence["missing"] == ["行政复议和行政诉讼"]
    assert findings["completeness.blank_cells"].evidence["cells"] == ["applications.new.total"]
    assert findings["completeness.problems"].status == "fail"


def test_tables_are_not_required_before_2019() -> None:
    rules = {f.rule for f in completeness(SIX, {}, 2017)}
    assert "completeness.tables" not in rules and "completeness.blank_cells" not in rules


def _active(in_force: int, made: int, repealed: int) -> dict:
    return {
        "active": {
            "normative_documents": {"made": made, "repealed": repealed, "in_force": in_force}
        }
    }


def test_stocks_carry_over_or_the_break_is_named() -> None:
    assert stock_flow(_active(12, 3, 1), _active(10, 2, 0), 2022).status == "pass"
    broken = stock_flow(_active(15, 3, 1), _active(10, 2, 0), 2022)
    assert broken.status == "fail" and "应为 12 件" in broken.message
    assert stock_flow(_active(12, 3, 1), None, None).status == "unknown"
    assert stock_flow({}, _active(10, 2, 0), 2022).status == "unknown"


def test_every_rule_has_a_stable_id_a_name_and_a_description() -> None:
    assert len(RULES_BY_ID) == len(RULES)
    assert all(rule.id and rule.name and rule.description for rule in RULES)
