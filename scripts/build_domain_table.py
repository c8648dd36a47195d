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

from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.tagging.gazetteer import Division, build_gazetteer  # noqa: E402
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


#: Level words spelt out after a full pinyin name (``qinzhouqu``, ``linyixian``).
LEVEL_SYLLABLES = {"区": "qu", "县": "xian", "市": "shi", "旗": "qi"}
#: Most spellings kept for one name with several readings (朝阳: chaoyang, zhaoyang).
MAX_READINGS = 4
#: Characters whose second reading place names use (朝阳 chaoyang, 乐清 yueqing, 六安 lu'an); a
#: rare reading of any other character would only add noise (白山 is never boshan).
PLACE_POLYPHONES = frozenset("朝长重乐六番单莘解会都行蚌厦尉曲藏降")


def readings(text: str) -> list[list[str]]:
    """The syllables of ``text`` under each reading of its polyphonic characters (at most four)."""
    choices = pinyin(text, style=Style.NORMAL, heteronym=True)
    spelt = [[syllables[0] for syllables in choices]]
    for position, syllables in enumerate(choices):
        if text[position] not in PLACE_POLYPHONES:
            continue
        for alternative in syllables[1:]:
            if len(spelt) >= MAX_READINGS:
                break
            spelt.append([*spelt[0][:position], alternative, *spelt[0][position + 1 :]])
    return spelt


def own_labels(name: str, stems: list[str]) -> tuple[set[str], set[str]]:
    """``(labels, initials)`` a division's own name may be written as: each short form's full
    pinyin and initials, the name's initials, and the full pinyin with its level word
    (``baiyinqu``)."""
    labels: set[str] = set()
    initials: set[str] = set()
    for stem, syllables in ((form, s) for form in stems for s in readings(form)):
        full = "".join(syllables)
        labels.add(full)
        initials.add("".join(s[0] for s in syllables))
        if name[-1] in LEVEL_SYLLABLES and name != stem:
            labels.add(full + LEVEL_SYLLABLES[name[-1]])
    for syllables in readings(name):
        initials.add("".join(s[0] for s in syllables))
    return labels, initials


def labels_for(
    name: str, stems: list[str], province_code: str, parents: list[tuple[str, list[str]]]
) -> set[str]:
    """Candidate host labels for one division; ``parents`` are the enclosing city's (or, under a
    直辖市, the province's) name and stem: a county's portal often carries its city's initials
    first (``fzja`` for 福州市晋安区, ``kmpl`` for 昆明市盘龙区)."""
    labels, initials = own_labels(name, stems)
    labels |= {i for i in initials if len(i) >= 3}
    for prefix in PROVINCE_PREFIXES[province_code]:
        labels.update(prefix + i for i in initials)
        labels.update(prefix + full for full in list(labels) if not full.startswith(prefix))
    for parent_name, parent_stems in parents:
        _, parent_initials = own_labels(parent_name, parent_stems)
        labels.update(p + i for p in parent_initials for i in initials if len(p) >= 2)
    return {label for label in labels if label.isascii() and label.isalpha() and len(label) >= 3}


def _name_and_stems(division: Division) -> tuple[str, list[str]]:
    """A division's name and its short forms (the name itself when it has none)."""
    forms = short_forms(division.name, division.level)
    return division.name, [form for form, _ in forms] or [division.name]


def main() -> None:
    """Write the table."""
    gazetteer = build_gazetteer()
    table: dict[str, set[str]] = {}
    #: Full pinyin names of prefecture-level cities: the city owns that portal name (taian.gov.cn
    #: is 泰安市, not 台安县; jining.gov.cn is 济宁市, not 集宁区).
    city_names: dict[str, set[str]] = {}
    for division in gazetteer.divisions.values():
        if division.level not in ("city", "county"):
            continue
        name, stems = _name_and_stems(division)
        if division.name.endswith(("开发区", "园区", "新区", "管理区")) and stems == [name]:
            continue
        parents = []
        if division.level == "county":
            parent = gazetteer.divisions.get(division.parent_code or "")
            if parent is not None:
                parents.append(_name_and_stems(parent))
        for label in labels_for(name, stems, division.province_code, parents):
            table.setdefault(label, set()).add(division.code)
        if division.level == "city":
            for syllables in (s for stem in stems for s in readings(stem)):
                city_names.setdefault("".join(syllables), set()).add(division.code)
    for label, cities in city_names.items():
        if len(cities) == 1:
            table[label] = cities
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["label", "codes"])
        for label in sorted(table):
            writer.writerow([label, ";".join(sorted(table[label]))])
    print(f"{len(table)} labels written to {OUTPUT}")


if __name__ == "__main__":
    main()
