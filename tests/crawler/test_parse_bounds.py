"""Every parse is bounded: decompression bombs are refused, and workers have a memory limit."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from archive.parsing import ParseJob, ParseWorkers
from parsers import ParseError, parse_document
from parsers.model import ParsedReport
from tests.gov_sites.pages import docx_bytes, reports

MiB = 1024 * 1024


def docx_bomb(inflated_mib: int) -> bytes:
    """A real report's DOCX whose document.xml inflates to ``inflated_mib`` MiB."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(reports()[0])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                pad = b"<w:p><w:r><w:t>" + b"A" * (inflated_mib * MiB) + b"</w:t></w:r></w:p>"
                body = body.replace(b"<w:body>", b"<w:body>" + pad, 1)
            archive.writestr(item.filename, body)
    return out.getvalue()


def pdf_bomb(inflated_mib: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated_mib`` MiB."""
    stream = zlib.compress(
        b"BT /F1 12 Tf 72 720 Td (" + b"A" * (inflated_mib * MiB) + b") Tj ET", 9
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = io.BytesIO()
    pdf.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(pdf.tell())
        pdf.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = pdf.tell()
    pdf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        pdf.write(b"%010d 00000 n \n" % offset)
    pdf.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return pdf.getvalue()


@pytest.mark.parametrize(("make", "name"), [(docx_bomb, "bomb.docx"), (pdf_bomb, "bomb.pdf")])
def test_a_decompression_bomb_under_the_body_cap_is_refused(make, name) -> None:  # type: ignore[no-untyped-def]
    data = make(260)
    assert len(data) < 2 * MiB  # far under the 20 MiB body cap
    with pytest.raises(ParseError, match="压缩炸弹"):
        parse_document(data, filename=name)


def test_a_docx_of_ordinary_size_still_parses() -> None:
    report = parse_document(docx_bomb(1), filename="report.docx")
    assert len(report.text) > MiB
    assert "政府信息公开" in report.text


def allocate_a_gigabyte(job: ParseJob, blobs_root: object) -> ParsedReport:
    """A parse that needs far more memory than its worker may have."""
    hog = bytearray(1024 * MiB)
    return ParsedReport(title=str(len(hog)))


def test_a_worker_that_outgrows_its_memory_limit_fails_the_document_not_the_machine() -> None:
    workers = ParseWorkers(1, parse=allocate_a_gigabyte, memory_bytes=512 * MiB, timeout=60)
    try:
        with pytest.raises(MemoryError):
            workers.result(workers.submit(ParseJob(b"")))
    finally:
        workers.close(wait=False)
