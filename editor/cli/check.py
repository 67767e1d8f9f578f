"""bulletin check DIR: the editor's checks, as text or JSON, optionally applying the safe fixes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import save_issue
from ..errors import BulletinError, os_reason
from ..project import open_issue

if TYPE_CHECKING:   # the checks are imported when the command runs: other commands start faster
    from ..checks.framework import Diagnostic

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def register(sub) -> None:
    p = sub.add_parser("check", help="校对一期：编号、来源、文号、标点、数字日期、编者按、期号",
                       description="按责任编辑的习惯校对一期：编号是否跳号重号、括号是否统一、来源行、文号、"
                                   "中文标点、数字与日期、编者按与正文是否相符、栏目与期号。"
                                   "发现错误时退出码为 1，无法读取时为 2。")
    p.add_argument("folders", nargs="+", metavar="目录",
                   help="一期的文件夹，例如 content/2023-29；可给多期，或存放各期的文件夹（如 content），在同一进程中逐期检查")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    p.add_argument("--fix", action="store_true", help="自动修正可安全修正的问题（原子写入），然后重新检查")
    p.set_defaults(run=run)


def _check(folder: Path):
    from ..checks import run_checks
    from ..world import World

    opened = open_issue(folder)
    world = World.of(folder)
    diagnostics = run_checks(opened.issue, opened.template, world=world)
    for notice in world.notices:        # a broken sibling issue: said, never fatal
        print(f"提示：{notice}", file=sys.stderr)
    return opened, diagnostics


def _where(d: Diagnostic) -> str:
    loc = d.location
    return f"{loc.file}:{loc.line}:{loc.column}" if loc else "issue.toml:1:1"


def _as_json(d: Diagnostic) -> dict:
    loc = d.location
    return {"rule": d.rule, "category": d.category, "severity": d.severity, "message": d.message,
            "file": loc.file if loc else None, "line": loc.line if loc else None,
            "column": loc.column if loc else None, "article": d.article_title, "excerpt": d.excerpt,
            "fix": d.fix.description if d.fix else None, "hint": d.hint,
            "related": [{"message": r.message, "file": r.location.file if r.location else None,
                         "line": r.location.line if r.location else None,
                         "column": r.location.column if r.location else None, "excerpt": r.excerpt}
                        for r in d.related]}


def _fix(folder: Path, opened, diagnostics: list[Diagnostic], out) -> int:
    """Apply every safe fix in one go and save; returns how many diagnostics were fixed."""
    from ..checks import apply_edits, safe_fixes

    chosen = safe_fixes(diagnostics)
    if not chosen:
        print("没有可以自动修正的问题。", file=out)
        return 0
    edits = [e for _, fix in chosen for e in fix.edits]
    apply_edits(opened.issue, edits)
    try:
        written = save_issue(opened.issue, folder)
    except OSError as exc:
        where = exc.filename or folder
        raise BulletinError(f"无法保存修正：写入 {where} 失败（{os_reason(exc)}）。"
                            "每个文件要么保持原样，要么已完整修正，不会只写一半") from None
    print(f"已自动修正 {len(chosen)} 处，写入 {len(written)} 个文件：", file=out)
    for d, fix in chosen:
        print(f"  {_where(d)}: [{d.rule}] {fix.description}", file=out)
    return len(chosen)


def run(args) -> int:
    from ..batch import is_batch

    if is_batch(args.folders):
        return _run_batch(args)
    from ..checks import unknown_rule_settings

    folder = Path(args.folders[0])
    opened, diagnostics = _check(folder)
    for key in unknown_rule_settings(opened.template):
        print(f"提示：模板 {opened.template.path} 的 [rules] 中“{key}”既不是规则编号也不是规则类别，已忽略",
              file=sys.stderr)
    if args.fix:
        report_to = sys.stderr if args.format == "json" else sys.stdout
        if _fix(folder, opened, diagnostics, report_to):
            opened, diagnostics = _check(folder)     # re-read: lines may have moved
            print("重新检查的结果：", file=report_to)
    _print(args.format, diagnostics)
    return 1 if any(d.severity == "error" for d in diagnostics) else 0


def _print(fmt: str, diagnostics: list[Diagnostic]) -> None:
    if fmt == "json":
        import json

        print(json.dumps([_as_json(d) for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for d in diagnostics:
            hint = f"（{d.hint}）" if d.hint else ""
            print(f"{_where(d)}: {SEVERITY_ZH.get(d.severity, d.severity)} [{d.rule}] {d.message}{hint}")
            for r in d.related:     # indented: a line of its own problem never starts with a space
                where = f"{r.location.file}:{r.location.line}:{r.location.column}" if r.location else "issue.toml"
                print(f"    相关位置 {where}: {r.message}" + (f"：{r.excerpt}" if r.excerpt else ""))
        sys.stdout.flush()
        counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in SEVERITY_ZH}
        if diagnostics:
            print(f"共 {len(diagnostics)} 个问题：错误 {counts['error']} 个，警告 {counts['warning']} 个，"
                  f"提示 {counts['info']} 个", file=sys.stderr)
        else:
            print("未发现问题。", file=sys.stderr)


def _run_batch(args) -> int:
    """Several issues in one process: each one's problems (paths from the working folder), then a table."""
    from ..batch import fewer_collections

    with fewer_collections():
        return _check_each(args)


def _check_each(args) -> int:
    from ..batch import Bar, Issues, expand, table
    from ..checks import run_checks

    issues = Issues()
    folders = expand(args.folders, issues.dates)      # their dates read once, for the previous issue too
    bar = Bar(len(folders), "检查")
    rows, results, notices, worst = [], [], [], 0
    for folder in folders:
        bar.step(folder.name)
        try:
            opened = issues.open(folder)
            world = issues.world(folder)
            diagnostics = run_checks(opened.issue, opened.template, world=world)
            if args.fix and _fix(folder, opened, diagnostics, sys.stderr):
                opened, world = issues.open(folder), issues.world(folder)
                diagnostics = run_checks(opened.issue, opened.template, world=world)
        except BulletinError as exc:
            bar.advance()
            bar.clear()
            print(f"错误：{exc}", file=sys.stderr)
            rows.append([str(folder), "—", "—", "—", "无法读取"])
            results.append({"folder": str(folder), "error": str(exc), "diagnostics": []})
            worst = 2
            continue
        bar.advance()
        notices.extend(world.notices)
        counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in SEVERITY_ZH}
        rows.append([str(folder), str(counts["error"]), str(counts["warning"]), str(counts["info"]),
                     "有错误" if counts["error"] else "通过"])
        if counts["error"] and worst < 2:
            worst = 1
        results.append({"folder": str(folder), "error": None, "diagnostics": [_as_json(d) for d in diagnostics]})
        if args.format == "text" and diagnostics:
            bar.clear()
            for d in diagnostics:
                hint = f"（{d.hint}）" if d.hint else ""
                print(f"{folder / _where(d)}: {SEVERITY_ZH.get(d.severity, d.severity)} [{d.rule}] {d.message}{hint}")
            sys.stdout.flush()
    bar.finish()
    for notice in dict.fromkeys(issues.notices + notices):
        print(f"提示：{notice}", file=sys.stderr)
    if args.format == "json":
        import json

        print(json.dumps({"issues": results}, ensure_ascii=False, indent=2))
        return worst
    total = [sum(int(r[i]) for r in rows if r[i] != "—") for i in (1, 2, 3)]
    rows.append([f"共 {len(folders)} 期", *map(str, total), ""])
    print(table(["期", "错误", "警告", "提示", "结果"], rows, right={1, 2, 3}), file=sys.stderr)
    return worst
