"""``pip install .`` (a built wheel, not an editable install) gives a working Nianbao.

The wheel is built from the checkout and installed without dependencies into a fresh virtual
environment outside the source tree; the dependencies come from the project's own environment
(its site-packages on the path, where the editable install's hooks do not run). Then the
installed ``nianbao`` command ingests a seed and the installed app serves pages, templates and
static files from the package alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow
#: What the copy the wheel is built from leaves out.
NOT_SHIPPED = (".venv", ".git", "tests", "build", "*.egg-info", "__pycache__", ".*_cache",
               "bench-results", "test-artifacts", "fuzz-findings", "instance")  # fmt: skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its ``bin`` directory."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ and *.egg-info into the tree it builds.
    source = work / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=shutil.ignore_patterns(*NOT_SHIPPED))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(work / "dist"), str(source)],
        check=True, capture_output=True, cwd=work,
    )  # fmt: skip
    (wheel,) = (work / "dist").glob("nianbao-*.whl")
    environment = work / "venv"
    venv.create(environment, with_pip=False)
    site = next((environment / "lib").glob("python3*/site-packages"))
    # The project's dependencies, without the editable install's path hooks (.pth files of a
    # directory added this way are not run).
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(environment / "bin" / "python"),
         "install", "--no-deps", "-q", str(wheel)],
        check=True, capture_output=True, cwd=work,
    )  # fmt: skip
    return environment / "bin"


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["NIANBAO_DATA_DIR"] = str(cwd / "data")
    command = [str(bin_dir / args[0]), *args[1:]]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_the_installed_package_is_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, "python", "-c", "import portal; print(portal.__file__)", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not result.stdout.strip().startswith(str(PROJECT_ROOT))


def test_the_wheel_holds_every_data_file_the_tree_ships(installed: Path) -> None:
    site = next((installed.parent / "lib").glob("python3*/site-packages"))
    for folder in (
        "parsers/data/admin-divisions",
        "storage/migrations/versions",
        "demo_portal/seeds",
    ):
        shipped = {path.name for path in (PROJECT_ROOT / folder).iterdir() if path.is_file()}
        installed_files = {path.name for path in (site / folder).iterdir()}
        assert shipped - {"__pycache__"} <= installed_files, folder


def test_the_installed_nianbao_ingests_a_seed_and_serves_its_pages(
    installed: Path, tmp_path: Path
) -> None:
    seed = next((PROJECT_ROOT / "demo_portal" / "seeds").glob("*.txt"))
    ingest = _run(installed, "nianbao", "ingest", str(seed), cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    script = textwrap.dedent(
        """
        from portal import create_app
        app = create_app()
        client = app.test_client()
        home = client.get("/")
        search = client.get("/search?q=政府信息公开")
        css = client.get("/static/css/nianbao.css")
        report = client.get("/api/v1/reports/1")
        print(home.status_code, search.status_code, css.status_code, report.status_code)
        print("年报" in home.get_data(as_text=True), len(css.data) > 100)
        print(app.template_folder)
        """
    )
    served = _run(installed, "python", "-c", script, cwd=tmp_path)
    assert served.returncode == 0, served.stderr
    statuses, content, template_folder = served.stdout.strip().splitlines()
    assert statuses == "200 200 200 200"
    assert content == "True True"
    assert not template_folder.startswith(str(PROJECT_ROOT))
