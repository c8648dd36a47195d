"""HTML pages: decode, strip portal chrome, find the article, read metadata, title and tables.

Chrome (navigation, header, footer, breadcrumbs 当前位置, share buttons 分享到, QR codes 扫一扫,
scripts, 上一篇/下一篇, 相关链接, 打印/关闭窗口, 网站标识码/ICP备) is removed; the main content is the
first known CMS container (TRS WCM ``div.TRS_Editor``, Hanweb ``#zoom``/``.bt_content``, 博达/VSB
``#vsb_content``/``.v_news_content``, Dede/PHPCMS ``.article-content``, ``#UCAP-CONTENT``, ``.view``
…) or else the smallest block that holds most of the page's non-link text. A report whose body is
split over several sibling containers of the same kind is read from all of them, in order.
``<form>`` is not chrome: VSB pages wrap the article in one (its controls are removed).
"""

from __future__ import annotations

import re

from lxml import etree, html

from parsers.extract.control_chars import strip_control_characters
from parsers.extract.encoding import decode_bytes
from parsers.extract.html_metadata import METADATA_LABELS, read_metadata, read_title
from parsers.extract.html_render import render_lines
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

_CHROME_TAGS = (
    "script", "style", "noscript", "iframe", "nav", "header", "footer", "button", "select",
    "input", "textarea", "object", "embed", "svg", "template",
)  # fmt: skip
_CHROME_NAMES = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|header|top[_-]?bar|toolbar|"
    r"share|bdshare|bdsharebuttonbox|position|location|sidebar|copyright|qrcode|ewm|"
    r"pre[_-]?next|prev[_-]?next|context|xglj|xgwz|xgxx|related|relevant|print[_-]?close|"
    r"article[_-]?info|article[_-]?tools|tools)($|[\s_-])",
    re.I,
)
#: (attribute, value) of known CMS content containers, in order of preference.
CONTENT_CONTAINERS: tuple[tuple[str, str], ...] = (
    ("class", "TRS_Editor"),
    ("id", "zoom"),
    ("id", "Zoom"),
    ("class", "article-content"),
    ("id", "UCAP-CONTENT"),
    ("id", "vsb_content"),
    ("class", "v_news_content"),
    ("class", "bt_content"),
    ("class", "TRS_UEDITOR"),
    ("class", "view"),
    ("class", "pages_content"),
    ("class", "article_content"),
    ("class", "news_content"),
    ("class", "detail-content"),
    ("id", "content"),
)
_CHROME_LINE = re.compile(
    r"当前位置|您的位置|您现在的位置|分享到|上一篇|下一篇|关闭窗口|【关闭】|【打印】|打印本页|"
    r"^打印$|^关闭$|字号[:：]|【字体|扫一扫|收藏本页|返回顶部|^相关链接|^相关文章|^相关阅读|"
    r"网站标识码|ICP备|公网安备|^主办单位|^承办单位|^技术支持|浏览次数|阅读次数|访问次数|"
    r"^【?(?:打印|关闭|打印本页|关闭窗口)】?(?:\s*【?(?:打印|关闭|打印本页|关闭窗口)】?)*$"
)
_MAX_CHROME_LINE_CHARS = 60
_MIN_CONTAINER_CHARS = 50
_MAIN_TEXT_SHARE = 0.7
_BLOCK_TAGS = frozenset(
    {"p", "div", "table", "section", "article", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
)


def extract_html(data: bytes, *, content_type: str | None = None) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a report published as a web page."""
    text, _ = decode_bytes(data, content_type)
    text = strip_control_characters(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ParseError(f"unreadable HTML page: {error}") from error
    metadata = read_metadata(root)
    title = read_title(root, metadata)
    metadata.pop("标题", None)
    strip_chrome(root)
    lines: list[str] = []
    grids: list[list[list[str]]] = []
    for container in find_content_blocks(root):
        _drop_metadata_tables(container)
        block_lines, block_grids = render_lines(container)
        lines.extend(line for line in block_lines if not _is_chrome_line(line))
        grids.extend(block_grids)
    return ExtractedDocument(
        text="\n".join(lines), title=title, metadata=metadata, tables=grids, format="html"
    )


def strip_chrome(root: html.HtmlElement) -> None:
    """Remove scripts, navigation, header, footer, breadcrumbs and share/print widgets in place."""
    for element in list(root.iter(*_CHROME_TAGS)):
        _remove(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            if not isinstance(element.tag, str):
                _remove(element)
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if names.strip() and _CHROME_NAMES.search(names) and not _is_content_container(element):
            _remove(element)


def find_content_blocks(root: html.HtmlElement) -> list[html.HtmlElement]:
    """The elements holding the report, in document order.

    The largest known CMS container, joined by its siblings that are containers of the same
    kind (a body split over several ``div.TRS_Editor``); else the densest text block.
    """
    named = [e for e in root.iter() if isinstance(e.tag, str) and (e.get("class") or e.get("id"))]
    for attribute, value in CONTENT_CONTAINERS:
        matches = [e for e in named if _has(e, attribute, value)]
        matches = [e for e in matches if len(e.text_content().strip()) >= _MIN_CONTAINER_CHARS]
        if matches:
            main = max(matches, key=lambda e: len(e.text_content()))
            parent = main.getparent()
            if parent is None:
                return [main]
            return [e for e in parent if e is main or (e in matches and e.tag == main.tag)]
    return [_densest_block(root)]


def _densest_block(root: html.HtmlElement) -> html.HtmlElement:
    """The deepest element holding most of the page's non-link text."""
    body = root.find("body")
    body = body if body is not None else root
    own: dict[html.HtmlElement, int] = {}

    def measure(element: html.HtmlElement) -> int:
        if element.tag == "a":
            size = 0
        else:
            size = len((element.text or "").strip())
            for child in element:
                if isinstance(child.tag, str):
                    size += measure(child)
                size += len((child.tail or "").strip())
        own[element] = size
        return size

    total = measure(body)
    best = body
    for element, size in own.items():
        if size >= _MAIN_TEXT_SHARE * total and _depth(element) > _depth(best):
            best = element
    # One long paragraph can hold most of a short report's text: the report is the block that
    # holds that paragraph with its title and siblings, not the paragraph alone.
    while best is not body and not any(child.tag in _BLOCK_TAGS for child in best):
        parent = best.getparent()
        if parent is None:
            break
        best = parent
    return best


def _depth(element: html.HtmlElement) -> int:
    return sum(1 for _ in element.iterancestors())


def _has(element: html.HtmlElement, attribute: str, value: str) -> bool:
    raw = element.get(attribute)
    if not raw:
        return False
    return value in raw.split() if attribute == "class" else raw == value


def _is_content_container(element: html.HtmlElement) -> bool:
    return any(_has(element, attribute, value) for attribute, value in CONTENT_CONTAINERS)


def _drop_metadata_tables(container: html.HtmlElement) -> None:
    """Remove tables that are the page's metadata block (two or more metadata labels)."""
    for table in list(container.iter("table")):
        if table.xpath(".//table"):
            continue
        text = table.text_content()
        if sum(label in text for label in METADATA_LABELS[:8]) >= 2 and table is not container:
            _remove(table)


def _is_chrome_line(line: str) -> bool:
    return len(line) <= _MAX_CHROME_LINE_CHARS and bool(_CHROME_LINE.search(line))


def _remove(element: html.HtmlElement) -> None:
    """Remove an element but keep its tail text."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
