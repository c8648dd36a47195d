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


def test_help_lists_nianbaos_commands_not_flasks_internals() -> None:
    import subprocess
    import sys
    from pathlib import Path

    nianbao = Path(sys.executable).parent / "nianbao"
    shown = subprocess.run([str(nianbao), "--help"], capture_output=True, text=True, check=True)
    listed = {
        line.split()[0] for line in shown.stdout.split("Commands:")[1].splitlines() if line.strip()
    }
    assert {"crawl", "ingest", "search", "dedupe", "scheduler"} <= listed
    assert not listed & {"limiter", "routes", "shell"}


def test_a_private_address_refusal_names_the_setting_that_allows_it() -> None:
    from crawler.downloader.address_guard import AddressGuard, PrivateAddressRefused

    guard = AddressGuard(allow_private=False)
    try:
        guard.check("http://127.0.0.1:8000/xxgk/")
    except PrivateAddressRefused as refused:
        assert "NIANBAO_ALLOW_PRIVATE_ADDRESSES" in str(refused)
    else:
        raise AssertionError("a loopback address was not refused")
