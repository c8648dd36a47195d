"""The metadata block of a government web page (索引号, 发布机构, 发布日期 …) and its title."""

from __future__ import annotations

import re

from lxml import html

from parsers.extract.html_render import collapse_whitespace

METADATA_LABELS: tuple[str, ...] = (
    "索引号",
    "发布机构",
    "发文机关",
    "发布日期",
    "成文日期",
    "生成日期",
    "主题分类",
    "发文字号",
    "文号",
    "信息来源",
    "来源",
)
#: ``<meta name=...>`` tags and the metadata label they fill.
META_TAGS: dict[str, str] = {
    "pubdate": "发布日期",
    "firstpublishedtime": "发布日期",
    "contentsource": "发布机构",
    "articletitle": "标题",
}
_LABEL = re.compile(r"^(" + "|".join(METADATA_LABELS) + r")\s*[:：]?\s*(.*)$")
#: Where a value running on into the next label ends (``2022-01-20 来源：…``).
_NEXT_LABEL = re.compile(r"\s{2,}|\s+\S{2,6}\s*[:：]")
_TITLE_SEPARATORS = re.compile(r"\s*[-_|—–]+\s*")
_MAX_VALUE_CHARS = 80


def read_metadata(root: html.HtmlElement) -> dict[str, str]:
    """Label/value pairs from ``<meta>`` tags and from the page's metadata block."""
    metadata: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        content = collapse_whitespace(meta.get("content") or "")
        if name in META_TAGS and content:
            metadata.setdefault(META_TAGS[name], content)
    tokens = [token for token in (collapse_whitespace(t) for t in _body_texts(root)) if token]
    found: dict[str, str] = {}
    for index, token in enumerate(tokens):
        match = _LABEL.match(token)
        if not match or match.group(1) in found:
            continue
        label, value = match.group(1), match.group(2)
        if not value and not token.endswith((":", "：")) and token != label:
            continue
        if not value and index + 1 < len(tokens) and not _LABEL.match(tokens[index + 1]):
            value = tokens[index + 1]
        value = _NEXT_LABEL.split(value, maxsplit=1)[0].strip()
        if value and len(value) <= _MAX_VALUE_CHARS:
            found[label] = value
    metadata.update(found)
    return metadata


def _body_texts(root: html.HtmlElement) -> list[str]:
    body = root.find("body")
    return list((body if body is not None else root).itertext())


def read_title(root: html.HtmlElement, metadata: dict[str, str]) -> str | None:
    """ArticleTitle meta, a heading naming a report, or ``<title>`` without the site name."""
    if metadata.get("标题"):
        return metadata["标题"]
    headings = [
        collapse_whitespace(element.text_content()) for element in root.iter("h1", "h2", "h3")
    ]
    headings = [text for text in headings if text]
    for text in headings:
        if "报告" in text or "年报" in text:
            return text
    page_title = root.find(".//title")
    parts: list[str] = []
    if page_title is not None and page_title.text:
        parts = [
            part for part in _TITLE_SEPARATORS.split(collapse_whitespace(page_title.text)) if part
        ]
    for part in parts:
        if "报告" in part or "年报" in part:
            return part
    if headings:
        return headings[0]
    return parts[0] if parts else None
