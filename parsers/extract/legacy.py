"""Legacy Word .doc and WPS files, read through an external converter.

LibreOffice (``soffice``/``libreoffice --headless --convert-to docx``) keeps the tables and is
preferred; ``antiword`` gives text only (its ``|cell|cell|`` table lines become tab-separated).
Without either, :class:`ParseError` says what to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from parsers.extract.docx import extract_docx
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

#: Seconds one conversion may take (the parse worker's own limit is longer).
CONVERTER_TIMEOUT_SECONDS = 90.0
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
    """Run a converter in its own process group; on timeout the whole group is killed.

    ``soffice`` is a launcher that starts ``soffice.bin``: killing only the launcher would leave
    a spinning office process behind (a real .wps file is known to make it loop forever).
    """
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=CONVERTER_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as error:
            _kill_group(process)
            process.communicate()
            raise ParseError(
                f"{Path(command[0]).name} 转换 .doc/.wps 文件超过 "
                f"{CONVERTER_TIMEOUT_SECONDS:.0f} 秒，已中止"
            ) from error
        finally:
            _kill_group(process)  # helpers the converter left behind
    if process.returncode != 0:
        message = stderr.decode("utf-8", errors="replace").strip()[:200]
        raise ParseError(f"{Path(command[0]).name} could not read the .doc/.wps file: {message}")
    return stdout


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    if process.poll() is None:
        process.wait()
