"""The bundled desktop app: `简报编排器 [期刊文件夹 | issue.toml | 打开本期.bulletin]`."""

import os
import sys

if sys.platform.startswith("linux") and not any(os.environ.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG")):
    os.environ["LC_CTYPE"] = "C.UTF-8"     # started with an empty environment: Qt and Python want UTF-8

if __name__ == "__main__":
    from editor.cli import main

    # macOS passes -psn_… to apps started from Finder; it is not a folder
    sys.exit(main(["gui", *[a for a in sys.argv[1:] if not a.startswith("-psn_")]]))
