"""Measure the tagger on a labelled dev-set (JSON lines of title, metadata, text_head, url, expected)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report

#: Fields compared, in the order they are printed.
MEASURED_FIELDS: tuple[str, ...] = (
    "year",
    "province",
    "city",
    "county",
    "township",
    "level",
    "agency_kind",
    "agency",
    "division_code",
    "template",
)


@dataclass
class Accuracy:
    """Per-field share of examples tagged exactly as labelled, and the misses."""

    total: int = 0
    correct: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def share(self, name: str) -> float:
        """Share (0–1) of examples whose ``name`` matches the label."""
        return self.correct.get(name, 0) / self.total if self.total else 0.0


def load_devset(path: Path) -> list[dict[str, Any]]:
    """The examples of a JSON-lines dev-set."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def document_of(example: dict[str, Any]) -> ExtractedDocument:
    """The extracted document an example stands for."""
    return ExtractedDocument(
        text=example.get("text_head") or "",
        title=example.get("title"),
        metadata=example.get("metadata") or {},
        url=example.get("url"),
    )


def evaluate(examples: list[dict[str, Any]]) -> Accuracy:
    """Tag every example and count, per field, the tags equal to the label."""
    accuracy = Accuracy(total=len(examples), correct=dict.fromkeys(MEASURED_FIELDS, 0))
    for example in examples:
        tags: ReportTags = tag_report(document_of(example))
        expected = example["expected"]
        for name in MEASURED_FIELDS:
            if name not in expected:
                accuracy.correct[name] += 1
                continue
            if getattr(tags, name) == expected[name]:
                accuracy.correct[name] += 1
            else:
                label = example.get("title") or (example.get("text_head") or "")[:30]
                accuracy.misses.append((label, name, expected[name], getattr(tags, name)))
    return accuracy
