"""The long robustness campaign of issue #20: hostile inputs × every CLI command, each run classified.

    nice python tools/campaign.py [--inputs 2000] [--jobs 2] [--seed 1] [--timeout 30] [--kind KIND ...]
                                  [--keep DIR] [--show CLASS ...]

Each input is a small valid issue with one thing damaged (tools/campaign_inputs.py: mutated
issue.toml, articles and templates, huge pastes, damaged HTML/DOCX/PDF/text imports, FIFOs, links to
/dev/zero, link loops, folders named x.docx, a broken previous issue) or a fault (kill -9 at the K-th
rename or removal, a full disk: a small tmpfs where mounting is allowed, else writes past a size limit
fail). Every command runs in its own process (forked from one that imported the program once, so a
run costs what the command costs) with a timeout; each run is classified:

  OK           exit 0 (check: 0 or 1) and the output is right
  CLEAN-ERROR  exit 2 with a Chinese message
  INTERNAL     exit 3 (the crash log is kept)
  TRACEBACK    a Python traceback on stderr
  HANG         still running after the timeout in CPU time, or four timeouts of the wall clock
               (killed; the machine is shared, so a working run's wall clock stretches)
  DATA-LOSS    a failed or killed command changed or lost the user's files (after the next run
               finished what the journal describes), or left an issue that no longer opens
  WRONG        exit 0 but the output is wrong: text outside the page, an article missing, an import
               --into without the article; or a broken neighbour stopped today's issue
  BAD-MESSAGE  exit 2 but the message has no Chinese reason, keeps an English OS reason, or names
               no file (a path, a file of the issue, a line)

Prints the table (rows: kinds of input; columns: classes) and, for each class but OK and CLEAN-ERROR,
the runs with their stderr.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import campaign_inputs as inputs  # noqa: E402

CLASSES = ["OK", "CLEAN-ERROR", "INTERNAL", "TRACEBACK", "HANG", "DATA-LOSS", "WRONG", "BAD-MESSAGE"]
CAN_FORK = hasattr(os, "fork")
# a message names the place: a path, a file of the issue, or a line
PLACE = re.compile(r"[/\\]|\.(toml|md|docx|html?|txt|pdf|png|jpe?g|ttf|otf|ttc)\b|:\d+|第 ?\d+ ?行")
ENGLISH_OS = re.compile(r"\[Errno|Errno \d|No such file|Is a directory|Permission denied|Too many levels|"
                        r"No space left|Not a directory|File name too long|Invalid argument|cannot convert|"
                        r"object has no attribute|unsupported operand|NoneType|Traceback")


# ---------------------------------------------------------------- state of the user's files


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder` (never following links or opening special files): regular files by
    content, links by target, others by type. Temporary files and the journal are left out."""
    from editor.paths import JOURNAL, is_temp_name

    state: dict[str, object] = {}
    if not folder.exists():
        return state
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not is_temp_name(d)]      # a half-built folder: not the user's
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(folder))
            if is_temp_name(name) or name == JOURNAL:
                continue
            st = os.lstat(path)
            if os.path.islink(path):
                state[rel] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                state[rel] = "dir"
            elif not os.path.isfile(path):
                state[rel] = "special"
            else:
                with open(path, "rb") as f:
                    state[rel] = f.read()
            del st
    return state


def leftovers(folder: Path) -> list[str]:
    from editor.paths import JOURNAL, is_temp_name

    if not folder.exists():
        return []
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if is_temp_name(p.name) or p.name == JOURNAL]


# ---------------------------------------------------------------- running one command


def _child(argv: list[str], cwd: Path, env: dict[str, str], fault: str, out: int, err: int) -> None:
    """In the forked process: output to the pipes, inject the fault, run the command, exit with its code."""
    import traceback

    try:
        os.chdir(cwd)
        os.dup2(out, 1)
        os.dup2(err, 2)
        # fresh streams on the pipes (under pytest sys.stdout/err are its capture objects, not fd 1/2)
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", line_buffering=True)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", line_buffering=True)
        os.environ.update(env)
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))   # a runaway read ends as MemoryError
        except (ImportError, ValueError, OSError):
            pass
        if fault.startswith("kill:"):
            k, calls = int(fault[5:]), [0]

            def dying(real):
                def call(*a, **kw):
                    calls[0] += 1
                    if calls[0] == k:
                        os._exit(137)
                    return real(*a, **kw)
                return call
            os.replace, os.rename, os.unlink = dying(os.replace), dying(os.rename), dying(os.unlink)
        elif fault.startswith("fsize:"):
            import resource

            # no tmpfs: a write past this size fails (EFBIG) as on a full disk; the output goes to
            # pipes, which the limit does not touch
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (int(fault[6:]), int(fault[6:])))
        from editor.cli import main

        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    except BaseException:
        traceback.print_exc()
        try:
            sys.stderr.flush()
        finally:
            os._exit(1)


class Run:
    """One command of one case, running or finished."""

    def __init__(self, argv, cwd: Path, env: dict[str, str], fault: str, timeout: float):
        self.argv, self.cwd, self.timeout = argv, cwd, timeout
        self.start = time.monotonic()
        self.code: int | None = None
        self.hung = False
        self.cpu = 0.0
        self._out, self._err = bytearray(), bytearray()
        if CAN_FORK:
            (out_r, out_w), (err_r, err_w) = os.pipe(), os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            self.pid = os.fork()
            if self.pid == 0:
                os.close(out_r)
                os.close(err_r)
                _child(argv, cwd, env, fault, out_w, err_w)
            os.close(out_w)
            os.close(err_w)
            for fd in (out_r, err_r):
                os.set_blocking(fd, False)
            self.fds = {out_r: self._out, err_r: self._err}
            self.proc = None
        else:      # Windows: a fresh interpreter per run
            full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
            self.proc = subprocess.Popen([sys.executable, "-m", "editor", *argv], cwd=cwd, env=full,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def _drain(self) -> None:
        for fd, buf in self.fds.items():
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    break
                if not chunk:
                    break
                if len(buf) < 4 << 20:
                    buf += chunk

    def _over_time(self) -> bool:
        """Past the timeout in CPU time (a busy machine stretches the wall clock of a run that is
        working), or blocked: past four timeouts of the wall clock (a read from a FIFO uses no CPU)."""
        wall = time.monotonic() - self.start
        if wall <= self.timeout:
            return False
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return True
        return cpu > self.timeout or wall > 4 * self.timeout

    def poll(self) -> bool:
        """True once finished (or killed after the timeout)."""
        if self.code is not None:
            return True
        if self.proc is not None:
            try:
                out, err = self.proc.communicate(timeout=max(0.0, self.timeout - (time.monotonic() - self.start)))
            except subprocess.TimeoutExpired:
                self.proc.kill()
                out, err = self.proc.communicate()
                self.hung = True
            self._out += out
            self._err += err
            self.code = self.proc.returncode
            return True
        self._drain()
        pid, status, usage = os.wait4(self.pid, os.WNOHANG)
        if pid == 0:
            if self._over_time():
                os.kill(self.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(self.pid, 0)
                self.hung = True
            else:
                return False
        self._drain()
        for fd in self.fds:
            os.close(fd)
        self.cpu = usage.ru_utime + usage.ru_stime
        self.code = os.waitstatus_to_exitcode(status)
        return True

    def wait(self) -> "Run":
        while not self.poll():
            time.sleep(0.02)
        return self

    @property
    def stdout(self) -> str:
        return self._out.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self._err.decode("utf-8", "replace")

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- is the output right?


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _titles(issue: Path, timeout: float) -> list[str] | None:
    """The titles of the issue's articles, read in a child (a hostile issue may not load): None when
    it does not open."""
    code = ("import json,sys\nfrom editor.content import load_issue\n"
            "print(json.dumps([a.title for a in load_issue(sys.argv[1]).articles], ensure_ascii=False))")
    if not CAN_FORK:
        try:
            res = subprocess.run([sys.executable, "-c", code, str(issue)], capture_output=True, timeout=timeout,
                                 env=dict(os.environ, PYTHONPATH=str(ROOT)), text=True, encoding="utf-8")
        except subprocess.TimeoutExpired:
            return None
        return json.loads(res.stdout) if res.returncode == 0 else None
    read, write = os.pipe()       # not a file: the disk may be full
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            from editor.content import load_issue

            data = json.dumps([a.title for a in load_issue(issue).articles], ensure_ascii=False).encode()
            view = memoryview(data)
            while view:
                view = view[os.write(write, view):]
            os._exit(0)
        except BaseException:
            os._exit(1)
    os.close(write)
    os.set_blocking(read, False)
    chunks, start = [], time.monotonic()
    while True:
        try:
            while chunk := os.read(read, 65536):
                chunks.append(chunk)
        except BlockingIOError:
            pass
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - start > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read)
            return None
        time.sleep(0.01)
    try:
        while chunk := os.read(read, 65536):
            chunks.append(chunk)
    except BlockingIOError:
        pass
    os.close(read)
    return json.loads(b"".join(chunks)) if status == 0 else None


def _pdf_problems(pdf: Path, titles: list[str]) -> list[str]:
    if not shutil.which("pdftotext"):
        return []
    res = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, timeout=120)
    if res.returncode != 0:
        return [f"pdftotext 读不了 {pdf.name}：{res.stderr[:200]!r}"]
    html = res.stdout.decode("utf-8", "replace")
    problems = []
    page_re = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
    word_re = re.compile(r'<word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">([^<]*)</word>')
    words = []
    for n, page in enumerate(html.split("<page ")[1:], 1):
        m = page_re.match("<page " + page)
        w, h = float(m.group(1)), float(m.group(2))
        for x0, y0, x1, y1, text in word_re.findall(page):
            words.append(text)
            if float(x0) < -1 or float(y0) < -1 or float(x1) > w + 1 or float(y1) > h + 1:
                problems.append(f"第 {n} 页有文字画在页面外：{text[:30]!r} x={x0}..{x1} (页宽 {w})")
                break
    problems += _missing(titles, "".join(words), pdf.name)
    return problems[:5]


def _missing(titles: list[str], text: str, name: str) -> list[str]:
    body = _letters(text)
    out = []
    for title in titles:
        key = _letters(title)[:6]
        if key and key not in body:
            out.append(f"{name} 里没有文章“{title[:30]}”")
    return out


def _docx_problems(path: Path, titles: list[str]) -> list[str]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
    except Exception as exc:          # noqa: BLE001 — any damage of the written file is the finding
        return [f"{path.name} 不是完整的 .docx：{exc!r}"]
    return _missing(titles, "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)), path.name)


def _html_problems(out: Path, titles: list[str]) -> list[str]:
    pages = [p for p in out.rglob("*.html")] if out.exists() else []
    if not pages:
        return ["没有写出 HTML"]
    import html as html_lib

    text = html_lib.unescape(re.sub(r"<[^>]+>", "", "".join(p.read_text(encoding="utf-8", errors="replace")
                                                               for p in pages)))
    return _missing(titles, text, "HTML")


def output_problems(argv: list[str], paths: dict[str, Path], before: dict, timeout: float) -> list[str]:
    """What is wrong with the result of a command that exited 0 (empty: nothing)."""
    issue, new = paths["ISSUE"], paths["NEW"]
    cmd = argv[0]
    if cmd in ("build", "volume"):
        titles = _titles(issue, timeout) or []
        fmts = argv[argv.index("--format") + 1].split(",") if "--format" in argv else ["pdf"]
        out = paths["OUT"]
        problems = []
        for fmt in fmts:
            found = [p for p in out.iterdir() if not p.name.startswith(".")] if out.exists() else []
            if fmt == "pdf":
                pdfs = [p for p in found if p.suffix == ".pdf"]
                problems += _pdf_problems(pdfs[0], titles) if pdfs else ["没有写出 PDF"]
            elif fmt == "docx":
                docs = [p for p in found if p.suffix == ".docx"]
                problems += _docx_problems(docs[0], titles) if docs else ["没有写出 DOCX"]
            else:
                problems += _html_problems(out, titles)
        return problems
    if cmd == "import" and "--into" in argv:
        after = _titles(issue, timeout)
        if after is None:
            return ["导入后这一期打不开了"]
        if len(after) != len(before.get("titles") or []) + 1:
            return [f"导入后文章数 {len(after)}，导入前 {len(before.get('titles') or [])}"]
    if cmd in ("new",) or (cmd == "import" and "-o" in argv):
        if _titles(new, timeout) is None:
            return ["新建的一期打不开"]
    if cmd == "check" and "--fix" in argv and _titles(issue, timeout) is None:
        return ["修正后这一期打不开了"]
    return []


# ---------------------------------------------------------------- one case, start to end


def _substitute(argv: list[str], paths: dict[str, Path]) -> list[str]:
    return [str(paths[a]) if a in paths else a for a in argv]


def _writes(argv: list[str]) -> bool:
    """Whether the command is meant to change the user's files (when it succeeds)."""
    return argv[0] in ("new",) or (argv[0] == "import" and ("--into" in argv or "-o" in argv)) or "--fix" in argv


class Disk:
    """A small tmpfs for disk-full cases (None where mounting is not allowed)."""

    @staticmethod
    def mount(folder: Path, size: int) -> bool:
        if not sys.platform.startswith("linux"):
            return False
        folder.mkdir(parents=True, exist_ok=True)
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={max(size, 4096)}", "tmpfs", str(folder)],
                             capture_output=True)
        return res.returncode == 0

    @staticmethod
    def umount(folder: Path) -> None:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def run_case(case: inputs.Case, case_dir: Path, timeout: float, reference: dict | None = None) -> list[dict]:
    """Run the case's commands one after another; returns one record per run."""
    paths = {"ISSUE": case_dir / "content" / "mini", "OUT": case_dir / "out", "NEW": case_dir / "content" / "new",
             "CONTENT": case_dir / "content",
             "INPUT": next((p for p in case_dir.iterdir() if p.stem in ("paste", "page", "doc", "copy", "x")),
                           case_dir / "paste.txt")}
    env = {"BULLETIN_DATA_DIR": str(case_dir / ".data"), "BULLETIN_FONT_DIRS": "", **case.env}
    records = []
    for argv in case.commands:
        fault = case.fault
        user = [case_dir / "content", paths["INPUT"]]
        before = {str(p): snapshot(p) if p.is_dir() else None for p in user}
        before["titles"] = _titles(paths["ISSUE"], timeout) if argv[0] == "import" else None
        opened_before = before["titles"] is not None or argv[0] != "import"
        child_fault = (fault if fault.startswith("kill") else "" if fault.startswith("enospc-tmpfs")
                       else f"fsize:{max(int(fault.split(':')[1]), 1)}" if fault.startswith("enospc") else "")
        run = Run(_substitute(argv, paths), case_dir, env, child_fault, timeout).wait()
        rec = {"kind": case.kind, "what": case.what, "argv": " ".join(argv), "fault": fault, "code": run.code,
               "cpu": round(run.cpu, 2), "stderr": run.stderr[-3000:], "problems": []}
        err = run.stderr
        if run.hung:
            rec["class"] = "HANG"
        elif "Traceback (most recent call last)" in err:
            rec["class"] = "TRACEBACK"
        elif run.code == 3:
            rec["class"] = "INTERNAL"
            logs = list((case_dir / ".data").rglob("crash-*.log"))
            log = logs[-1].read_text(encoding="utf-8") if logs else ""
            rec["stderr"] += "\n" + "\n".join(line[:300] for line in log.splitlines()[-40:])
        else:
            rec["class"] = _judge(run, argv, paths, before, opened_before, case, timeout, rec, reference)
        records.append(rec)
        run.close()
        if fault:
            break
    return records


def _judge(run: Run, argv, paths, before, opened_before, case, timeout, rec, reference) -> str:
    code = run.code
    killed = case.fault.startswith("kill") and code == 137
    failed = code not in (0, 1) if argv[0] == "check" else code != 0
    if killed or failed:
        # what the next run finds: it finishes a journaled change and cleans up
        if killed or _writes(argv):
            Run(["info", str(paths["ISSUE"])], paths["ISSUE"].parent.parent, {}, "", timeout).wait().close()
        for p, state in before.items():
            if state is None or p == "titles":
                continue
            after = snapshot(Path(p))
            allowed = [state] + ([reference[p]] if killed and reference and p in reference else [])
            if after not in allowed:
                changed = sorted(k for k in set(state) | set(after) if state.get(k) != after.get(k))
                rec["problems"].append(f"用户文件被改动：{changed[:5]}")
                return "DATA-LOSS"
        if opened_before and argv[0] in ("import", "check") and _titles(paths["ISSUE"], timeout) is None \
                and before.get("titles") is not None:
            rec["problems"].append("失败之后这一期打不开了")
            return "DATA-LOSS"
        if killed:
            new = paths["NEW"]
            if new.exists() and reference and snapshot(new) not in ({}, reference.get(str(new))):
                rec["problems"].append("被杀后新一期的文件夹残缺")
                return "DATA-LOSS"
            return "OK"
        if case.expect_ok:
            rec["problems"].append("上一期的问题让本期的命令失败了")
            return "WRONG"
        message = run.stderr
        if code == 2 and (not re.search(r"[\u4e00-\u9fff]", message) or ENGLISH_OS.search(message)
                          or not (PLACE.search(message) or "--column" in argv or argv[0] == "new"
                                  and "--template" in argv)):
            rec["problems"].append("出错信息没有中文原因、留着英文的系统原因，或没有说出是哪个文件")
            return "BAD-MESSAGE"
        return "CLEAN-ERROR" if code == 2 else "INTERNAL"
    if not _writes(argv):
        for p, state in before.items():
            if state is not None and p != "titles" and snapshot(Path(p)) != state:
                rec["problems"].append(f"只读命令改动了 {p}")
                return "DATA-LOSS"
    rec["problems"] = output_problems(argv, paths, before, timeout)
    return "WRONG" if rec["problems"] else "OK"


# ---------------------------------------------------------------- the campaign


def reference_state(case: inputs.Case, case_dir: Path, timeout: float) -> dict:
    """The user's files after a clean run of the fault case's command, in a copy."""
    ref_dir = case_dir.with_name(case_dir.name + "-ref")
    shutil.copytree(case_dir, ref_dir, symlinks=True)
    paths = {"ISSUE": ref_dir / "content" / "mini", "OUT": ref_dir / "out", "NEW": ref_dir / "content" / "new",
             "INPUT": ref_dir / "paste.txt"}
    Run(_substitute(case.commands[0], paths), ref_dir, {"BULLETIN_DATA_DIR": str(ref_dir / ".data"),
                                                         "BULLETIN_FONT_DIRS": ""}, "", timeout).wait().close()
    out = {}
    for name in ("content", "content/new"):
        out[str(case_dir / name)] = snapshot(ref_dir / name)
    shutil.rmtree(ref_dir, ignore_errors=True)
    return out


def work_one(kind: str, seed: int, work: Path, timeout: float, keep: bool) -> list[dict]:
    case_dir = work / f"{seed:05d}"
    case_dir.mkdir(parents=True)
    rnd = random.Random(seed)
    mounted = False
    if kind == "磁盘已满":
        mounted = Disk.mount(case_dir, 8 << 20)
    case = inputs.generate(kind, rnd, case_dir)
    reference = reference_state(case, case_dir, timeout) if case.fault else None
    if mounted:
        used = shutil.disk_usage(case_dir).used
        room = int(case.fault.split(":")[1])
        subprocess.run(["mount", "-o", f"remount,size={used + room + 4096}", str(case_dir)], capture_output=True)
        case.fault = f"enospc-tmpfs:{room}"
    try:
        records = run_case(case, case_dir, timeout, reference)
    finally:
        if mounted:
            Disk.umount(case_dir)
    for r in records:
        r["seed"] = seed
    if not keep or all(r["class"] in ("OK", "CLEAN-ERROR") for r in records):
        shutil.rmtree(case_dir, ignore_errors=True)
    return records


def _run_all(jobs: list[tuple[str, int]], work: Path, args) -> list[dict]:
    """Every case, by `args.jobs` worker processes (forked before any thread exists; each writes its
    records as JSON lines), or in this process where there is no fork."""
    start = time.monotonic()
    keep = args.keep is not None
    if not CAN_FORK or args.jobs <= 1:
        records = []
        for n, (kind, seed) in enumerate(jobs, 1):
            records += work_one(kind, seed, work, args.timeout, keep)
            _progress(n, len(jobs), records, start)
        return records
    workers = {}
    for w in range(args.jobs):
        out = work / f".records-{w}.jsonl"
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                with open(out, "w", encoding="utf-8") as f:
                    for n, (kind, seed) in enumerate(jobs):
                        if n % args.jobs != w:
                            continue
                        for r in work_one(kind, seed, work, args.timeout, keep):
                            f.write(json.dumps(r, ensure_ascii=False) + "\n")
                        f.flush()
            finally:
                os._exit(0)
        workers[pid] = out
    while workers:
        time.sleep(5)
        for pid in list(workers):
            if os.waitpid(pid, os.WNOHANG)[0]:
                workers[pid] = None
                del workers[pid]
        done = [json.loads(line) for w in range(args.jobs) if (work / f".records-{w}.jsonl").exists()
                for line in (work / f".records-{w}.jsonl").read_text(encoding="utf-8").splitlines() if line]
        _progress(len({r["seed"] for r in done}), len(jobs), done, start)
    return [json.loads(line) for w in range(args.jobs)
            for line in (work / f".records-{w}.jsonl").read_text(encoding="utf-8").splitlines() if line]


_last_report = [0.0]


def _progress(n: int, total: int, records: list[dict], start: float) -> None:
    if time.monotonic() - _last_report[0] < 60 and n < total:
        return
    _last_report[0] = time.monotonic()
    bad = collections.Counter(r["class"] for r in records if r["class"] not in ("OK", "CLEAN-ERROR"))
    print(f"{n}/{total} 个输入，{len(records)} 次运行，{dict(bad) or '没有问题'}，{time.monotonic() - start:.0f} 秒",
          file=sys.stderr, flush=True)


def table(records: list[dict], inputs_count: int) -> str:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in records:
        counts[r["kind"]][r["class"]] += 1
    width = max(len(k) for k in counts) + 2 if counts else 10
    lines = [f"{'输入类别':<{width}}" + "".join(f"{c:>13}" for c in CLASSES)]
    total: collections.Counter = collections.Counter()
    for kind in sorted(counts):
        total.update(counts[kind])
        lines.append(f"{kind:<{width}}" + "".join(f"{counts[kind][c]:>13}" for c in CLASSES))
    lines.append(f"{'合计':<{width}}" + "".join(f"{total[c]:>13}" for c in CLASSES))
    lines.append(f"{inputs_count} 个输入，{len(records)} 次运行")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--kind", action="append", choices=list(inputs.GENERATORS))
    ap.add_argument("--keep", type=Path, help="keep the cases that did not end well in this folder")
    ap.add_argument("--json", type=Path, help="write every run's record here")
    ap.add_argument("--replay", metavar="SEED", type=int, help="run the one input of this seed again, printing all")
    args = ap.parse_args(argv)
    if args.replay is not None:
        rnd = random.Random(args.replay // 100000)
        kinds = args.kind or [k for k in inputs.GENERATORS if inputs.POSIX or k not in inputs.POSIX_ONLY]
        kind = [rnd.choices(kinds, [inputs.WEIGHTS.get(k, 7) for k in kinds])[0]
                for _ in range(args.replay % 100000 + 1)][-1]
        work = Path(tempfile.mkdtemp(prefix="campaign-replay-"))
        for r in work_one(kind, args.replay, work, args.timeout, True):
            print(f"[{r['class']}] {r['what']}: bulletin {r['argv']} {r['fault']} → {r['code']} {r['problems']}\n"
                  f"{r['stderr']}")
        print(f"（文件在 {work}）")
        return 0
    kinds = args.kind or [k for k in inputs.GENERATORS if inputs.POSIX or k not in inputs.POSIX_ONLY]
    weights = [inputs.WEIGHTS.get(k, 7) for k in kinds]
    rnd = random.Random(args.seed)
    jobs = [(rnd.choices(kinds, weights)[0], args.seed * 100000 + n) for n in range(args.inputs)]
    work = args.keep or Path(tempfile.mkdtemp(prefix="campaign-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("BULLETIN_CACHE_DIR", str(work / ".cache"))
    os.environ["BULLETIN_FONT_DIRS"] = ""
    import editor.cli  # noqa: F401 — imported once: every forked run starts from here
    import editor.build, editor.checks, editor.importers  # noqa: F401,E401
    records = _run_all(jobs, work, args)
    if args.json:
        args.json.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(records, len(jobs)))
    for cls in CLASSES[2:]:
        for r in (r for r in records if r["class"] == cls):
            print(f"\n[{cls}] {r['kind']}：{r['what']}  种子 {r['seed']}  bulletin {r['argv']}  {r['fault']}"
                  f"  退出码 {r['code']}  {'；'.join(r['problems'])}\n    " + r["stderr"].strip()[-600:].replace("\n", "\n    "))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    bad = sum(r["class"] not in ("OK", "CLEAN-ERROR") for r in records)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
