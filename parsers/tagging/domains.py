"""Regions from a report's URL: ``www.nx.gov.cn`` → 宁夏, ``zjc.gov.cn`` → 张家川回族自治县.

Two tables: ``domains.csv``, written by hand (province portals and known city/county portals,
authoritative), and ``domains_generated.csv`` (pinyin and initials of every city and county, made
by ``scripts/build_domain_table.py``; a label shared by several places is ambiguous evidence).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from parsers.tagging.gazetteer import Division, get_gazetteer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Host labels that name a service, not a place.
SERVICE_LABELS = frozenset(
    {
        "www",
        "gov",
        "cn",
        "com",
        "net",
        "org",
        "xxgk",
        "zwgk",
        "gk",
        "zfxxgk",
        "xxgkml",
        "wap",
        "m",
        "kjj",
        "kjt",
        "jyj",
        "jyt",
        "czj",
        "czt",
        "gaj",
        "mzj",
        "sfj",
        "rsj",
        "zjj",
        "fgw",
        "wjw",
        "sthjj",
        "zrzyj",
        "nync",
        "nyncj",
        "yjj",
        "swj",
        "tjj",
        "sjj",
        "ybj",
        "zwfw",
        "portal",
    }
)


@lru_cache(maxsize=1)
def domain_tables() -> tuple[dict[str, tuple[Division, ...]], dict[str, tuple[Division, ...]]]:
    """``(hand-written table, generated table)``: host label → divisions."""
    gazetteer = get_gazetteer()
    manual: dict[str, tuple[Division, ...]] = {}
    with (DATA_DIR / "domains.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            province = gazetteer.divisions[row["province_code"]]
            if not row["name"]:
                manual[row["label"]] = (province,)
                continue
            matches = [d for d in gazetteer.lookup(row["name"]) if d.province_code == province.code]
            if len(matches) != 1:
                raise ValueError(f"domain {row['label']!r}: {row['name']!r} matches {len(matches)}")
            manual[row["label"]] = (matches[0],)
    generated: dict[str, tuple[Division, ...]] = {}
    with (DATA_DIR / "domains_generated.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            generated[row["label"]] = tuple(gazetteer.divisions[c] for c in row["codes"].split(";"))
    return manual, generated


@lru_cache(maxsize=1)
def host_kind_table() -> dict[str, str]:
    """Host labels of department sites and the kind they stand for (``slj`` → ``水利局``)."""
    with (DATA_DIR / "host_kinds.csv").open(encoding="utf-8", newline="") as handle:
        return {row["label"]: row["kind"] for row in csv.DictReader(handle)}


def kind_for_url(url: str | None) -> str | None:
    """The kind of body a department's own site names (``slj.huzhou.gov.cn`` → ``水利局``), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    labels = host.lower().split(".")
    if labels[-2:] == ["gov", "cn"] and len(labels) >= 4:
        return host_kind_table().get(labels[-4])
    return None


def host_labels(url: str) -> list[str]:
    """Place-like labels of a URL's host, the registered one first (``kjj.yinchuan.gov.cn`` → ``yinchuan``)."""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return []
    labels = host.lower().split(".")
    if labels[-2:] == ["gov", "cn"]:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    return [label for label in reversed(labels) if label and label not in SERVICE_LABELS]


#: Central bodies whose provincial offices sit on ``<province code>.<body>.gov.cn``
#: (``gz.cma.gov.cn`` is 贵州省气象局, not 广州).
CENTRAL_SITES = frozenset({"cma", "stats", "customs", "mem", "mnr", "samr", "nmpa"})
#: Two-letter province codes (GB/T 2260 abbreviations) those sites use, by province code.
PROVINCE_CODES = {
    "bj": "11", "tj": "12", "he": "13", "sx": "14", "nm": "15", "ln": "21", "jl": "22",
    "hl": "23", "sh": "31", "js": "32", "zj": "33", "ah": "34", "fj": "35", "jx": "36",
    "sd": "37", "ha": "41", "hb": "42", "hn": "43", "gd": "44", "gx": "45", "hi": "46",
    "cq": "50", "sc": "51", "gz": "52", "yn": "53", "xz": "54", "sn": "61", "gs": "62",
    "qh": "63", "nx": "64", "xj": "65",
}  # fmt: skip


def divisions_for_url(url: str | None) -> list[tuple[tuple[Division, ...], bool]]:
    """For each place-like host label, ``(divisions, from_hand_table)``, the registered label first."""
    if not url:
        return []
    manual, generated = domain_tables()
    labels = host_labels(url)
    if len(labels) >= 2 and labels[0] in CENTRAL_SITES and labels[1] in PROVINCE_CODES:
        province = get_gazetteer().divisions[PROVINCE_CODES[labels[1]]]
        return [((province,), True)]
    found = []
    for position, label in enumerate(labels[:2]):
        if position == 1 and len(label) <= 2:
            continue  # js.dl.gov.cn: a short label below a place's portal names a department (建设)
        for variant in (label, label.replace("1", "l").replace("0", "o")):
            if variant in manual:
                found.append((manual[variant], True))
                break
            if variant in generated and (position == 0 or len(variant) >= 4):
                found.append((generated[variant], False))
                break
    return found
