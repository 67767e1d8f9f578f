"""What an installed application does for a new user: a sample issue to look at, and the small
file that makes an issue folder open with a double click.

An issue is a folder, and file managers associate files, not folders, with programs. Associating
`issue.toml` would claim every TOML file on Windows and macOS (associations there go by extension),
so each issue folder made by the program gets `打开本期.bulletin`: the installers register the
`.bulletin` type, and the app opens the folder that holds the file it is given (docs/packaging.md).
No Qt here: the CLI and the tests use it too.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

MARKER = "打开本期.bulletin"
MARKER_SUFFIX = ".bulletin"
MARKER_TEXT = ("# 简报编排器：双击这个文件即可打开它所在的这一期。\n"
               "# 它只是打开本期的入口，内容不影响本期；删掉后可在程序中用“打开”选择本文件夹。\n")
SAMPLE_NAME = "2023-29"
SAMPLE_FOLDER = "简报编排器"      # in the user's Documents: 文档/简报编排器/2023-29


def write_marker(folder: str | os.PathLike) -> None:
    """Give an issue folder its double-click entry, unless it has one (never overwrites)."""
    target = Path(folder) / MARKER
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as f:
            f.write(MARKER_TEXT)
    except FileExistsError:
        pass


def folder_of_marker(path: str | os.PathLike) -> Path | None:
    """The issue folder a `.bulletin` file stands for, or None when `path` is not one."""
    p = Path(path)
    if p.suffix.lower() == MARKER_SUFFIX and p.is_file():
        return p.parent
    return None


def bundled_sample() -> Path | None:
    """The sample issue shipped with the program: inside the bundle, or a source checkout's."""
    base = getattr(sys, "_MEIPASS", None)
    candidates = [Path(base) / "sample" / SAMPLE_NAME] if base else []
    candidates.append(Path(__file__).resolve().parent.parent / "content" / SAMPLE_NAME)
    return next((c for c in candidates if (c / "issue.toml").is_file()), None)


def install_sample(documents: str | os.PathLike) -> Path | None:
    """Copy the sample issue to `documents`/简报编排器/2023-29 and return it; an existing copy is
    returned as it is (the user may have edited it). None when the program ships no sample.

    The copy is made beside the target and renamed into place, so an interrupted first start
    never leaves half an issue that would then be kept."""
    source = bundled_sample()
    if source is None:
        return None
    target = Path(documents) / SAMPLE_FOLDER / SAMPLE_NAME
    if (target / "issue.toml").is_file():
        return target
    if target.exists():                   # a folder of the user's own by that name: leave it be
        target = target.with_name(f"{SAMPLE_NAME}-样刊")
        if (target / "issue.toml").is_file() or target.exists():
            return target if (target / "issue.toml").is_file() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{SAMPLE_NAME}.", dir=target.parent))
    try:
        copy = staging / SAMPLE_NAME
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("*.autosave", "*.lock", ".*"))
        write_marker(copy)
        os.replace(copy, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
