import json
import subprocess
import sys

import pytest

from editor.cli import main

from .conftest import SAMPLE


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_json_on_the_sample(capsys):
    code, out, _ = run(capsys, "info", str(SAMPLE), "--format", "json")
    assert code == 0
    info = json.loads(out)
    assert (info["date"], info["number"], info["total_number"]) == ("2023-07-21", 29, 140)
    assert info["title"] == "大数据发展动态"
    assert [(c["name"], len(c["articles"])) for c in info["columns"]] == [("国策要论", 2), ("地方新政", 4), ("前沿观察", 1)]
    articles = [a for c in info["columns"] for a in c["articles"]]
    assert sum(a["has_editor_note"] for a in articles) == 6
    assert sum(a["source"] is not None for a in articles) == 7
    assert [a["doc_number"] for a in articles if a["doc_number"]] == [
        "工信部联网安〔2023〕95号", "发改就业〔2023〕1019号", "渝府办发〔2023〕51号", "渝府办发〔2023〕53 号"]
    assert articles[0]["source"] == "工业和信息化部"
    assert all(a["blocks"] > 0 for a in articles)


def test_info_text_is_chinese(capsys):
    code, out, _ = run(capsys, "info", str(SAMPLE))
    assert code == 0 and "第29期" in out and "【国策要论】2 篇" in out


def test_new_from_previous_issue(capsys, sample_copy, tmp_path):
    out_dir = tmp_path / "content" / "2023-30"
    code, out, _ = run(capsys, "new", "--from", str(sample_copy), "-o", str(out_dir))
    assert code == 0 and "第30期" in out
    code, out, _ = run(capsys, "info", str(out_dir), "--format", "json")
    info = json.loads(out)
    assert (info["date"], info["number"], info["total_number"]) == ("2023-07-28", 30, 141)
    assert [c["name"] for c in info["columns"]] == ["国策要论", "地方新政", "前沿观察"]
    assert all(not c["articles"] for c in info["columns"])
    assert info["tagline"] == "为数字创新领导者提供更新、更重要、更有用的决策参考信息"


def test_a_new_issue_checks_to_its_empty_required_columns_each_at_its_line(capsys, sample_copy, tmp_path):
    out_dir = tmp_path / "content" / "2023-30"
    run(capsys, "new", "--from", str(sample_copy), "-o", str(out_dir))
    code, out, _ = run(capsys, "check", str(out_dir), "--format", "json")
    found = json.loads(out)
    assert code == 1
    assert [(d["rule"], d["excerpt"]) for d in found] == [
        ("issue.column-missing", "国策要论"), ("issue.column-missing", "地方新政")]   # 前沿观察 is optional
    lines = (out_dir / "issue.toml").read_text(encoding="utf-8").split("\n")
    for d in found:
        assert f'"{d["excerpt"]}"' in lines[d["line"] - 1]


def test_new_across_a_year_boundary(capsys, sample_copy, tmp_path):
    out_dir = tmp_path / "content" / "2024-01"
    code, _, _ = run(capsys, "new", "--from", str(sample_copy), "-o", str(out_dir), "--date", "2024-01-05")
    assert code == 0
    _, out, _ = run(capsys, "info", str(out_dir), "--format", "json")
    info = json.loads(out)
    assert (info["date"], info["number"], info["total_number"]) == ("2024-01-05", 1, 141)


def test_new_refuses_a_date_not_after_the_previous_issue(capsys, sample_copy, tmp_path):
    out_dir = tmp_path / "content" / "2023-30"
    code, _, err = run(capsys, "new", "--from", str(sample_copy), "-o", str(out_dir), "--date", "2023-07-14")
    assert code == 2 and "不晚于上一期" in err and "第29期" in err
    assert not out_dir.exists()


def test_new_into_a_file_or_an_unwritable_place_is_a_chinese_error_not_a_crash(capsys, sample_copy, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "new", "--from", str(sample_copy), "-o", str(a_file))
    assert code == 2 and "是一个文件" in err
    code, _, err = run(capsys, "new", "--from", str(sample_copy), "-o", str(a_file / "sub"))
    assert code == 2 and "无法写入" in err and "路径中有一段不是文件夹" in err and "Traceback" not in err


def test_new_from_template(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", "--template", "big-data-weekly", "-o", "x", "--date", "2024-01-05",
                       "--number", "1", "--total-number", "164")
    assert code == 0, err


def test_new_refuses_to_overwrite(capsys, sample_copy):
    code, _, err = run(capsys, "new", "--from", str(sample_copy), "-o", str(sample_copy))
    assert code == 2 and "已有内容" in err


@pytest.mark.parametrize("argv,expect", [
    (["info", "/no/such/dir"], "找不到期刊文件夹"),
    (["new", "--from", str(SAMPLE), "-o", "/tmp/x-never", "--date", "2023-13-40"], "日期"),
])
def test_errors_are_chinese_with_exit_2(capsys, argv, expect):
    code, out, err = run(capsys, *argv)
    assert code == 2 and expect in err and "Traceback" not in err


def test_usage_errors_are_chinese(capsys):
    with pytest.raises(SystemExit) as info:
        main(["info"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "用法" in err and "缺少必需的参数" in err


def test_module_entry_point_runs():
    r = subprocess.run([sys.executable, "-m", "editor", "info", str(SAMPLE), "--format", "json"],
                       capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0 and json.loads(r.stdout)["number"] == 29


def test_a_reader_that_goes_away_is_not_a_crash(tmp_path, monkeypatch):
    """`bulletin info DIR | head -1`: writing to the closed pipe fails; exit 0, no crash log."""
    sink = open(tmp_path / "sink", "w")

    class ClosedPipe:
        encoding = "utf-8"

        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

        def fileno(self):
            return sink.fileno()

    monkeypatch.setenv("BULLETIN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    try:
        assert main(["info", str(SAMPLE)]) == 0
    finally:
        sink.close()
    assert not (tmp_path / "data" / "logs").exists()
