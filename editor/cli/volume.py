"""bulletin volume content --year 2023: the year's issues bound as one book (合订本)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .search import DEFAULT_ARCHIVE

VOLUME_FORMATS = ("pdf", "docx")


def register(sub) -> None:
    p = sub.add_parser("volume", help="合订本：把一年的各期排成一本 PDF（和 Word）",
                       description="把存放各期的文件夹中某一年的各期按日期排成一本：合订本封面、年度总目录（按栏目或按期，"
                                   "见模板的 [volume]）及页码、每期和每篇文章的书签、注明各期的页眉，页码全卷连续或每期从 1 起。")
    p.add_argument("folder", nargs="?", default=DEFAULT_ARCHIVE, metavar="文件夹", help="存放各期的文件夹（默认 content）")
    p.add_argument("--year", type=int, required=True, metavar="年份", help="哪一年，例如 2023")
    p.add_argument("-o", "--output", default="build", metavar="输出目录", help="默认 build/")
    p.add_argument("--format", default="pdf,docx", metavar="格式", help="pdf、docx 或 pdf,docx（默认两者）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..batch import fewer_collections

    with fewer_collections():      # a year of issues in memory: see batch.py
        return _run(args)


def _run(args) -> int:
    from ..archive.volume import compose_volume, volume_folders
    from ..errors import BulletinError, ExportError
    from ..project import open_issue

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in VOLUME_FORMATS]
    if unknown or not formats:
        raise BulletinError(f"合订本不支持的格式“{'、'.join(unknown) or args.format}”；可用：{'、'.join(VOLUME_FORMATS)}")
    folders, notices = volume_folders(Path(args.folder), args.year)
    for notice in notices:
        print(f"提示：{notice}", file=sys.stderr)
    if not folders:
        raise BulletinError(f"“{args.folder}”中没有 {args.year} 年的期刊")
    show = not args.quiet and sys.stderr.isatty()

    def progress(fraction: float, text: str) -> None:
        if show:
            print(f"\r[{fraction * 100:3.0f}%] {text}".ljust(60), end="", file=sys.stderr, flush=True)

    progress(0.0, f"读入 {len(folders)} 期")
    template = open_issue(folders[0]).template
    volume = compose_volume(folders, args.year, template)
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"无法创建输出文件夹“{out}”（{exc.strerror or exc}）") from None
    for fmt in formats:
        target = out / f"{volume.file_stem}.{fmt}"
        start = time.perf_counter()
        report = _write(volume, fmt, target, progress)
        if show:
            print(file=sys.stderr)
        pages = f"，{report.page_count} 页" if report.page_count else ""
        print(f"已生成 {target}（{len(volume.issues)} 期，{time.perf_counter() - start:.2f} 秒{pages}）")
        for w in dict.fromkeys(report.warnings):
            print(f"  提示：{w}", file=sys.stderr)
    return 0


def _write(volume, fmt: str, target: Path, progress):
    """Write the volume to a temporary file beside `target`, moved over it only when complete."""
    from ..errors import BulletinError, ExportError
    from ..paths import file_mode_for

    import tempfile      # here: every command's start would pay for it (random, hashlib's sha512)

    fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=f".{fmt}.part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        if fmt == "pdf":
            from ..writers.pdf.volume import write_volume_pdf

            report = write_volume_pdf(volume, tmp, progress)
        else:
            from ..writers.docx.volume import write_volume_docx

            report = write_volume_docx(volume, tmp, progress)
        os.chmod(tmp, file_mode_for(target))
        os.replace(tmp, target)
        return report
    except BulletinError:
        tmp.unlink(missing_ok=True)
        raise
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"无法写入“{target}”：文件可能正被其他程序（如 PDF 阅读器或 Word）打开，请关闭后重试") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"写入“{target}”失败（{exc.strerror or exc}）；原有文件未改动") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
