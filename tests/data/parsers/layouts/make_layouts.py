"""Builds the layout fixtures of tests/parsers/test_layouts.py and scripts/table_accuracy.py.

Run ``.venv/bin/python tests/data/parsers/layouts/make_layouts.py`` to (re)write the files and
``expected.json`` (file name → the tables, template and check results the parser must give).
Each fixture models how real portals publish the 2019/2021 templates: Word-exported HTML with
rowspans and ``<p><span>`` cells, tables cut in two at a page break, DOCX, two-page PDF tables,
tab-separated text, pre-2019 free-form prose, and the chrome of the main CMS families.
"""

from __future__ import annotations

import html
import json
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cms_pages import wrap
from layout_tables import (
    ACTIVE_WIDTHS,
    APPLICATION_WIDTHS,
    REVIEW_WIDTHS,
    Layout,
    active_layout,
    applications_layout,
    cell_per_line_table,
    clip,
    docx_document,
    html_table,
    pdf_document,
    pdf_dump_table,
    pdf_table,
    reviews_layout,
    text_table,
)
from layout_values import (
    ACTIVE_2019,
    ACTIVE_2021,
    APPLICANTS,
    COLUMNS,
    REVIEWS,
    add_to_result,
    applications_values,
    unbalanced,
)

HERE = Path(__file__).resolve().parent
NOTICES = {"2021": "国办公开办函〔2021〕30号", "2019": "国办公开办函〔2019〕60号"}
HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
CLOSING = "本年度未收取信息处理费。"


def prose(phrase: str, apps: dict[str, Any]) -> str:
    """The 依申请公开 sentence of section 一 in one of the phrasings portals use."""
    new, carried = apps["new"]["total"], apps["carried_over"]["total"]
    return {
        "received": f"本年度共收到政府信息公开申请{new}件，均在法定期限内答复。",
        "new_and_carried": f"本年度新收申请{new}件，上年结转{carried}件，已全部办结。",
        "accepted": f"全年受理依申请公开{new}件，按时办结率100%。",
        "sum": f"全年共受理政府信息公开申请{new + carried}件（含上年结转{carried}件）。",
    }[phrase]


def checks_for(
    apps: dict[str, Any] | None, reviews: dict[str, Any] | None, phrase: str = "received"
) -> dict[str, Any]:
    """The expected checks, computed from the fixture's numbers (None cells: blank).

    The prose agrees with 本年新收 总计 unless its sentence sums new and carried-over cases
    (``sum``), which must not be compared.
    """
    result: dict[str, Any] = {}
    if apps is not None:
        if phrase == "sum":
            result["text_vs_tables"] = {"status": "not_assessable", "cells": []}
        elif apps["new"]["total"] is None:
            result["text_vs_tables"] = {
                "status": "not_assessable",
                "cells": ["applications.new.total"],
            }
        else:
            result["text_vs_tables"] = {"status": "pass", "cells": ["applications.new.total"]}
    if apps is not None:
        results = [
            k for k in apps if k not in ("new", "carried_over", "results_total", "carried_forward")
        ]
        balance = [
            ((f"new.{c}", f"carried_over.{c}"), (f"results_total.{c}", f"carried_forward.{c}"))
            for c in COLUMNS
        ]
        totals = [((f"results_total.{c}",), tuple(f"{r}.{c}" for r in results)) for c in COLUMNS]
        columns = [((f"{r}.total",), tuple(f"{r}.{c}" for c in APPLICANTS)) for r in apps]
        for rule, equations in (
            ("applications_balance", balance),
            ("applications_results_total", totals),
            ("applications_column_total", columns),
        ):
            result[rule] = evaluate(apps, equations, "applications")
    if reviews is not None:
        parts = ("upheld", "corrected", "other", "pending")
        equations = [((f"{g}.total",), tuple(f"{g}.{p}" for p in parts)) for g in reviews]
        result["reviews_totals"] = evaluate(reviews, equations, "reviews")
    return result


def evaluate(
    table: dict[str, Any], equations: Sequence[tuple[tuple[str, ...], ...]], name: str
) -> dict[str, Any]:
    def value(cell: str) -> Any:
        row, column = cell.split(".")
        return table[row][column]

    failing: list[str] = []
    blank: list[str] = []
    for left, right in equations:
        cells = [*left, *right]
        if any(value(cell) is None for cell in cells):
            blank += [cell for cell in cells if value(cell) is None]
        elif abs(sum(value(c) for c in left) - sum(value(c) for c in right)) > 1e-6:
            failing += cells
    if failing:
        return {"status": "fail", "cells": sorted({f"{name}.{c}" for c in failing})}
    if blank:
        return {"status": "not_assessable", "cells": sorted({f"{name}.{c}" for c in blank})}
    return {"status": "pass", "cells": []}


def html_blocks(
    template: str,
    sentence: str,
    tables: dict[str, Sequence[str]],
) -> list[str]:
    """The body of a report page as HTML blocks (paragraphs and tables)."""
    notice = NOTICES[template]
    blocks = [
        '<p style="text-indent:2em"><span style="font-family:仿宋_GB2312;font-size:16pt">'
        "根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（{notice}）要求，编制本报告。</span></p>"
    ]
    sections = {
        1: [f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(sentence)}</p>"],
        2: list(tables.get("active", [])),
        3: list(tables.get("applications", [])),
        4: list(tables.get("reviews", [])),
        5: ["<p>　　一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训。</p>"],
        6: [f"<p>　　{CLOSING}</p>"],
    }
    for number, heading in enumerate(HEADINGS, start=1):
        blocks.append(f'<p style="text-indent:2em"><strong><span>{heading}</span></strong></p>')
        blocks.extend(sections[number])
    blocks.append('<p style="text-align:right">示范市教育局<br>2022年1月20日</p>')
    return blocks


def html_case(
    family: str,
    template: str,
    apps: dict[str, Any],
    *,
    phrase: str = "received",
    word: bool = True,
    corner: str = "note",
    broken: bool = False,
    split_at: int | None = None,
    repeat_header: bool = False,
    reviews: dict[str, Any] = REVIEWS,
    vertical_reviews: bool = False,
    split_reviews: bool = False,
    formatter: Callable[[str, str, Any], str] | None = None,
    expected_apps: dict[str, Any] | None = None,
    active: dict[str, Any] | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """A portal page and what the parser must read from it."""
    kwargs: dict[str, Any] = {"corner": corner, "broken_labels": broken}
    if formatter is not None:
        kwargs["formatter"] = formatter
    layout = applications_layout(apps, template, **kwargs)
    if split_at is None:
        application_tables = [html_table(layout, word=word)]
    else:
        second = clip(layout, split_at, len(layout))
        if repeat_header:
            second = clip(layout, 0, 3) + second
        application_tables = [
            html_table(clip(layout, 0, split_at), word=word),
            '<p style="page-break-before:always">&nbsp;</p>',
            html_table(second, word=word),
        ]
    active_values = active or (ACTIVE_2019 if template == "2019" else ACTIVE_2021)
    review_layout = reviews_layout(
        reviews, vertical_labels=vertical_reviews, split_numbers=split_reviews
    )
    expected = expected_apps if expected_apps is not None else apps
    sentence = prose(phrase, expected if expected["new"]["total"] is not None else apps)
    blocks = html_blocks(
        template,
        sentence,
        {
            "active": [html_table(active_layout(active_values, template), word=word)],
            "applications": application_tables,
            "reviews": [html_table(review_layout, word=word)],
        },
    )
    title = f"示范市教育局{2021 if template == '2021' else 2020}年政府信息公开工作年度报告"
    page = wrap(family, blocks, title=title, agency="示范市教育局", site="示范市人民政府")
    return page.encode("utf-8"), {
        "template": template,
        "tables": {"active": active_values, "applications": expected, "reviews": reviews},
        "checks": checks_for(expected, reviews, phrase),
        "paragraphs": [sentence, CLOSING],
    }


def grouped(number: Any) -> str:
    return f"{number:,}"


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def formats(row: str, column: str, value: Any) -> str:
    """Numbers as careless hands type them: 1,234, full-width, padded with &nbsp; and spaces."""
    if column in ("natural_person", "total"):
        return grouped(value)
    if column == "commercial":
        return str(value).translate(FULL_WIDTH)
    if column == "research":
        return f"\xa0{value}\xa0"
    if column == "public_interest":
        return f" {value} "
    return str(value)


BLANKS = ("—", "-", "/", "无", "", "\xa0", "－", "——")
DENIED = (
    "denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement_file", "denied_query",
)  # fmt: skip


def blank_markers(row: str, column: str, value: Any) -> str:
    """The 不予公开 rows written with dashes, slashes, 无 and nothing; 本年新收 总计 left empty."""
    if row in DENIED:
        return BLANKS[(DENIED.index(row) + COLUMNS.index(column)) % len(BLANKS)]
    if row == "new" and column == "total":
        return ""
    return str(value)


def with_blanks(apps: dict[str, Any]) -> dict[str, Any]:
    expected = {row: dict(values) for row, values in apps.items()}
    for row in DENIED:
        expected[row] = dict.fromkeys(COLUMNS)
    expected["new"]["total"] = None
    return expected


def docx_case(
    template: str, apps: dict[str, Any], split_at: int | None
) -> tuple[bytes, dict[str, Any]]:
    """A Word report; table 三 cut into two Word tables at ``split_at``."""
    layout = applications_layout(apps, template, broken_labels=True)
    parts: list[Layout] = (
        [layout]
        if split_at is None
        else [clip(layout, 0, split_at), clip(layout, split_at, len(layout))]
    )
    active = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    sentence = prose("received", apps)
    blocks: list[Any] = [f"根据《条例》和（{NOTICES[template]}）要求，编制本报告。"]
    content: dict[int, list[Any]] = {
        1: [sentence],
        2: [active_layout(active, template)],
        3: [parts[0], "", *parts[1:]],
        4: [reviews_layout(REVIEWS, vertical_labels=True)],
        5: ["解读形式较为单一。"],
        6: [CLOSING],
    }
    for number, heading in enumerate(HEADINGS, start=1):
        blocks.append(heading)
        blocks.extend(content[number])
    data = docx_document(blocks, "示范区卫生健康委员会政府信息公开工作年度报告")
    return data, {
        "template": template,
        "tables": {"active": active, "applications": apps, "reviews": REVIEWS},
        "checks": checks_for(apps, REVIEWS),
        "paragraphs": [sentence, CLOSING],
    }


def legacy_word_case(
    template: str, apps: dict[str, Any], split_at: int | None
) -> tuple[bytes, dict[str, Any]]:
    """The Word report saved as Word 97 (.doc), as most pre-2020 attachments are; needs soffice."""
    data, truth = docx_case(template, apps, split_at)
    with tempfile.TemporaryDirectory() as workdir:
        source = Path(workdir) / "report.docx"
        source.write_bytes(data)
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{workdir}/profile",
             "--convert-to", "doc:MS Word 97", "--outdir", workdir, str(source)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return (Path(workdir) / "report.doc").read_bytes(), truth


def pdf_case(template: str, apps: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """A PDF whose table 三 runs over a page break, its three header rows repeated on page 2."""
    active = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    sentence = prose("accepted", apps)
    blocks: list[Any] = [f"根据《条例》和（{NOTICES[template]}）要求，编制本报告。"]
    content: dict[int, list[Any]] = {
        1: [sentence, 40],  # pushes table 三 over the page break
        2: [pdf_table(active_layout(active, template), ACTIVE_WIDTHS)],
        3: [pdf_table(applications_layout(apps, template), APPLICATION_WIDTHS, repeat_rows=3)],
        4: [pdf_table(reviews_layout(REVIEWS), REVIEW_WIDTHS)],
        5: ["解读形式较为单一。"],
        6: [CLOSING],
    }
    for number, heading in enumerate(HEADINGS, start=1):
        blocks.append(heading)
        blocks.extend(content[number])
    data = pdf_document(blocks, "示范县交通运输局政府信息公开工作年度报告")
    return data, {
        "template": template,
        "tables": {"active": active, "applications": apps, "reviews": REVIEWS},
        "checks": checks_for(apps, REVIEWS),
        "paragraphs": [sentence, CLOSING],
    }


def markdown_case(template: str, apps: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """Text converted from a web page to markdown: ``#`` headings, ``**`` bold, tab tables."""
    active = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    sentence = prose("new_and_carried", apps)
    lines = [
        "# 示范县科学技术局",
        "",
        "## 2021 年政府信息公开工作年度报告",
        "",
        f"根据《条例》和（{NOTICES[template]}）要求，编制本报告。",
        "",
    ]
    content = {
        1: [f"**（一）依申请公开情况。**{sentence}"],
        2: text_table(active_layout(active, template)),
        3: text_table(applications_layout(apps, template)),
        4: text_table(reviews_layout(REVIEWS)),
        5: ["**一是**解读形式较为单一。"],
        6: [CLOSING],
    }
    for number, heading in enumerate(HEADINGS, start=1):
        lines += [f"### {heading}" if number % 2 else f"**{heading}**", "", *content[number], ""]
    return "\n".join(lines).encode("utf-8"), {
        "template": template,
        "tables": {"active": active, "applications": apps, "reviews": REVIEWS},
        "checks": checks_for(apps, REVIEWS, "new_and_carried"),
        "paragraphs": [f"（一）依申请公开情况。{sentence}", "一是解读形式较为单一。", CLOSING],
    }


def plain_text_case(
    template: str, apps: dict[str, Any], render: Callable[[Layout], list[str]]
) -> tuple[bytes, dict[str, Any]]:
    """A plain-text report whose tables are laid out by ``render`` (cell per line, PDF dump …)."""
    active = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    sentence = prose("new_and_carried", apps)
    lines = ["示范县农业农村局", "2021年政府信息公开工作年度报告", ""]
    lines.append(f"根据《条例》和（{NOTICES[template]}）要求，编制本报告。")
    content = {
        1: [f"（一）依申请公开情况。{sentence}"],
        2: render(active_layout(active, template)),
        3: render(applications_layout(apps, template)),
        4: render(reviews_layout(REVIEWS)),
        5: ["一是解读形式较为单一。"],
        6: [CLOSING],
    }
    for number, heading in enumerate(HEADINGS, start=1):
        lines += [heading, *content[number], ""]
    return "\n".join(lines).encode("utf-8"), {
        "template": template,
        "tables": {"active": active, "applications": apps, "reviews": REVIEWS},
        "checks": checks_for(apps, REVIEWS, "new_and_carried"),
        "paragraphs": [f"（一）依申请公开情况。{sentence}", "一是解读形式较为单一。", CLOSING],
    }


PRE_2019_HEADINGS = (
    "一、概述",
    "二、主动公开政府信息的情况",
    "三、依申请公开政府信息情况",
    "四、政府信息公开的收费及减免情况",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "六、政府信息公开工作存在的主要问题及改进情况",
)


def pre2019_case() -> tuple[bytes, dict[str, Any]]:
    """A 2015 report: free-form prose under the old six headings, no statistics tables."""
    bodies = [
        "根据《中华人民共和国政府信息公开条例》要求，特公布2015年度本局政府信息公开年度报告。",
        "2015年，本局通过门户网站主动公开政府信息1,286条，其中规范性文件12件。",
        "2015年，本局共受理政府信息公开申请12件，其中当面申请3件、网上申请9件。已按时答复12件。",
        "2015年，本局未收取政府信息公开相关费用。",
        "2015年，本局未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
        "公开内容不够丰富。下一步将进一步完善公开目录。",
    ]
    lines = ["示范县民政局2015年政府信息公开工作年度报告", ""]
    for heading, body in zip(PRE_2019_HEADINGS, bodies, strict=True):
        lines += [heading, "", f"    {body}", ""]
    return "\n".join(lines).encode("gb18030"), {
        "template": "pre2019",
        "tables": {},
        "checks": {"text_vs_tables": {"status": "not_assessable", "cells": []}},
        "paragraphs": bodies,
        "headings": list(PRE_2019_HEADINGS),
        "stated_new_applications": 12,
    }


def build_cases() -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Every fixture by file name."""
    a21 = applications_values("2021")
    a19 = applications_values("2019", seed=5)
    big = add_to_result(applications_values("2021", seed=3), "granted", "natural_person", 1200)
    formatted, formatted_expected = html_case("trs", "2021", big, formatter=formats)
    blanks, blanks_expected = html_case(
        "hanweb_zoom", "2021", a21, formatter=blank_markers, expected_apps=with_blanks(a21)
    )
    reviews_off = {**REVIEWS, "review": {**REVIEWS["review"], "total": 12}}
    return {
        "html_trs_2021_word.html": html_case("trs", "2021", a21, broken=True),
        "html_hanweb_2021_plain.html": html_case(
            "hanweb_zoom", "2021", a21, word=False, corner="empty", phrase="new_and_carried"
        ),
        "html_hanweb_bt_2021_unbalanced.html": html_case(
            "hanweb_bt", "2021", unbalanced(a21, "carried_forward", "research", 3)
        ),
        "html_dede_2021_wrong_results_total.html": html_case(
            "dede", "2021", unbalanced(a21, "granted", "commercial", 2), phrase="accepted"
        ),
        "html_vsb_2019.html": html_case("vsb", "2019", a19, broken=True),
        "html_vnews_2019_unbalanced.html": html_case(
            "v_news", "2019", unbalanced(a19, "carried_over", "natural_person", 4), word=False
        ),
        "html_trs_reviews_split_rows.html": html_case("trs", "2021", a21, split_reviews=True),
        "html_hanweb_reviews_vertical.html": html_case(
            "hanweb_zoom", "2021", a21, vertical_reviews=True, broken=True
        ),
        "html_dede_reviews_unbalanced.html": html_case("dede", "2021", a21, reviews=reviews_off),
        "html_trs_split_tables.html": html_case("trs", "2021", a21, split_at=13, phrase="sum"),
        "html_vsb_split_tables_repeated_header.html": html_case(
            "vsb", "2019", a19, split_at=17, repeat_header=True, word=False
        ),
        "html_trs_split_tables_unbalanced.html": html_case(
            "trs", "2021", unbalanced(a21, "rejected_repeat", "other_org", 1), split_at=9
        ),
        "html_trs_number_formats.html": (formatted, formatted_expected),
        "html_hanweb_blank_cells.html": (blanks, blanks_expected),
        "html_trs_sibling_containers.html": html_case("trs_siblings", "2021", a21),
        "html_no_container_sibling_divs.html": html_case("no_container", "2019", a19),
        "docx_2021_split_tables.docx": docx_case("2021", a21, split_at=14),
        "docx_2019_unbalanced.docx": docx_case(
            "2019", unbalanced(a19, "carried_forward", "legal_service", 2), split_at=None
        ),
        # Kingsoft WPS saves the same OLE2 Word binary under a .wps name.
        "doc_2021_word97.doc": legacy_word_case("2021", a21, split_at=14),
        "wps_2019_unbalanced.wps": legacy_word_case(
            "2019", unbalanced(a19, "granted", "other_org", 3), split_at=None
        ),
        "pdf_2021_two_pages.pdf": pdf_case("2021", a21),
        "pdf_2019_two_pages_unbalanced.pdf": pdf_case(
            "2019", unbalanced(a19, "unavailable_not_held", "public_interest", 5)
        ),
        "txt_2021_markdown.txt": markdown_case("2021", a21),
        "txt_2021_cell_per_line_unindented.txt": plain_text_case(
            "2021", a21, lambda layout: cell_per_line_table(layout)
        ),
        "txt_2021_cell_per_line_no_blank_lines.txt": plain_text_case(
            "2021",
            unbalanced(a21, "granted", "research", 1),
            lambda layout: cell_per_line_table(layout, blank_lines=False),
        ),
        "txt_2019_cell_per_line_indented.txt": plain_text_case(
            "2019", a19, lambda layout: cell_per_line_table(layout, indent="\t")
        ),
        "txt_2021_pdf_dump.txt": plain_text_case("2021", a21, pdf_dump_table),
        "txt_pre2019.txt": pre2019_case(),
    }


def main() -> None:
    """Write every fixture and ``expected.json``."""
    expected: dict[str, Any] = {}
    for name, (data, truth) in build_cases().items():
        (HERE / name).write_bytes(data)
        expected[name] = truth
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(expected)} fixtures to {HERE}")


if __name__ == "__main__":
    main()
