"""bulletin gui [DIR] [--screenshot PNG]: the desktop editor."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="打开桌面编辑器", description="打开桌面编辑器（组稿、校对、预览、导出）。")
    p.add_argument("folder", nargs="?", metavar="目录", help="要打开的一期，例如 content/2023-29（也可给它的 issue.toml 或某篇文章的 .md 文件）")
    p.add_argument("--screenshot", metavar="PNG", help="载入后把主窗口保存为 PNG 图片并退出（无需显示器）")
    p.add_argument("--select", metavar="文章编号", help="打开后选中的文章编号；写 issue 则显示本期信息")
    p.add_argument("--size", metavar="宽x高", type=_size, default=(1440, 900),
                   help="截图时的窗口大小，例如 1024x700（默认 1440x900）")
    p.set_defaults(run=run)


def _size(text: str) -> tuple[int, int]:
    import argparse

    w, sep, h = text.lower().replace("×", "x").partition("x")
    if not (sep and w.isdigit() and h.isdigit()) or not (320 <= int(w) <= 10000 and 240 <= int(h) <= 10000):
        raise argparse.ArgumentTypeError(f"“{text}”不是窗口大小：请写成 宽x高，例如 1024x700")
    return int(w), int(h)


def run(args) -> int:
    from ..ui.app import run_gui   # Qt is imported only when the editor is wanted

    return run_gui(args.folder, args.screenshot, args.select, size=args.size)
