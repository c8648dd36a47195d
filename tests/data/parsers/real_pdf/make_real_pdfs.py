"""Prints the real HTML reports of ``tests/data/parsers/real`` to PDF, the two ways portals do.

Run ``.venv/bin/python tests/data/parsers/real_pdf/make_real_pdfs.py`` (needs Chromium and the
WenQuanYi font that ``make browser`` installs, and LibreOffice Writer from ``make office``).

The stored web copies carry no whole report as a PDF, so the real reports whose tables were
transcribed by hand are printed here as portals print them:

- ``*.browser.pdf``: the article printed by Chromium with the portal's ruled-table style, as a
  site's "print / save as PDF" gives it;
- ``*.writer.pdf``: the article opened in LibreOffice Writer and exported to PDF, as a report
  drafted in an office suite is published (Writer keeps the page's own table markup, ruled or
  not).

``expected.json`` takes each report's hand transcription from ``../real/expected.json``
unchanged: the numbers are the report's own, only the file's layout is new.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
REAL = HERE.parent / "real"
PORTAL_STYLE = """
body { font-family: 'WenQuanYi Micro Hei'; font-size: 12pt; line-height: 1.6; margin: 0 12mm; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td, th { border: 1px solid #000; padding: 2pt 3pt; font-size: 9.5pt; text-align: center; }
"""


def page_html(article: str, title: str) -> str:
    """The article as a page of its own, with the portal's print style."""
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{PORTAL_STYLE}</style></head><body>{article}</body></html>"
    )


def print_with_browser(sources: list[Path]) -> None:
    """``*.browser.pdf`` for every source, printed by Chromium on A4."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        for source in sources:
            article = source.read_text(encoding="utf-8")
            page.set_content(page_html(article, source.stem))
            pdf = page.pdf(format="A4", print_background=True)
            (HERE / f"{source.stem}.browser.pdf").write_bytes(pdf)
        browser.close()


def export_with_writer(sources: list[Path]) -> None:
    """``*.writer.pdf`` for every source, exported by LibreOffice Writer."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice is needed: run `make office`")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for source in sources:
            page = folder / f"{source.stem}.html"
            article = source.read_text(encoding="utf-8")
            page.write_text(
                f'<html><head><meta charset="utf-8"></head><body>{article}</body></html>',
                encoding="utf-8",
            )
            subprocess.run(
                [
                    office,
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--headless",
                    "--infilter=HTML (StarWriter)",
                    "--convert-to",
                    "pdf:writer_pdf_Export",
                    "--outdir",
                    str(folder),
                    str(page),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            shutil.copyfile(folder / f"{source.stem}.pdf", HERE / f"{source.stem}.writer.pdf")


def main() -> None:
    """Print every real HTML report both ways and write expected.json."""
    truths = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
    sources = sorted(REAL / name for name in truths if name.endswith(".html"))
    if not sources:
        sys.exit("no HTML report in ../real/expected.json")
    print_with_browser(sources)
    export_with_writer(sources)
    expected = {
        f"{source.stem}.{way}.pdf": truths[source.name]
        for way in ("browser", "writer")
        for source in sources
    }
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(expected)} PDFs written to {HERE}")


if __name__ == "__main__":
    main()
