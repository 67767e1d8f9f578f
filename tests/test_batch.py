"""`bulletin check` and `bulletin build` over several issues in one process (issue #18, editor/batch.py)."""

from __future__ import annotations

import json
from pathlib import Path

from editor.batch import expand, table
from editor.cli import main

from . import archive_support as support


def test_check_a_folder_of_issues_goes_on_past_a_broken_one_and_sums_up(tmp_path, capsys):
    made = support.make_archive(tmp_path, 3)
    toml = made.issues[1] / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("number = 2\n", 'number = "第二期"\n'), encoding="utf-8")
    code = main(["check", str(made.folder)])
    out, err = capsys.readouterr()
    assert code == 2                                          # an issue could not be read
    assert [line for line in err.splitlines() if line.startswith("[")] == [
        "[1/3] 检查 2023-01", "[2/3] 检查 2023-02", "[3/3] 检查 2023-03"]      # not a terminal: plain lines
    assert "期号应为不加引号的正整数" in err and "issue.toml:3" in err
    rows = {line.split()[0]: line.split()[1:] for line in err.splitlines() if line.startswith(str(made.folder))}
    assert rows[str(made.issues[1])] == ["—", "—", "—", "无法读取"]
    assert rows[str(made.issues[0])][3] in ("通过", "有错误")
    lines = out.splitlines()
    assert lines and all(line.startswith((str(made.issues[0]), str(made.issues[2]))) for line in lines)
    path, line, _ = lines[0].split(": ")[0].rsplit(":", 2)
    assert Path(path).is_file() and int(line) <= len(Path(path).read_text(encoding="utf-8").splitlines())


def test_check_several_issues_as_json(tmp_path, capsys):
    made = support.make_archive(tmp_path, 2)
    code = main(["check", str(made.issues[1]), str(made.issues[0]), "--format", "json"])
    data = json.loads(capsys.readouterr()[0])
    assert [i["folder"] for i in data["issues"]] == [str(made.issues[1]), str(made.issues[0])]
    assert all(i["error"] is None and i["diagnostics"] for i in data["issues"])
    assert code == (1 if any(d["severity"] == "error" for i in data["issues"] for d in i["diagnostics"]) else 0)


def test_build_several_issues_in_one_process_and_stats_counts_their_pages(tmp_path, capsys):
    made = support.make_archive(tmp_path, 2)
    out_dir = tmp_path / "build"
    assert main(["build", str(made.folder), "-o", str(out_dir)]) == 0
    out = capsys.readouterr()[0]
    assert sorted(p.name for p in out_dir.glob("*.pdf")) == ["大数据发展动态-2023-第1期.pdf", "大数据发展动态-2023-第2期.pdf"]
    from pypdf import PdfReader

    pages = [len(PdfReader(out_dir / f"大数据发展动态-2023-第{n}期.pdf").pages) for n in (1, 2)]
    rows = [line.split() for line in out.splitlines() if line.startswith(str(made.folder))]
    assert [int(r[1]) for r in rows] == pages and all(r[-1] == "完成" for r in rows)
    assert "共 2 期，2 期已生成" in out
    assert main(["stats", "--in", str(made.folder), "--year", "2023", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr()[0])
    assert stats["issues"] == 2 and stats["articles"] == 14
    assert stats["average_pages"] == sum(pages) / 2 and stats["issues_without_page_count"] == []
    # an article changed since: its page count is no longer the issue's
    path = made.issues[0] / "articles" / "07-可信AI白皮书.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    assert main(["stats", "--in", str(made.folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr()[0])["issues_without_page_count"] == ["2023-01"]
    # --count-pages typesets it again (in the one process: PageRecorder) and records its count
    assert main(["stats", "--in", str(made.folder), "--count-pages", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr()[0])
    assert stats["issues_without_page_count"] == [] and stats["average_pages"] >= pages[1] / 2
    assert main(["stats", "--in", str(made.folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr()[0])["issues_without_page_count"] == []


def test_expand_takes_issue_folders_and_folders_of_issues_in_date_order(tmp_path):
    made = support.make_archive(tmp_path, 3)
    assert expand([made.folder]) == made.issues
    assert expand([made.issues[2], made.folder]) == [made.issues[2], made.issues[0], made.issues[1]]


def test_the_summary_table_lines_up_chinese():
    text = table(["期", "页数"], [["第一期", "33"], ["2023-02", "5"]], right={1})
    lines = text.splitlines()
    assert lines[0] == "期       页数" and lines[2] == "第一期     33" and lines[3] == "2023-02     5"
