"""Per-user folders and atomic file writes, the same way on Windows, macOS and Linux."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

APP = "bulletin"


def _base(env_override: str, windows_var: str, mac_sub: str, xdg_var: str, xdg_default: str) -> Path:
    override = os.environ.get(env_override)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        root = os.environ.get(windows_var)
        return Path(root) / APP if root else home / "AppData" / "Local" / APP
    if sys.platform == "darwin":
        return home / "Library" / mac_sub / APP
    root = os.environ.get(xdg_var)
    return (Path(root) if root else home / xdg_default) / APP


def cache_dir() -> Path:
    """Rebuildable data (converted fonts, preview PDFs). $BULLETIN_CACHE_DIR overrides it."""
    return _base("BULLETIN_CACHE_DIR", "LOCALAPPDATA", "Caches", "XDG_CACHE_HOME", ".cache")


def data_dir() -> Path:
    """Data worth keeping (autosaves, crash logs). $BULLETIN_DATA_DIR overrides it."""
    return _base("BULLETIN_DATA_DIR", "APPDATA", "Application Support", "XDG_DATA_HOME", ".local/share")


def file_mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    The bytes go to a temporary file in the same folder, are flushed to disk and
    then renamed over `path`; on any failure the old file is left untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); a saved issue keeps the mode it had, or gets the
        # mode any new file would, so colleagues sharing the folder can still read it.
        os.chmod(tmp, file_mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
