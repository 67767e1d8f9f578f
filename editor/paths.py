"""Per-user folders and atomic file writes, the same way on Windows, macOS and Linux."""

from __future__ import annotations

import os
import sys
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


def resolved(path: str | os.PathLike) -> Path:
    """`path` made absolute with its links followed where they lead somewhere; a link loop (which
    Path.resolve reports as RuntimeError on Python 3.11 and OSError later) keeps the path as written."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def file_mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# ---------------------------------------------------------------- temporary files

TEMP_MARK = ".~bl-"        # in every temporary file's name: .issue.toml.~bl-3f2a91c0-4711-k2j3.tmp


_HOST: list[str] = []


def _host_tag() -> str:
    """Eight hex digits naming this machine (computed once, when something is first written)."""
    if not _HOST:
        import zlib       # not hashlib: a PDF build imports no hash library (tests/test_startup.py)

        # the host name without importing socket (5 ms at start-up): what socket.gethostname() gives
        host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
        _HOST.append(f"{zlib.crc32(host.encode('utf-8', 'replace')):08x}")
    return _HOST[0]


def temp_path(target: Path, suffix: str = ".tmp") -> Path:
    """A new hidden name beside `target` for its unfinished content: carries this machine and process,
    so that a later run can tell a leftover of a killed process (removed) from a save under way."""
    return target.with_name(f".{target.name}{TEMP_MARK}{_host_tag()}-{os.getpid()}-{os.urandom(4).hex()}{suffix}")


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TEMP_MARK in name


def target_of_temp(path: Path) -> Path:
    """The file a temporary file was to become (what a message names instead of the hidden file)."""
    name = path.name
    return path.with_name(name[1:name.index(TEMP_MARK)]) if is_temp_name(name) else path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259            # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True                          # exists, owned by someone else
    return True


STALE_FOREIGN_SECONDS = 24 * 3600     # a temporary file of another machine (a shared folder) is left this long


def clean_stale_temps(folder: Path) -> list[str]:
    """Remove the temporary files (and folders) in `folder` left by a process that was killed on this
    machine, or by another machine a day ago; returns their names. A save or build under way in a
    living process is never touched."""
    import shutil
    import time

    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temp_name(entry.name):
            continue
        tag = entry.name[entry.name.index(TEMP_MARK) + len(TEMP_MARK):].split("-")
        try:
            host, pid = tag[0], int(tag[1])
        except (IndexError, ValueError):
            continue
        try:
            if host == _host_tag():
                stale = not _alive(pid)
            else:
                stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_FOREIGN_SECONDS
            if not stale:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def _fsync_dir(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX; Windows has no directory handles for this)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temp(target: Path, data: bytes, durable: bool = True) -> Path:
    """`data` in a new temporary file beside `target`, flushed to disk (unless not `durable`: a cache
    entry whose reader checks it), with the mode `target` has (or any new file gets). An OSError
    names `target`, never the hidden file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        # a saved issue keeps the mode it had, or gets the mode any new file would, so colleagues
        # sharing the folder can still read it
        os.chmod(tmp, file_mode_for(target))
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def atomic_write(path: str | os.PathLike, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    The bytes go to a temporary file in the same folder, are flushed to disk and
    then renamed over `path`; on any failure the old file is left untouched. `durable=False`
    skips the flush, for cache entries that carry their own checksum: after a crash one may be
    empty or garbled, and its reader makes it again.
    """
    target = Path(path)
    tmp = write_temp(target, data, durable)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OSError(exc.errno, exc.strerror, str(target)) from None


# ---------------------------------------------------------------- changes to several files at once

JOURNAL = ".bulletin-journal.json"


def commit_files(root: Path, writes: list[tuple[str, bytes]], deletes: list[str] = ()) -> None:
    """Change several files under `root` so that a kill or a full disk at any moment leaves the old
    state or the new one, never a mix.

    Every new content is written to a temporary file first (a failure there removes them all and
    changes nothing); then a journal listing the renames and removals is written atomically; then
    the renames are done in the order given (callers put the manifest last) and the removals; then
    the journal goes. A run killed after the journal was written is completed by `recover(root)`,
    which loading an issue calls first. An OSError names the file the user knows.
    """
    import json

    temps: list[tuple[Path, Path]] = []
    try:
        for rel, data in writes:
            target = root / rel
            temps.append((write_temp(target, data), target))
        journal = {"version": 1, "renames": [[str(t.relative_to(root)), str(d.relative_to(root))] for t, d in temps],
                   "deletes": list(deletes)}
        if len(temps) + len(deletes) > 1:
            atomic_write(root / JOURNAL, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
    except BaseException:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    _apply(root, journal)


def _apply(root: Path, journal: dict) -> None:
    for tmp_rel, rel in journal.get("renames", []):
        tmp, target = root / tmp_rel, root / rel
        if os.path.lexists(tmp):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from None
    for rel in journal.get("deletes", []):
        try:
            os.unlink(root / rel)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(root / rel)) from None
    folders = {(root / rel).parent for _, rel in journal.get("renames", [])} | {root}
    for folder in folders:
        _fsync_dir(folder)
    try:
        os.unlink(root / JOURNAL)
    except FileNotFoundError:
        pass


def recover(root: Path, subfolders: tuple[str, ...] = ()) -> bool:
    """Finish a change `commit_files` began in `root` and a kill interrupted, and remove temporary
    files left by killed processes (in `root` and `subfolders`); True if a change was finished.
    OSError when the folder cannot be written (then nothing is lost: the journal stays)."""
    import json

    journal_path = root / JOURNAL
    finished = False
    if os.path.lexists(journal_path):
        from .safeio import ReadRefused, read_file

        try:
            journal = json.loads(read_file(journal_path, 1024 * 1024, "保存记录").decode("utf-8"))
            valid = isinstance(journal, dict) and all(
                isinstance(r, list) and len(r) == 2 and all(_inside(x) for x in r) and is_temp_name(Path(r[0]).name)
                for r in journal.get("renames", [])) and all(_inside(x) and x.endswith(".md")
                                                              for x in journal.get("deletes", []))
        except (ValueError, TypeError, AttributeError, ReadRefused):
            valid = False
        if valid:
            _apply(root, journal)
            finished = True
        elif os.path.isdir(journal_path) and not os.path.islink(journal_path):
            pass           # a folder of that name is not ours to remove
        else:          # not one of ours, or damaged: the change it described cannot be told; the old state stands
            os.unlink(journal_path)
    for folder in (root, *(root / s for s in subfolders)):
        clean_stale_temps(folder)
    return finished


def _inside(rel) -> bool:
    """A journal's path stays inside the issue folder (the journal is data on disk, not trusted)."""
    if not isinstance(rel, str) or not rel or os.path.isabs(rel):
        return False
    parts = Path(rel).parts
    return ".." not in parts and not any(":" in p for p in parts)
