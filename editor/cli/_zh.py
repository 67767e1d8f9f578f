"""Chinese for argparse's own messages, a UTF-8 console, and the crash log."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

_MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


argparse._ = _translate  # argparse looks its messages up through this module-level gettext alias


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        message = re.sub(r"invalid choice: '(.*?)' \(choose from (.*?)\)", r"无效的选择“\1”（可选：\2）", message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


def utf8_console() -> None:
    """Print UTF-8 when output goes to a pipe or file, whatever the system code page."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if enc != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass


def write_crash_log(text: str) -> Path:
    from ..paths import data_dir

    import os

    folder = data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
        for n in range(100):        # never over another crash's log, even one in the same second
            path = folder / (f"{stamp}.log" if n == 0 else f"{stamp}-{n}.log")
            try:
                with open(path, "x", encoding="utf-8") as f:
                    f.write(text)
                return path
            except FileExistsError:
                continue
    except OSError:
        pass
    return Path("（无法写入日志）")
