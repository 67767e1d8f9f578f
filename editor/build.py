"""Building an issue into output files: compose once, run each writer, move results into place."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import field
from pathlib import Path

from .compose import compose
from .errors import BulletinError, ExportError, os_reason
from .paths import file_mode_for
from .project import OpenIssue, open_issue
from .records import record
from .world import World
from .writers import WRITERS, Progress, WriterReport, writer_for

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
    results = []
    for n, fmt in enumerate(formats):
        def step(fraction: float, text: str, n=n) -> None:
            if progress:
                progress((n + max(0.0, min(1.0, fraction))) / len(formats), text)

        target = out / f"{file_stem or comp.file_stem}.{fmt}"
        start = time.perf_counter()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=f".{fmt}.part", dir=out)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            report = writer_for(fmt)(comp, opened.template, tmp, step)
            os.chmod(tmp, file_mode_for(target))   # mkstemp's 0600 would make the PDF private
            os.replace(tmp, target)
        except BulletinError:
            tmp.unlink(missing_ok=True)
            raise
        except PermissionError:
            tmp.unlink(missing_ok=True)
            raise ExportError(f"无法写入“{target}”：文件可能正被其他程序（如 PDF 阅读器或 Word）打开，请关闭后重试") from None
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ExportError(f"写入“{target}”失败（{os_reason(exc)}）；原有文件未改动") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        report.warnings[:0] = comp.warnings
        results.append(BuildResult(fmt, target, time.perf_counter() - start, report))
        step(1.0, f"已生成 {target.name}")
    return results
