"""`bulletin`: the command line. Each command lives in its own module of this package.

Every command module is imported to build the parser, so a module imports at its top only what
the commands share (reading an issue); what one command alone needs (checks, importers, Qt,
json, the cadence) is imported inside its run(), and `bulletin build` starts faster.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from ..errors import BulletinError
from . import _zh

# Each public module of this package is one command with register(subparsers), listed here in the
# order `bulletin -h` shows them. A new command is one new module and its name here (a test checks
# that the two agree; listing them saves importing pkgutil, 5 ms of every command's start).
ORDER = ("check", "build", "new", "import_", "info", "search", "stats", "volume", "gui")


def command_modules() -> list[str]:
    return list(ORDER)


def build_parser() -> argparse.ArgumentParser:
    parser = _zh.Parser(prog="bulletin", description="政策简报（《大数据发展动态》等）的编辑、检查、排版与导入工具。")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_zh.Parser)
    sub.required = True
    for name in command_modules():
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _zh.utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except BulletinError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `bulletin check DIR | head`: the reader has gone; stop quietly as other tools do, and
        # keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception:  # the last line of defence: no traceback for users, but keep it for us
        import traceback   # here, not at the top: every command would pay for importing it

        log = _zh.write_crash_log(traceback.format_exc())
        print(f"内部错误：程序遇到了意外情况，已中止。详细信息已写入 {log}，请把它发给开发人员。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
