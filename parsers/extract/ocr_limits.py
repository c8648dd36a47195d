"""How much OCR one document may cost: resolution, page size, pages and seconds."""

from __future__ import annotations

#: Resolution scanned PDF pages are rendered at for OCR.
OCR_DPI = 150
#: Longest side, in pixels, a page is read at (a poster-sized page is scaled down).
MAX_OCR_PIXELS = 4000
#: Pages read by OCR at most per document.
MAX_OCR_PAGES = 40
#: Seconds of OCR per document; later pages are skipped with a warning (the parse worker's
#: own limit, ``archive.parsing.PARSE_TIMEOUT_SECONDS``, is 120 s).
OCR_SECONDS_BUDGET = 80.0
