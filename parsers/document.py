"""The parser's assembly: extract → tag → sections → tables → checks, giving a ParsedReport."""

from __future__ import annotations

from parsers.checks import OCR_DOUBT, run_checks, separate_doubts
from parsers.extract import extract_document
from parsers.extracted import ExtractedDocument
from parsers.model import ParsedReport, ParseError
from parsers.sections import split_sections
from parsers.tables import read_tables
from parsers.tables.prose_figures import read_prose_figures
from parsers.tagging import tag_report


def parse_document(
    data: bytes,
    *,
    filename: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    previous: ParsedReport | None = None,
) -> ParsedReport:
    """Parse a report file of any supported format (HTML, text, DOCX, PDF, DOC/WPS, images).

    The format is detected from the bytes first, then ``content_type`` and the extension of
    ``filename`` or ``url``. ``previous`` is last year's report of the same agency, used by the
    ``carried_over_continuity`` check. Raises :class:`parsers.model.ParseError` when the file
    cannot be read at all.
    """
    try:
        document = extract_document(data, filename=filename, url=url, content_type=content_type)
        return parse_extracted(document, previous=previous)
    except ParseError:
        raise
    except Exception as error:
        # A malformed file breaks a library in its own way (a zip of an unknown version, bad
        # XML, a zlib stream cut short): every one is "this document cannot be read", with the
        # reason. ``from None`` keeps unpicklable library state (lxml's error log) out of it.
        raise ParseError(f"无法读取的文档（{type(error).__name__}: {error}）") from None


def _tables_outrank_citation(table_template: str, year: int | None) -> bool:
    """A report of 2021 or later whose tables have the 2021 shape uses that format, whatever
    notice it cites (many still cite 〔2019〕60号, the notice on publishing the reports)."""
    return table_template == "2021" and year is not None and year >= 2021


def parse_extracted(
    document: ExtractedDocument, *, previous: ParsedReport | None = None
) -> ParsedReport:
    """Parse an already extracted document (tags, sections, tables, checks)."""
    tags = tag_report(document)
    reading = read_tables(document)
    warnings = [*document.warnings, *reading.warnings]
    checks = separate_doubts(run_checks(reading.tables, document.text, previous), reading.doubtful)
    if document.ocr_pages:
        checks = separate_doubts(checks, list(reading.tables), reason=OCR_DOUBT)
    template, basis = tags.template, tags.template_basis
    if reading.template is not None and template != reading.template:
        if basis == "cited" and not _tables_outrank_citation(reading.template, tags.year):
            warnings.append(
                f"模板判断不一致：正文引用 {template} 年格式，表格形状像 {reading.template}，采用正文引用"
            )
        else:
            if basis == "cited":
                warnings.append(
                    f"模板判断不一致：正文引用 {template} 年格式，表格是 {reading.template} 年格式，采用表格"
                )
            template, basis = reading.template, "tables"
    elif reading.template is not None and basis == "year":
        basis = "tables"
    return ParsedReport(
        title=tags.title,
        agency=tags.agency,
        agency_kind=tags.agency_kind,
        province=tags.province,
        city=tags.city,
        county=tags.county,
        township=tags.township,
        level=tags.level,  # type: ignore[arg-type]
        division_code=tags.division_code,
        year=tags.year,
        template=template,
        template_basis=basis,
        published=tags.published,
        sections=split_sections(document.text),
        tables=reading.tables,
        checks=checks,
        text=document.text,
        url=document.url,
        warnings=warnings,
        ocr=document.ocr_pages > 0,
        ocr_confidence=document.ocr_confidence,
        provenance=reading.provenance,
        prose_figures={
            cell: figure.to_dict()
            for cell, figure in read_prose_figures(
                document.text, skip_tables=set(reading.tables), year=tags.year
            ).items()
        },
    )
