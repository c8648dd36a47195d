"""Index directories as generations behind a symlink, so a rebuilt index is swapped in atomically.

``index/whoosh`` is a symbolic link to ``index/whoosh.gen-<timestamp>``. A rebuild writes a new
generation directory and replaces the link with :func:`os.replace` (atomic on POSIX). Readers that
hold the old generation keep working; they notice the swap by comparing :func:`os.path.realpath`
of the link with the directory they opened. The previous generation is kept for such readers;
older ones are deleted.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

GENERATION_MARK = ".gen-"


#: A file in a generation that a rebuild is still writing: the builder's process id.
BUILDING_MARK = ".building"


def new_generation_dir(link: Path, *, building: bool = False) -> Path:
    """Create and return an empty, uniquely named generation directory next to ``link``.

    With ``building``, the directory is marked with this process's id until
    :func:`finish_building`: a marked generation whose builder is gone was abandoned (a killed
    rebuild) and is removed by :func:`remove_abandoned_generations`.
    """
    link.parent.mkdir(parents=True, exist_ok=True)
    while True:
        stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 1_000_000_000:09d}"
        candidate = link.with_name(f"{link.name}{GENERATION_MARK}{stamp}")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        if building:
            (candidate / BUILDING_MARK).write_text(str(os.getpid()), encoding="ascii")
        return candidate


def finish_building(generation: Path) -> None:
    """Unmark a generation whose rebuild completed (it is about to be swapped in)."""
    (generation / BUILDING_MARK).unlink(missing_ok=True)


def remove_abandoned_generations(link: Path) -> list[Path]:
    """Delete generations a killed rebuild left behind; returns them.

    A generation is abandoned when it is marked as building and its builder process is gone.
    The current generation, the one before it (readers may hold it) and rebuilds still running
    are kept.
    """
    current = Path(os.path.realpath(link)) if link.exists() else None
    removed = []
    for path in link.parent.glob(f"{link.name}{GENERATION_MARK}*"):
        if current is not None and path.resolve() == current:
            continue
        mark = path / BUILDING_MARK
        if not mark.exists():
            continue
        try:
            builder = int(mark.read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            builder = 0
        if builder and _process_alive(builder):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ensure_index_dir(link: Path) -> Path:
    """Make ``link`` usable as an index directory: a link to a fresh generation if it is missing.

    An existing real directory (an index made before generations existed) is used as is.
    """
    remove_abandoned_generations(link)
    if link.exists():
        return link
    if link.is_symlink():  # dangling link: its generation was removed
        link.unlink()
    target = new_generation_dir(link)
    _point(link, target)
    return link


def swap_in(link: Path, generation: Path) -> None:
    """Point ``link`` at ``generation`` atomically, then delete generations older than the last."""
    previous = Path(os.path.realpath(link)) if link.exists() else None
    if link.exists() and not link.is_symlink():
        # A pre-generation real directory: move it aside once, so it can become a link.
        aside = new_generation_dir(link)
        aside.rmdir()
        link.rename(aside)
        previous = aside
    _point(link, generation)
    keep = {Path(os.path.realpath(generation))}
    if previous is not None:
        keep.add(previous)
    for path in link.parent.glob(f"{link.name}{GENERATION_MARK}*"):
        if path.resolve() not in keep and not (path / BUILDING_MARK).exists():
            shutil.rmtree(path, ignore_errors=True)


def _point(link: Path, target: Path) -> None:
    """Atomically make ``link`` a relative symlink to ``target`` (a sibling)."""
    temporary = link.with_name(f".{link.name}.link-{os.getpid()}-{time.time_ns()}")
    os.symlink(target.name, temporary)
    os.replace(temporary, link)
