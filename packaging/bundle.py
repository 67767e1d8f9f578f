"""Build the self-contained application for this platform, and (--check) try it as a user would.

    python dev.py bundle            # build/bundle/简报编排器/ (.app on macOS) and an archive of it
    python dev.py bundle --check    # … then run it with an empty environment and check what it makes

Run through dev.py, which installs PyInstaller first. See docs/packaging.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bundle"
APP_NAME = "简报编排器"
BUDGET_MB = 150          # unpacked, on Linux (issue #19)
sys.path.insert(0, str(ROOT))


def platform_tag() -> str:
    import platform

    machine = platform.machine().lower().replace("amd64", "x86_64")
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux") + "-" + machine


def app_folder() -> Path:
    """The folder holding the launchers (inside the .app on macOS)."""
    if sys.platform == "darwin":
        return OUT / f"{APP_NAME}.app" / "Contents" / "MacOS"
    return OUT / APP_NAME


def launcher(name: str) -> Path:
    return app_folder() / (name + (".exe" if os.name == "nt" else ""))


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build() -> Path:
    from editor import __version__

    work = OUT.parent / "bundle-work"
    shutil.rmtree(OUT, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(OUT), "--workpath", str(work), str(ROOT / "packaging" / "bulletin.spec")],
                   cwd=ROOT, check=True)
    top = OUT / (f"{APP_NAME}.app" if sys.platform == "darwin" else APP_NAME)
    if sys.platform.startswith("linux"):
        trim_icu(top)
        for extra in (ROOT / "packaging" / "linux").iterdir():
            shutil.copy2(extra, top / extra.name)
    size = folder_size(top)
    print(f"应用：{top}")
    over = sys.platform.startswith("linux") and size > BUDGET_MB * 1e6
    print(f"大小：{size / 1e6:.1f} MB（未压缩；Linux 预算 {BUDGET_MB} MB）" + ("，超出预算！" if over else ""))
    archive = make_archive(top, f"{APP_NAME}-{__version__}-{platform_tag()}")
    print(f"压缩包：{archive}（{archive.stat().st_size / 1e6:.1f} MB）")
    if over:
        sys.exit(1)
    return top


def trim_icu(top: Path) -> None:
    from trim_icu import trim

    for lib in (p for p in (top / "_internal").rglob("libicudata.so.*") if not p.is_symlink()):
        try:
            before, after = trim(lib)
        except (OSError, ValueError, subprocess.CalledProcessError) as exc:
            print(f"提示：未能精简 ICU 数据（{exc}），应用照常可用，只是大一些")
            return
        print(f"ICU 数据：{before / 1e6:.1f} MB → {after / 1e6:.1f} MB（只留 Qt 用到的中文、英文与通用数据）")


def make_archive(top: Path, stem: str) -> Path:
    if sys.platform.startswith("linux"):
        target = OUT / f"{stem}.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(top, arcname=top.name)
        return target
    target = OUT / f"{stem}.zip"
    if sys.platform == "darwin" and shutil.which("ditto"):   # keeps the .app's symlinks and signature
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(top), str(target)], check=True)
        return target
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(top.rglob("*")):
            z.write(p, p.relative_to(top.parent))
    return target


# ---------------------------------------------------------------- --check

def bare_env(tmp: Path) -> dict[str, str]:
    """As empty as a double click gives: no venv, no Python on PATH, a home of its own."""
    env = {"HOME": str(tmp / "home"), "PATH": "/usr/bin:/bin" if os.name != "nt" else os.environ["SystemRoot"]}
    if os.name == "nt":
        env.update({k: os.environ[k] for k in ("SystemRoot", "TEMP", "TMP", "APPDATA", "LOCALAPPDATA")
                    if k in os.environ})
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["BULLETIN_FONT_DIRS"] = ""      # no installed CJK font, as on a stock machine: only the bundle's own
    (tmp / "home").mkdir(exist_ok=True)
    return env


def run_bundled(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(launcher("bulletin")), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)


def check() -> None:
    """The bundle as a user meets it: build the sample, take a screenshot, compare start-up."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bundle-check-") as t:
        tmp = Path(t)
        env = bare_env(tmp)
        shipped = next(p for p in app_folder().parent.rglob("sample/2023-29") if (p / "issue.toml").is_file())
        sample = tmp / "2023-29"           # a copy: the check must not leave files inside the bundle
        shutil.copytree(shipped, sample)
        r = run_bundled(["build", str(sample), "-o", str(tmp / "out"), "--format", "pdf,docx,html"], env)
        print(r.stdout.strip(), r.stderr.strip(), sep="\n")
        pdfs, docxs = list((tmp / "out").glob("*.pdf")), list((tmp / "out").glob("*.docx"))
        if r.returncode != 0 or not pdfs or not docxs:
            failures.append(f"bulletin build 失败（退出码 {r.returncode}）")
        else:
            failures += check_outputs(pdfs[0], docxs[0])
            pages = list((tmp / "out").rglob("index.html"))
            if not pages or "网络安全保险" not in pages[0].read_text(encoding="utf-8"):
                failures.append("没有生成网页版，或网页版里没有样刊的正文")
        failures += check_import(sample, env)
        png = tmp / "shot.png"
        r = run_bundled(["gui", str(sample), "--screenshot", str(png)], env)
        if r.returncode != 0 or not png.is_file():
            failures.append(f"gui --screenshot 失败（退出码 {r.returncode}）：{r.stderr.strip()[-500:]}")
        else:
            failures += check_screenshot(png)
        ratio = startup_ratio(sample, tmp, env)
        print(f"桌面程序启动（载入样刊到截图退出），打包版 / 虚拟环境：{ratio:.2f}×（目标 ≤ 1.5×）")
        if ratio > 1.5:
            failures.append(f"打包版启动慢于虚拟环境 {ratio:.2f} 倍")
    if failures:
        print("检查未通过：\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("检查通过：打包版在空环境里排出了样刊的 PDF、DOCX 和网页版，导入了一份 PDF 文件和一个政府网页，截图正常")


def check_outputs(pdf: Path, docx: Path) -> list[str]:
    problems = []
    try:
        from pypdf import PdfReader

        reader = PdfReader(pdf)
        text = reader.pages[4].extract_text() if len(reader.pages) > 4 else ""
        if len(reader.pages) < 20 or not any("\u4e00" <= c <= "\u9fff" for c in text):
            problems.append(f"PDF 只有 {len(reader.pages)} 页或没有中文文字")
    except ImportError:
        if not pdf.read_bytes().startswith(b"%PDF"):
            problems.append("PDF 文件头不对")
    for face in (b"NotoSerifSC-Regular", b"NotoSansSC-Regular", b"BulletinKai-Regular"):   # 编者按: the Kai,
        if face not in pdf.read_bytes():                                                     # unpacked from .gz
            problems.append(f"PDF 没有嵌入随包字体 {face.decode()}")
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode("utf-8")
        if "网络安全保险" not in body:
            problems.append("DOCX 里没有样刊的正文")
    return problems


def check_import(sample: Path, env: dict[str, str]) -> list[str]:
    """A real document imported into the sample from its PDF copy (pdfminer, its CMaps and
    cryptography bundled) and from its government web page (the HTML reader, lxml.etree alone)."""
    real = ROOT / "tests" / "fixtures"
    copies = [(real / "import" / "pdf" / "govcn-guobanfa-2018-123.pdf", "PDF"),
              (real / "real" / "html" / "govcn-guobanfa-2018-123.html", "网页")]
    shutil.copytree(ROOT / "issue_templates", sample.parent / "issue_templates", dirs_exist_ok=True)
    problems = []
    for path, kind in copies:
        if not path.is_file():
            continue
        before = set((sample / "articles").iterdir())
        r = run_bundled(["import", str(path), "--into", str(sample), "--column", "国策要论"], env)
        added = set((sample / "articles").iterdir()) - before
        if r.returncode != 0 or len(added) != 1:
            problems.append(f"导入{kind}失败（退出码 {r.returncode}）：{r.stderr.strip()[-500:]}")
            continue
        text = added.pop().read_text(encoding="utf-8")
        if "国办发〔2018〕123号" not in text.replace(" ", ""):
            problems.append(f"导入的{kind}没有读出文号")
    return problems


def check_screenshot(png: Path) -> list[str]:
    try:
        from PySide6.QtGui import QImage
    except ImportError:
        return [] if png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" else ["截图不是 PNG"]
    img = QImage(str(png))
    if img.isNull() or img.width() < 800:
        return ["截图打不开或太小"]
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    return [] if len(colours) > 50 else [f"截图几乎是空白（{len(colours)} 种颜色）"]


def startup_ratio(sample: Path, tmp: Path, env: dict[str, str], runs: int = 5) -> float:
    """Median, over interleaved pairs, of the bundled app's time to load the sample and take its
    screenshot, divided by the same run from the development environment."""
    venv_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    venv_env.pop("PYTHONDONTWRITEBYTECODE", None)
    ratios = []
    for k in range(runs + 1):
        t0 = time.perf_counter()
        run_bundled(["gui", str(sample), "--screenshot", str(tmp / "b.png")], env)
        t1 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "editor", "gui", str(sample), "--screenshot", str(tmp / "v.png")],
                       env=venv_env, capture_output=True, timeout=300)
        t2 = time.perf_counter()
        if k:                                  # the first pair warms the disk cache
            ratios.append((t1 - t0) / (t2 - t1))
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="构建后在空环境中试运行并检查结果")
    parser.add_argument("--no-build", action="store_true", help="不重新构建，只检查已有的 build/bundle")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "packaging"))
    if not args.no_build:
        build()
    if args.check:
        check()


if __name__ == "__main__":
    main()
