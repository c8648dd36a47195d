"""The ``nianbao`` console script lists every command with its help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

NIANBAO = Path(sys.executable).parent / "nianbao"
EXPECTED_COMMANDS = [
    "db",
    "ingest",
    "export",
    "parse",
    "search",
    "reindex",
    "demo",
    "crawl",
    "sources",
    "scheduler",
    "create-admin",
    "admins",
    "run",
]


@pytest.fixture(scope="module")
def help_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    data_dir = tmp_path_factory.mktemp("data")
    result = subprocess.run(
        [str(NIANBAO), "--help"],
        capture_output=True,
        text=True,
        env={"NIANBAO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("command", EXPECTED_COMMANDS)
def test_help_lists_the_command(help_text: str, command: str) -> None:
    listed = {
        line.split()[0] for line in help_text.splitlines() if line.startswith("  ") and line.split()
    }
    assert command in listed
