"""Set up and run the project with nothing but Python 3.11+ and pip, on Windows, macOS or Linux.

    python dev.py sample   # create .venv, install, build the sample issue into build/
    python dev.py test     # create .venv, install with test extras, run the whole test suite
    python dev.py bundle   # create .venv, build the application for this platform into build/bundle/
                           #   (--check: then run it with an empty environment and check its output)

Extra arguments after `test` go to pytest, after `bundle` to packaging/bundle.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*cmd: str | Path, env: dict | None = None) -> None:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code:
        sys.exit(code)


def setup(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("需要 Python 3.11 或更新的版本")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{extras.replace(',', '+') or 'base'}"
    project = ROOT / "pyproject.toml"
    if not stamp.exists() or stamp.stat().st_mtime < project.stat().st_mtime:
        run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip")
        spec = f".[{extras}]" if extras else "."
        # A plain -e: setuptools' editable finder costs a bare interpreter ~10 ms at start-up, but
        # what it imports (pathlib …) `bulletin` imports anyway, so a build measured the same with
        # a static path .pth; editable_mode=compat, which writes one, is transitional in setuptools.
        run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", spec)
        stamp.touch()


def main(argv: list[str]) -> None:
    task = argv[0] if argv else "help"
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if task == "sample":
        setup("")
        run(PYTHON, "-m", "editor", "build", "content/2023-29", "-o", "build", "--format", "pdf,docx", env=env)
    elif task == "test":
        setup("test,bundle")
        env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
        env.setdefault("BULLETIN_TEST_BUNDLE", "1")     # the whole suite includes building the app (~1 min)
        run(PYTHON, "-m", "pytest", *argv[1:], env=env)
    elif task == "bundle":
        setup("bundle")
        run(PYTHON, ROOT / "packaging" / "bundle.py", *argv[1:], env=env)
    else:
        print(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
