"""Fuzz the document readers (HTML, text, DOCX, PDF, DOC) with mutated real inputs.

Run ``.venv/bin/python scripts/fuzz_readers.py --minutes 5`` (not part of ``make test``). Each
round takes a fixture, mutates it (bytes flipped, cut short, chunks duplicated or spliced from
another file, markup nested deeply, a DOCX member's XML damaged, PDF objects scrambled), and
parses it in a parse worker with the crawl's time and memory limits. A mutant may parse or be
refused with a clear :class:`ParseError`; anything else is a finding:

- **uncaught**: a reader raised something other than ``ParseError`` (``parse_document`` turns it
  into a generic error, which hides a bug);
- **hang**: the parse outlived its time limit;
- **crash**: the worker process died.

Findings are written to ``--findings`` (default ``fuzz-findings/``) to be added to
``tests/data/parsers/poison`` once fixed. Exits 1 when there is any finding.
"""

from __future__ import annotations

import argparse
import io
import random
import time
import zipfile
from collections import Counter
from pathlib import Path

from archive.parsing import ParseJob, ParseTimedOut, ParseWorkerCrashed, ParseWorkers
from parsers.document import parse_extracted
from parsers.extract import extract_document
from parsers.model import ParsedReport, ParseError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = (
    ROOT / "tests" / "data" / "parsers" / "layouts",
    ROOT / "tests" / "data" / "parsers",
    ROOT / "tests" / "data" / "parsers" / "real",
    ROOT / "demo_portal" / "seeds",
)
SUFFIXES = {".html", ".txt", ".docx", ".pdf", ".doc", ".wps"}


class UncaughtReaderError(RuntimeError):
    """A reader raised something other than ParseError (carried back from the worker)."""


def parse_strictly(job: ParseJob, _blobs_root: Path | None) -> ParsedReport:
    """Parse without the catch-all of ``parse_document``, so reader bugs surface (in a worker)."""
    try:
        document = extract_document(job.data, filename=job.filename)
        return parse_extracted(document)
    except ParseError:
        raise
    except Exception as error:
        raise UncaughtReaderError(f"{type(error).__name__}: {error}"[:500]) from None


def fixtures() -> list[Path]:
    """Every fixture file the mutations start from."""
    found: list[Path] = []
    for folder in FIXTURE_DIRS:
        if folder.exists():
            found.extend(p for p in sorted(folder.iterdir()) if p.suffix in SUFFIXES)
    return found


def mutate(data: bytes, other: bytes, rng: random.Random, suffix: str) -> bytes:
    """One mutant of ``data``; ``other`` is another fixture to splice from."""
    if suffix == ".docx" and rng.random() < 0.5:
        return _mutate_docx(data, rng)
    choice = rng.randrange(7)
    if choice == 0:  # flip bytes
        buffer = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        return bytes(buffer)
    if choice == 1:  # cut short
        return data[: rng.randrange(1, max(2, len(data)))]
    if choice == 2:  # duplicate a chunk many times
        start = rng.randrange(len(data))
        chunk = data[start : start + rng.randint(1, 2000)]
        return data[:start] + chunk * rng.randint(2, 200) + data[start:]
    if choice == 3:  # splice another file in
        at = rng.randrange(len(data))
        start = rng.randrange(max(1, len(other)))
        return data[:at] + other[start : start + rng.randint(1, 5000)] + data[at:]
    if choice == 4:  # deep nesting / unclosed markup
        at = rng.randrange(len(data))
        tag = rng.choice([b"<div>", b"<table><tr><td>", b"<span>", b"<p>", b"<!--", b"<![CDATA["])
        return data[:at] + tag * rng.randint(100, 5000) + data[at:]
    if choice == 5:  # scramble PDF-ish tokens
        out = data
        for token, replacement in (
            (b"obj", b"jbo"),
            (b"stream", b"streem"),
            (b"/Length ", b"/Length 9"),
            (b"xref", b"xreff"),
            (b"/Count ", b"/Count 99999"),
        ):
            if rng.random() < 0.4:
                out = out.replace(token, replacement, rng.randint(1, 5))
        return out
    # insert random bytes, including NULs and invalid UTF-8
    at = rng.randrange(len(data))
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 500))) + data[at:]


def _mutate_docx(data: bytes, rng: random.Random) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xml") and rng.random() < 0.5:
                at = rng.randrange(max(1, len(content)))
                damage = rng.choice(
                    [b"<w:tbl>" * 200, b"</w:tr>", b"&#0;", b'<w:gridSpan w:val="99999"/>', b"\xff"]
                )
                content = content[:at] + damage + content[at:]
            target.writestr(item, content)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Fuzz for the given time; print counts and write findings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per document")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    files = fixtures()
    contents = {path: path.read_bytes() for path in files}
    outcomes: Counter[str] = Counter()
    by_format: Counter[str] = Counter()
    workers = ParseWorkers(1, parse=parse_strictly, timeout=args.timeout)
    deadline = time.monotonic() + args.minutes * 60
    try:
        while time.monotonic() < deadline:
            path = rng.choice(files)
            other = contents[rng.choice(files)]
            mutant = mutate(contents[path], other, rng, path.suffix)
            by_format[path.suffix] += 1
            job = ParseJob(mutant, filename=path.name)
            try:
                workers.result(workers.submit(job))
                outcomes["parsed"] += 1
                continue
            except ParseTimedOut:
                kind = "hang"
            except ParseError:
                outcomes["refused"] += 1
                continue
            except ParseWorkerCrashed:
                kind = "crash"
            except UncaughtReaderError as error:
                kind = "uncaught"
                print(f"uncaught on a mutant of {path.name}: {error}")
            outcomes[kind] += 1
            args.findings.mkdir(parents=True, exist_ok=True)
            (args.findings / f"{kind}-{outcomes[kind]:03d}-{path.name}").write_bytes(mutant)
    finally:
        workers.close(wait=False)
    total = sum(outcomes.values())
    print(
        f"{total} mutants in {args.minutes:g} min: "
        + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
    )
    print("by source format: " + ", ".join(f"{k} {v}" for k, v in sorted(by_format.items())))
    findings = outcomes["hang"] + outcomes["crash"] + outcomes["uncaught"]
    print(
        f"findings: {findings} (uncaught {outcomes['uncaught']}, hangs {outcomes['hang']}, crashes {outcomes['crash']})"
    )
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
