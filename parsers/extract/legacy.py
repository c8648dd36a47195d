"""Legacy Word .doc and WPS files, read through an external converter.

LibreOffice (``soffice``/``libreoffice --headless --convert-to docx``) keeps the tables and is
preferred; ``antiword`` gives text only (its ``|cell|cell|`` table lines become tab-separated).
Without either, :class:`ParseError` says what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from parsers.extract.docx import extract_docx
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

CONVERTER_TIMEOUT_SECONDS = 120
INSTALL_HINT = (
    "cannot read legacy Word .doc/WPS file: no converter found; install LibreOffice "
    "(provides `soffice`, e.g. `apt-get install libreoffice-writer`) or `antiword` "
    "(`apt-get install antiword`)"
)


def extract_legacy_word(data: bytes) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a .doc/.wps file, via LibreOffice or antiword."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        return _via_libreoffice(office, data)
    antiword = shutil.which("antiword")
    if antiword:
        return _via_antiword(antiword, data)
    raise ParseError(INSTALL_HINT)


def _via_libreoffice(office: str, data: bytes) -> ExtractedDocument:
    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as workdir:
        source = Path(workdir) / "report.doc"
        source.write_bytes(data)
        command = [
            office, "--headless", f"-env:UserInstallation=file://{workdir}/profile",
            "--convert-to", "docx", "--outdir", workdir, str(source),
        ]  # fmt: skip
        _run(command)
        converted = Path(workdir) / "report.docx"
        if not converted.exists():
            raise ParseError("LibreOffice could not convert the .doc/.wps file (corrupt file?)")
        document = extract_docx(converted.read_bytes())
    document.format = "doc"
    return document


def _via_antiword(antiword: str, data: bytes) -> ExtractedDocument:
    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as workdir:
        source = Path(workdir) / "report.doc"
        source.write_bytes(data)
        output = _run([antiword, "-m", "UTF-8.txt", "-w", "0", str(source)])
    lines = []
    for line in output.decode("utf-8", errors="replace").splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
        lines.append(line)
    return ExtractedDocument(text="\n".join(lines), format="doc")


def _run(command: list[str]) -> bytes:
    try:
        result = subprocess.run(
            command, capture_output=True, timeout=CONVERTER_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise ParseError(
            f"{Path(command[0]).name} timed out converting the .doc/.wps file"
        ) from error
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip()[:200]
        raise ParseError(f"{Path(command[0]).name} could not read the .doc/.wps file: {message}")
    return result.stdout
