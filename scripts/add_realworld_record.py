"""Append one hand-labelled record to the raw real-world tagging corpus.

python scripts/add_realworld_record.py --part r4a --url URL --query "search words" \
    --labels "agency|kind|province|city|county|township|level|year|template" \
    [--note "why a label is what it is"] < page-text.txt

The page text comes on standard input, exactly as the stored copy holds it. Empty label fields
are null (template: left out). Region labels are checked against the national list of
administrative divisions: a province, city or county that is not an official name is refused
(a township not on the list is allowed with a note, since towns are renamed and merged). A URL
already in the corpus is refused. The record is written to ``collected/part-<part>.jsonl``.
Never run the tagger while labelling: labels come from reading the text (see LABELLING.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "realworld" / "collected"
DIVISIONS = ROOT / "parsers" / "data" / "admin-divisions"
LEVELS = ("central", "province", "city", "county", "township")
TEMPLATES = ("pre2019", "2019", "2021")


def _names(file_name: str) -> set[str]:
    with (DIVISIONS / file_name).open(encoding="utf-8") as handle:
        return {row["name"] for row in csv.DictReader(handle)}


def _known_urls() -> set[str]:
    urls: set[str] = set()
    for part in CORPUS.glob("*.jsonl"):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                urls.add(json.loads(line)["url"])
    return urls


def parse_labels(labels: str) -> dict[str, object]:
    """The ``expected`` object from a ``|``-separated label string, checked."""
    fields = labels.split("|")
    if len(fields) != 9:
        raise SystemExit(f"--labels needs 9 fields separated by |, got {len(fields)}")
    agency, kind, province, city, county, township, level, year, template = (
        field.strip() or None for field in fields
    )
    problems: list[str] = []
    if not agency or not kind:
        problems.append("agency and kind are required")
    if level not in LEVELS:
        problems.append(f"level must be one of {LEVELS}")
    if not year or not year.isdigit() or not 2000 <= int(year) <= 2030:
        problems.append("year must be a four-digit year")
    if template is not None and template not in TEMPLATES:
        problems.append(f"template must be empty or one of {TEMPLATES}")
    if province and province not in _names("provinces.csv"):
        problems.append(f"province {province!r} is not an official name")
    if city and city not in _names("cities.csv"):
        problems.append(f"city {city!r} is not an official name")
    if county and county not in _names("areas.csv"):
        problems.append(f"county {county!r} is not an official name")
    if level == "central" and (province or city or county or township):
        problems.append("a central body has no region")
    if level in ("province", "city", "county", "township") and not province:
        problems.append("a regional body needs its province")
    if level in ("county", "township") and not county and not city:
        problems.append("a county or township body needs its county (or city)")
    if problems:
        raise SystemExit("refused: " + "; ".join(problems))
    if township and township not in _names("streets.csv"):
        print(f"note: township {township!r} is not on the national list", file=sys.stderr)
    expected: dict[str, object] = {
        "agency": agency,
        "agency_kind": kind,
        "province": province,
        "city": city,
        "county": county,
        "township": township,
        "level": level,
        "year": int(year or 0),
    }
    if template:
        expected["template"] = template
    return expected


def main() -> None:
    """Validate and append one record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", required=True, help="collector's part name, e.g. r4a")
    parser.add_argument("--url", required=True)
    parser.add_argument("--query", default="")
    parser.add_argument("--labels", required=True)
    parser.add_argument("--note", default=None)
    arguments = parser.parse_args()
    text = sys.stdin.read().strip()
    if len(text) < 40:
        raise SystemExit("refused: the page text (standard input) is missing or too short")
    if arguments.url in _known_urls():
        raise SystemExit("refused: this URL is already in the corpus")
    record = {
        "url": arguments.url,
        "text": text,
        "query": arguments.query,
        "collector": arguments.part,
        "expected": parse_labels(arguments.labels),
        "note": arguments.note,
    }
    target = CORPUS / f"part-{arguments.part}.jsonl"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"added to {target.name}: {record['expected']}")


if __name__ == "__main__":
    main()
