"""Measure the tagger on labelled sets.

Two kinds of record: the clean dev-set (``title``, ``metadata``, ``text_head``, ``url``,
``expected``) and the raw real-world corpus (``text`` exactly as a page serves it, ``url``,
``expected``). A raw record can be tagged as plain text (what a PDF or text file gives) or as the
HTML page a crawler would fetch (the same text, one element per line, through the HTML extractor).
"""

from __future__ import annotations

import html
import json
from collections import Counter
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
#: Fields whose confusion (expected → got) is printed.
CONFUSED_FIELDS: tuple[str, ...] = ("level", "agency_kind")
INPUTS: tuple[str, ...] = ("text", "html")


@dataclass
class Accuracy:
    """Per-field share of examples tagged exactly as labelled, the misses and the confusions."""

    total: int = 0
    correct: dict[str, int] = field(default_factory=dict)
    #: Examples labelled for each field (a raw record omits ``template`` when its text shows none).
    labelled: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    confusion: dict[str, Counter[tuple[Any, Any]]] = field(default_factory=dict)

    def share(self, name: str) -> float:
        """Share (0–1) of the examples labelled for ``name`` whose tag matches the label."""
        labelled = self.labelled.get(name, self.total)
        return self.correct.get(name, 0) / labelled if labelled else 1.0


def load_devset(path: Path) -> list[dict[str, Any]]:
    """The examples of a JSON-lines dev-set."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def page_html(text: str) -> bytes:
    """A raw page text as the HTML a portal would serve: one block element per line."""
    body = "\n".join(f"<div>{html.escape(line)}</div>" for line in text.splitlines())
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode()


def document_of(example: dict[str, Any], source: str = "text") -> ExtractedDocument:
    """The extracted document an example stands for, read as ``text`` or as an ``html`` page."""
    if "text" not in example:
        return ExtractedDocument(
            text=example.get("text_head") or "",
            title=example.get("title"),
            metadata=example.get("metadata") or {},
            url=example.get("url"),
        )
    if source == "html":
        from parsers.extract.html import extract_html

        document = extract_html(page_html(example["text"]))
        document.url = example.get("url")
        return document
    return ExtractedDocument(text=example["text"], url=example.get("url"))


def label_of(example: dict[str, Any]) -> str:
    """A short name for an example in a list of misses."""
    return example.get("title") or example.get("url") or (example.get("text_head") or "")[:30]


def evaluate(examples: list[dict[str, Any]], source: str = "text") -> Accuracy:
    """Tag every example and count, per field, the tags equal to the label."""
    accuracy = Accuracy(
        total=len(examples),
        correct=dict.fromkeys(MEASURED_FIELDS, 0),
        labelled=dict.fromkeys(MEASURED_FIELDS, 0),
        confusion={name: Counter() for name in CONFUSED_FIELDS},
    )
    for example in examples:
        tags: ReportTags = tag_report(document_of(example, source))
        expected = example["expected"]
        for name in MEASURED_FIELDS:
            if name not in expected:
                continue
            accuracy.labelled[name] += 1
            got = getattr(tags, name)
            if got == expected[name]:
                accuracy.correct[name] += 1
            else:
                accuracy.misses.append((label_of(example), name, expected[name], got))
                if name in CONFUSED_FIELDS:
                    accuracy.confusion[name][(expected[name], got)] += 1
    return accuracy
