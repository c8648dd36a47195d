"""Generate ``parsers/data/domains_generated.csv``: likely gov.cn host labels of cities and counties.

Portals of prefectures and counties are usually named after the pinyin of the place (``yinchuan``),
its initials (``zjc`` for 张家川), or the province's abbreviation followed by either (``nxlw``,
``hljfy``). This script writes every such label with the divisions it could stand for; the tagger
treats a label shared by several divisions as ambiguous evidence. Needs ``pypinyin`` (dev only):

    python scripts/build_domain_table.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.tagging.gazetteer import build_gazetteer  # noqa: E402
from parsers.tagging.short_names import short_forms  # noqa: E402

PROVINCE_PREFIXES: dict[str, tuple[str, ...]] = {
    "11": ("bj",),
    "12": ("tj",),
    "13": ("hb", "he"),
    "14": ("sx",),
    "15": ("nmg", "nm"),
    "21": ("ln",),
    "22": ("jl",),
    "23": ("hlj",),
    "31": ("sh",),
    "32": ("js",),
    "33": ("zj",),
    "34": ("ah",),
    "35": ("fj",),
    "36": ("jx",),
    "37": ("sd",),
    "41": ("ha", "hn"),
    "42": ("hb",),
    "43": ("hn",),
    "44": ("gd",),
    "45": ("gx",),
    "46": ("hn", "hi"),
    "50": ("cq",),
    "51": ("sc",),
    "52": ("gz",),
    "53": ("yn",),
    "54": ("xz",),
    "61": ("sn", "sx"),
    "62": ("gs",),
    "63": ("qh",),
    "64": ("nx",),
    "65": ("xj",),
}
OUTPUT = ROOT / "parsers" / "data" / "domains_generated.csv"


def labels_for(name: str, stem: str, province_code: str) -> set[str]:
    """Candidate host labels for one division."""
    syllables = lazy_pinyin(stem)
    full = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    name_initials = "".join(s[0] for s in lazy_pinyin(name))
    labels = {full}
    if len(initials) >= 3:
        labels.add(initials)
    if len(name_initials) >= 3:
        labels.add(name_initials)
    for prefix in PROVINCE_PREFIXES[province_code]:
        labels.update({prefix + initials, prefix + full})
    return {label for label in labels if label.isascii() and label.isalpha() and len(label) >= 3}


def main() -> None:
    """Write the table."""
    gazetteer = build_gazetteer()
    table: dict[str, set[str]] = {}
    for division in gazetteer.divisions.values():
        if division.level not in ("city", "county"):
            continue
        forms = short_forms(division.name, division.level)
        stem = forms[0][0] if forms else division.name
        if division.name.endswith(("开发区", "园区", "新区", "管理区")) and not forms:
            continue
        for label in labels_for(division.name, stem, division.province_code):
            table.setdefault(label, set()).add(division.code)
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["label", "codes"])
        for label in sorted(table):
            writer.writerow([label, ";".join(sorted(table[label]))])
    print(f"{len(table)} labels written to {OUTPUT}")


if __name__ == "__main__":
    main()
