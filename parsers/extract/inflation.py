"""Decompression bombs refused before a reader inflates them.

A DOCX is a zip and a PDF holds zlib streams: a file of a few hundred KB under the crawler's
body cap can inflate to gigabytes (a 970 KB DOCX once took 9.2 GB to parse). Before the DOCX or
PDF reader runs, the inflated size is measured without keeping it: a zip's members by their
declared sizes (``zipfile`` never reads past them), a PDF's streams by inflating them in bounded
steps and counting. Past :data:`MAX_INFLATED_BYTES` the file is refused with a clear error.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from parsers.model import ParseError

#: Largest total inflated size of a document's compressed parts (real reports stay far below).
MAX_INFLATED_BYTES = 200 * 1024 * 1024
#: Bytes inflated per step when measuring a PDF stream.
_STEP = 1024 * 1024
_STREAM = re.compile(rb"stream\r?\n")


def check_zip_inflation(data: bytes, limit: int | None = None) -> None:
    """Refuse a zip (DOCX) whose members would inflate past ``limit`` bytes."""
    limit = MAX_INFLATED_BYTES if limit is None else limit
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ParseError(f"corrupt ZIP/DOCX file: {error}") from error
    if total > limit:
        raise ParseError(
            f"文档解压后达 {total} 字节，超过上限 {limit} 字节（疑似压缩炸弹），已拒绝"
        )


def check_pdf_inflation(data: bytes, limit: int | None = None) -> None:
    """Refuse a PDF whose zlib streams would inflate past ``limit`` bytes in total."""
    limit = MAX_INFLATED_BYTES if limit is None else limit
    total = 0
    for match in _STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        inflater = zlib.decompressobj()
        pending = data[match.end() : end]
        try:
            while pending:
                total += len(inflater.decompress(pending, _STEP))
                if total > limit:
                    raise ParseError(
                        f"PDF 的数据流解压后超过上限 {limit} 字节（疑似压缩炸弹），已拒绝"
                    )
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # not a zlib stream (images, other filters): not ours to measure
