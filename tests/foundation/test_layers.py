"""The tree tells the pipeline: each layer imports only the layers below it.

    parsers, index, storage      (the data: read a report, search, store)
    figures, accountability      (what a report's numbers mean, and the rules it is held to)
    sources                      (the catalogue of portals and schedules)
    archive                      (parse → store → index, for crawls and ingests)
    crawler                      (fetch and discover)
    portal, cli                  (the web site and the command line)

``services.py`` and ``config.py`` are the composition root and settings every layer may use.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Top-level packages each layer must never import.
FORBIDDEN: dict[str, set[str]] = {
    "parsers": {"portal", "crawler", "archive", "sources", "cli", "services", "index", "storage"},
    "index": {"portal", "crawler", "archive", "sources", "cli", "services", "parsers", "storage"},
    "storage": {"portal", "crawler", "archive", "sources", "cli", "services", "index"},
    "figures": {"portal", "crawler", "archive", "sources", "cli", "services", "index", "storage"},
    "accountability": {"portal", "crawler", "archive", "sources", "cli", "services", "storage"},
    "sources": {"portal", "crawler", "archive", "cli"},
    "archive": {"portal", "crawler", "cli"},
    "crawler": {"portal", "cli"},
    "portal": {"crawler", "archive"},
}


def imported_packages(path: Path) -> set[str]:
    """Top-level names a module imports (module level and inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_never_imports_upward_or_sideways(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[layer])
        for path in sorted((ROOT / layer).rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_checker_finds_imports_at_module_level_and_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "import os.path\nfrom crawler.engine import CrawlEngine\n"
        "def late():\n    import archive.pipeline\n    from . import sibling\n",
        encoding="utf-8",
    )
    assert imported_packages(module) == {"os", "crawler", "archive"}


def test_the_web_process_loads_neither_the_crawler_nor_the_document_readers() -> None:
    probe = (
        "import sys, wsgi; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'crawler', 'archive', 'pdfplumber', 'pdfminer', 'pypdfium2', 'cv2', 'onnxruntime'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
