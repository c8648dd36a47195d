"""A synthetic corpus for search benchmarks, recombined from the real seed reports.

Every document is a report of a real region (``parsers/data/admin-divisions``) and a real agency
kind (``parsers/data/agency_kinds.txt``), years 2008–2025, 5–30 KB of text: paragraphs of the five
demo seeds in a random order, the seed agencies' names replaced by the generated agency, plus a
few sentences with varying numbers (``收到政府信息公开申请12件``) so number queries select subsets.
Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from figures.values import known_figure_values
from index.backend import IndexDocument

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "demo_portal" / "seeds"
DIVISIONS_DIR = ROOT / "parsers" / "data" / "admin-divisions"
AGENCY_KINDS_FILE = ROOT / "parsers" / "data" / "agency_kinds.txt"
SEED_AGENCIES = (
    "灵武市科学技术局",
    "金凤区科学技术局",
    "吴忠市科学技术局",
    "巴彦淖尔市科学技术局",
    "海原县科学技术局",
    "灵武市科技局",
    "巴彦淖尔市科技局",
)
MIN_CHARS, MAX_CHARS = 5 * 1024 // 3, 30 * 1024 // 3  # 5–30 KB of UTF-8, 3 bytes per character
YEARS = range(2008, 2026)


@dataclass(frozen=True)
class Region:
    """A region at some level with its parents."""

    level: str
    province: str
    city: str | None
    county: str | None

    @property
    def name(self) -> str:
        return self.county or self.city or self.province


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DIVISIONS_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_regions() -> list[Region]:
    """Provinces, prefecture-level cities and counties of China."""
    provinces = {row["code"]: row["name"] for row in _read_csv("provinces.csv")}
    cities = {row["code"]: row for row in _read_csv("cities.csv")}
    regions = [Region("province", name, None, None) for name in provinces.values()]
    for row in cities.values():
        if row["name"] not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            regions.append(Region("city", provinces[row["provinceCode"]], row["name"], None))
    for row in _read_csv("areas.csv"):
        city = cities.get(row["cityCode"], {}).get("name")
        if city in (None, "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            city = None
        regions.append(Region("county", provinces[row["provinceCode"]], city, row["name"]))
    return regions


def load_agency_kinds() -> list[str]:
    """The controlled vocabulary of agency kinds."""
    lines = AGENCY_KINDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def load_paragraphs() -> list[str]:
    """Every non-empty line of the seed reports."""
    paragraphs: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        paragraphs.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [p for p in paragraphs if p]


def _numbers_paragraph(rng: random.Random, agency: str, year: int) -> str:
    received = rng.choice([0, 0, 0, 1, 2, 3, 5, 5, 8, 12, 15, 23, 40])
    if received == 0:
        applications = f"{year}年，{agency}未收到政府信息公开申请。"
    else:
        applications = f"{year}年，{agency}共收到政府信息公开申请{received}件，均已按期答复。"
    hotline = rng.choice(
        ["", f"办理12345热线工单{rng.randint(1, 60)}件。", "全社会R&D经费投入持续增长。"]
    )
    return applications + hotline + f"举办政府开放日活动{rng.randint(1, 6)}场。" * rng.randint(0, 1)


#: Version of :func:`report_figures` (part of the corpus fingerprint).
FIGURES_VERSION = "figures-1"


def report_figures(report_id: int, seed: int) -> dict[str, float]:
    """Deterministic statistics tables of one synthetic report, as the index stores them (its
    own random stream: the texts stay those of earlier corpora)."""
    rng = random.Random(seed * 1_000_003 + report_id)
    if rng.random() < 0.15:
        return {}  # no readable tables
    new = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 35, 60, 120, 400])
    granted = rng.randint(0, new)
    partial = rng.randint(0, new - granted)
    unavailable = new - granted - partial
    reviews = rng.choice([0, 0, 0, 1, 2, 3, 5, 10])
    corrected = rng.randint(0, reviews)
    pending = rng.randint(0, reviews - corrected)
    tables = {
        "applications": {
            "new": {"total": new, "natural_person": new},
            "carried_over": {"total": 0},
            "granted": {"total": granted},
            "partial": {"total": partial},
            "unavailable_not_held": {"total": unavailable},
            "results_total": {"total": new},
            "carried_forward": {"total": 0},
        },
        "reviews": {
            "review": {
                "corrected": corrected,
                "pending": pending,
                "upheld": reviews - corrected - pending,
                "other": 0,
                "total": reviews,
            },
            "litigation": {"total": rng.choice([0, 0, 0, 1, 2]), "corrected": 0, "pending": 0},
        },
    }
    return known_figure_values(tables)


def corpus_fingerprint(count: int, seed: int = 20240501) -> str:
    """A hash of everything :func:`generate_corpus` draws on (regions, kinds, seed paragraphs,
    size, seed): an index built from another corpus must not be reused as if it were this one."""
    digest = hashlib.sha256(f"{count}:{seed}:{FIGURES_VERSION}".encode())
    for region in load_regions():
        digest.update(repr(region).encode())
    digest.update("\n".join(load_agency_kinds()).encode())
    digest.update("\n".join(load_paragraphs()).encode())
    return digest.hexdigest()


def generate_corpus(count: int, seed: int = 20240501) -> Iterator[IndexDocument]:
    """``count`` deterministic synthetic reports with ids 1…count."""
    rng = random.Random(seed)
    regions = load_regions()
    kinds = load_agency_kinds()
    paragraphs = load_paragraphs()
    for report_id in range(1, count + 1):
        region = rng.choice(regions)
        kind = rng.choice(kinds)
        agency = region.name + kind
        year = rng.choice(YEARS)
        title = f"{agency}{year}年政府信息公开工作年度报告"
        target = rng.randint(MIN_CHARS, MAX_CHARS)
        parts = [title, _numbers_paragraph(rng, agency, year)]
        size = sum(map(len, parts))
        while size < target:
            paragraph = rng.choice(paragraphs)
            parts.append(paragraph)
            size += len(paragraph)
        body = "\n".join(parts)
        for seed_agency in SEED_AGENCIES:
            body = body.replace(seed_agency, agency)
        template = "2021" if year >= 2021 else "2019" if year >= 2019 else "pre2019"
        published = dt.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
        yield IndexDocument(
            id=report_id,
            title=title,
            agency=agency,
            body=body,
            agency_kind=kind,
            province=region.province,
            city=region.city,
            county=region.county,
            level=region.level,
            year=year,
            template=template,
            published=published if rng.random() > 0.1 else None,
            consistency=rng.choice(["pass", "pass", "fail", "unchecked"]),
            url=f"https://example.gov.cn/reports/{report_id}.html",
            figures=report_figures(report_id, seed),
        )
