"""Copied text: from the same agency's previous year, and between agencies of one year."""

from __future__ import annotations

from accountability.copies_across import CopyCandidate, closest_copies, copy_finding, judged_text
from accountability.copying import previous_year_copying, shared_passages, similarity

OVERVIEW = (
    "2023年，本局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于全面推进"
    "政务公开工作的决策部署，围绕中心工作，不断加大主动公开力度，规范依申请公开办理流程，全年主动公开"
    "政府信息356条，办理依申请公开12件，政务公开工作取得新成效。"
)
PROBLEMS = (
    "一是政策解读形式较为单一，图表图解、视频解读等运用不够；二是信息公开的及时性有待提高，个别栏目"
    "更新不够及时；三是工作人员业务能力有待提升。下一步将加强培训，丰富解读形式，加强栏目维护。"
)
OTHER = (
    "本年度，区教育局聚焦教育民生热点，公开招生入学政策、学校收费标准和教师招聘信息，开展校园开放日"
    "活动6次，回应家长关切问题120余个，并通过微信公众号发布政策解读图解15期，群众满意度持续提升。"
)


def sections(overview: str, problems: str) -> list[dict]:
    return [
        {"number": 1, "heading": "一、总体情况", "text": overview},
        {"number": 5, "heading": "五、存在的主要问题及改进情况", "text": problems},
    ]


def test_a_copy_with_new_numbers_is_still_a_copy() -> None:
    renumbered = OVERVIEW.replace("2023", "2024").replace("356", "412").replace("12件", "19件")
    assert similarity(OVERVIEW, renumbered) == 1.0
    assert (similarity(OVERVIEW, OTHER) or 0) < 0.2
    assert similarity("很短", "很短") is None


def test_last_years_text_copied_into_this_year_is_found() -> None:
    copied = previous_year_copying(sections(OVERVIEW, PROBLEMS), sections(OVERVIEW, PROBLEMS), 2022)
    verdicts = {f.rule: f for f in copied}
    assert verdicts["copying.previous_year"].status == "fail"
    assert "2022年度" in verdicts["copying.previous_year"].message
    assert verdicts["copying.problems_unchanged"].evidence["years"] == 1
    new_problems = (
        "本年度公开平台功能仍需完善，依申请公开答复文书的规范性有待提升，将开展专题培训。" * 2
    )
    fresh = previous_year_copying(sections(OTHER, new_problems), sections(OVERVIEW, PROBLEMS), 2022)
    assert {f.rule: f.status for f in fresh}["copying.previous_year"] == "pass"
    assert previous_year_copying(sections(OVERVIEW, PROBLEMS), None, None)[0].status == "unknown"


def test_a_copy_with_a_sentence_dropped_is_still_a_copy() -> None:
    shortened = "。".join(PROBLEMS.split("；")[:2])
    assert (similarity(OVERVIEW + PROBLEMS, OVERVIEW + shortened) or 0) >= 0.85


def test_problems_unchanged_for_several_years_are_counted() -> None:
    earlier = [{"rule": "copying.problems_unchanged", "status": "fail", "evidence": {"years": 2}}]
    findings = previous_year_copying(
        sections(OVERVIEW, PROBLEMS), sections(OVERVIEW, PROBLEMS), 2022, earlier
    )
    unchanged = {f.rule: f for f in findings}["copying.problems_unchanged"]
    assert unchanged.evidence["years"] == 3 and "连续 4 年" in unchanged.message


def test_copies_between_agencies_of_one_year_are_paired() -> None:
    texts = {
        1: ("甲县公安局", judged_text(sections(OVERVIEW, PROBLEMS))),
        2: ("乙县公安局", judged_text(sections(OVERVIEW.replace("356", "90"), PROBLEMS))),
        3: (
            "丙区教育局",
            judged_text(
                sections(
                    OTHER,
                    "本年度工作中还存在公开内容不够全面、解读不够深入等问题，将逐步改进完善。" * 2,
                )
            ),
        ),
    }
    candidates = [CopyCandidate(i, agency, text) for i, (agency, text) in texts.items()]
    closest = closest_copies(candidates)
    assert closest[1] is not None and closest[1].report_id == 2 and closest[1].similarity >= 0.85
    assert copy_finding(closest[1], True).status == "fail"
    assert closest[3] is None or closest[3].similarity < 0.85
    assert copy_finding(closest[3], True).status == "pass"


def test_the_same_agency_is_not_its_own_copy() -> None:
    text = judged_text(sections(OVERVIEW, PROBLEMS))
    closest = closest_copies(
        [CopyCandidate(1, "甲县公安局", text), CopyCandidate(2, "甲县公安局", text)]
    )
    assert closest == {1: None, 2: None}


def test_shared_passages_mark_the_sentences_the_other_year_says_too() -> None:
    before = "2022年，我局共收到申请5件，全部按时答复。\n公开内容不够全面，公开形式较为单一。"
    after = "2023年，我局共收到申请9件，全部按时答复。新增了政策解读栏目和在线访谈。\n公开内容不够全面，公开形式较为单一。"
    runs = shared_passages(after, before)
    assert "".join(text for text, _ in runs) == after
    marked = [text.strip() for text, shared in runs if shared]
    assert marked == [
        "2023年，我局共收到申请9件，全部按时答复。",
        "公开内容不够全面，公开形式较为单一。",
    ]
    assert ("新增了政策解读栏目和在线访谈。", False) in runs
    assert all(not shared for _, shared in shared_passages(after, "完全不同的一段文字。"))
