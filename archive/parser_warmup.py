"""Warm the parser once in the parse workers' fork server, so that no worker pays for it.

The fork server imports this module before forking workers (``worker_context``): parsing one
small report here loads the gazetteer, the domain and kind tables and every lazily built
pattern, and each forked worker inherits them. Without it a fresh worker (the first one, or the
one that replaces a worker killed for hanging) spends most of a document's time limit loading
data before it reads a line. Importing this module anywhere else costs one small parse.
"""

from __future__ import annotations

from parsers import parse_document

_SAMPLE_REPORT = (
    "海原县科学技术局2021年政府信息公开工作年度报告\n"
    "根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求，编制本报告。\n"
    "一、总体情况\n2021年，我局共收到政府信息公开申请2件。\n"
)

parse_document(_SAMPLE_REPORT.encode("utf-8"), filename="warm-up.txt")
_SAMPLE_PAGE = (
    "<html><head><meta charset='utf-8'><title>{}</title></head><body><p>{}</p></body></html>"
)
parse_document(
    _SAMPLE_PAGE.format(*_SAMPLE_REPORT.split("\n", 1)).encode("utf-8"), filename="warm-up.html"
)
