"""Building an issue into output files: compose once, run each writer, move results into place."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import field
from pathlib import Path

from .compose import compose
from .errors import BulletinError, ExportError, os_reason
from .paths import clean_stale_temps, file_mode_for, temp_path
from .project import OpenIssue, open_issue
from .records import record
from .world import World
from .writers import WRITERS, Progress, Target, WriterReport, writer_for

DEFAULT_OUT = Path("build")


@record
class BuildResult:
    """One file a build wrote: its format, path, time taken and the writer's report."""

    format: str
    path: Path
    seconds: float
    report: WriterReport = field(default_factory=WriterReport)


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        raise BulletinError(f"不支持的输出格式“{'、'.join(unknown) or text}”；可用：{'、'.join(WRITERS)}")
    return list(dict.fromkeys(formats))


def build_issue(source: OpenIssue | str | os.PathLike, formats: list[str] | tuple[str, ...] = ("pdf",),
                out_dir: str | os.PathLike = DEFAULT_OUT, progress: Progress | None = None,
                file_stem: str | None = None) -> list[BuildResult]:
    """Write the issue in each format to out_dir/<stem>.<format>.

    A failed build raises ExportError and leaves any earlier file at that path untouched.
    """
    opened = source if isinstance(source, OpenIssue) else open_issue(source)
    comp = compose(opened.issue, opened.template, World(opened.folder))
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"无法创建输出文件夹“{out}”（{os_reason(exc)}）") from None
    clean_stale_temps(out)             # what a build killed earlier left behind
    done: list[tuple[Path, Path, bool, BuildResult]] = []       # (temporary, target, is a folder, result)
    try:
        # every format is written in full before any earlier output is replaced: a writer that fails
        # leaves all of them as they were
        for n, fmt in enumerate(formats):
            def step(fraction: float, text: str, n=n) -> None:
                if progress:
                    progress((n + max(0.0, min(1.0, fraction))) / len(formats), text)

            writer = writer_for(fmt)
            target = writer.output_path(out, file_stem or comp.file_stem)
            start = time.perf_counter()
            tmp = temp_path(target, ".part")
            try:
                if writer.folder:
                    tmp.mkdir()
                else:
                    tmp.touch(exist_ok=False)
                done.append((tmp, target, writer.folder, BuildResult(fmt, target, 0.0)))
                report = writer.render(comp, Target(tmp, step))
            except PermissionError:
                raise ExportError(f"无法写入“{target}”：没有写入权限，或文件正被其他程序打开") from None
            except OSError as exc:
                raise ExportError(f"写入“{target}”失败（{os_reason(exc)}）；原有文件未改动") from None
            report.warnings[:0] = comp.warnings
            done[-1] = (tmp, target, writer.folder, BuildResult(fmt, target, time.perf_counter() - start, report))
            step(1.0, f"已生成 {target.name}")
        for k, (tmp, target, folder, _) in enumerate(done):
            try:
                if folder:
                    _replace_folder(tmp, target)
                else:
                    os.chmod(tmp, file_mode_for(target))   # a temporary file's 0600 would make the PDF private
                    os.replace(tmp, target)
            except PermissionError:
                raise ExportError(f"无法写入“{target}”：文件可能正被其他程序（如 PDF 阅读器或 Word）打开，请关闭后重试"
                                  + ("" if k == 0 else f"；{'、'.join(d[1].name for d in done[:k])} 已更新")) from None
            except OSError as exc:
                raise ExportError(f"写入“{target}”失败（{os_reason(exc)}）"
                                  + ("；原有文件未改动" if k == 0 else
                                     f"；{'、'.join(d[1].name for d in done[:k])} 已更新")) from None
    finally:
        for tmp, *_ in done:
            if os.path.lexists(tmp):
                _discard(tmp)
    return [result for *_, result in done]


def _discard(tmp: Path) -> None:
    """Remove a writer's unfinished output, a file or a folder."""
    if tmp.is_dir() and not tmp.is_symlink():
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        tmp.unlink(missing_ok=True)


def _replace_folder(tmp: Path, target: Path) -> None:
    """Put the finished folder `tmp` at `target`: an earlier folder there is moved aside first and
    removed only once the new one is in place, so a failure leaves one of the two whole."""
    mode = 0o777 & ~_umask()
    for path in [tmp, *tmp.rglob("*")]:       # mkdtemp's 0700 would make the pages private
        os.chmod(path, mode if path.is_dir() else mode & 0o666)
    old = None
    if target.is_dir() and not target.is_symlink():
        old = temp_path(target, ".old")
        old.mkdir()
        os.replace(target, old / target.name)
    elif target.exists() or target.is_symlink():
        raise ExportError(f"无法写入“{target}”：那里已有一个同名的文件，不是文件夹；请移走它后重试")
    try:
        os.replace(tmp, target)
    except OSError:
        if old is not None:
            os.replace(old / target.name, target)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
