"""The sample issue: the original's real inconsistencies are found, its correct numbering is left alone,
and mistakes put in by hand are found at their line. Also `bulletin check` end to end."""

import json

import pytest

from editor.checks import apply_edits, run_checks, safe_fixes
from editor.cli import main
from editor.content import issue_files, load_issue
from editor.project import open_issue

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_diagnostics():
    opened = open_issue(SAMPLE)
    return run_checks(opened.issue, opened.template)


def line_of(name, needle, folder=SAMPLE):
    """The 1-based line of the first occurrence of `needle` in an article file of the sample."""
    text = (folder / "articles" / f"{name}.md").read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


def found(diagnostics, rule, article_prefix):
    return [d for d in diagnostics if d.rule == rule and d.location.file.startswith(f"articles/{article_prefix}")]


def test_the_originals_inconsistencies_are_found(sample_diagnostics):
    ds = sample_diagnostics
    for article in ("01", "04", "05", "06"):
        assert found(ds, "marker-style.bracket-width", article), article
    net = found(ds, "marker-style.bracket-width", "01")
    assert "“(七)”至“(十)”" in net[0].message and net[0].location.line == line_of("01-网络安全保险", "(七)")
    for article in ("03", "04", "05"):
        assert found(ds, "punctuation.halfwidth", article), article
    assert [d.excerpt for d in found(ds, "punctuation.latin-word", "06")][0].count("and") == 1
    for article in ("01", "03", "07"):
        assert found(ds, "source.form", article), article
    ending = found(ds, "structure.item-ending", "03")
    assert len(ending) == 1 and "交易凭证复印件。" in ending[0].excerpt
    assert found(ds, "doc-number.space", "05")          # 渝府办发〔2023〕53 号 and 建市〔2020〕60 号
    assert len(found(ds, "doc-number.space", "05")) == 2


def test_no_numbering_problem_where_there_is_none(sample_diagnostics):
    assert [d for d in sample_diagnostics if d.category == "numbering"] == []


def test_no_noise(sample_diagnostics):
    # Articles written cleanly in the original raise nothing but their source form.
    assert [d.rule for d in sample_diagnostics if d.location.file.startswith("articles/02")] == []
    assert [d.rule for d in sample_diagnostics if d.location.file.startswith("articles/07")] == ["source.form"]
    assert not any(d.severity == "error" for d in sample_diagnostics)


def test_diagnostics_are_sorted_and_complete(sample_diagnostics):
    assert sample_diagnostics == sorted(sample_diagnostics, key=lambda d: d.sort_key())
    for d in sample_diagnostics:
        assert d.article_title and d.excerpt and d.location.line > 0 and d.location.column > 0


def inject(folder, name, old, new):
    """Replace `old` by `new` in one article file; returns the 1-based line of the change."""
    path = folder / "articles" / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    pos = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:pos].count("\n") + 1


INJECTIONS = [
    ("skip", "01-网络安全保险", "（三）丰富", "（四）丰富", "numbering.skip"),
    ("duplicate", "02-电子产品消费", "8.推动集中回收", "7.推动集中回收", "numbering.duplicate"),
    ("bracket swap", "06-深圳数字孪生", "（二）总体目标", "(二) 总体目标", "marker-style.bracket-width"),
    ("文号 in [ ]", "01-网络安全保险", "工信部联网安〔2023〕95号", "工信部联网安[2023]95号", "doc-number.bracket"),
    ("wrong source", "04-川渝自贸", "（来源：重庆市人民政府）", "（来源：四川省人民政府）", "source.issuer"),
    ("half-width comma", "07-可信AI白皮书", "前所未有的机遇和挑战，", "前所未有的机遇和挑战,", "punctuation.halfwidth"),
]


@pytest.mark.parametrize("what,name,old,new,rule", INJECTIONS, ids=[i[0] for i in INJECTIONS])
def test_injected_mistakes_are_found_at_their_line(sample_copy, what, name, old, new, rule):
    line = inject(sample_copy, name, old, new)
    opened = open_issue(sample_copy)
    ds = [d for d in run_checks(opened.issue, opened.template) if d.location.file == f"articles/{name}.md"]
    hits = [d for d in ds if d.rule == rule]
    assert hits and hits[0].location.line == line, [(d.rule, d.location.line) for d in ds]
    if rule == "punctuation.halfwidth":
        assert hits[0].location.column == old.index("，") + 1 + len("人工智能的飞速进步和应用带来了")
    # The rest of the numbering stays quiet: one mistake, one report.
    assert len([d for d in ds if d.category == "numbering"]) == (1 if rule.startswith("numbering") else 0)


def test_removed_source_is_found_at_the_end_of_the_article(sample_copy):
    path = sample_copy / "articles" / "02-电子产品消费.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n（来源：国家发展改革委）\n", ""), encoding="utf-8")
    last_line = len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    opened = open_issue(sample_copy)
    hits = [d for d in run_checks(opened.issue, opened.template) if d.rule == "source.missing"]
    assert len(hits) == 1 and hits[0].location.file == "articles/02-电子产品消费.md"
    assert hits[0].location.line == last_line and hits[0].severity == "error"
    # The template knows who issues 发改… documents: the app can offer the source line.
    assert hits[0].fix.edits[0].replacement == "（来源：国家发展改革委）" and not hits[0].fix.safe


def test_checking_one_article_only():
    opened = open_issue(SAMPLE)
    ds = run_checks(opened.issue, opened.template, article_ids=["04-川渝自贸"])
    assert ds and {d.article_id for d in ds} == {"04-川渝自贸"}


def test_fixes_apply_and_undo_exactly():
    issue = load_issue(SAMPLE)
    opened = open_issue(SAMPLE)
    before = issue_files(issue)
    ds = run_checks(issue, opened.template)
    edits = [e for d in ds if d.fix for e in d.fix.edits]
    undo = apply_edits(issue, edits)
    after = issue_files(issue)
    assert after != before
    assert "(七)" not in after["articles/01-网络安全保险.md"]
    apply_edits(issue, undo)
    assert issue_files(issue) == before


# ---------------------------------------------------------------- the command


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_text_output(capsys):
    code, out, err = run(capsys, "check", str(SAMPLE))
    lines = out.strip().split("\n")
    assert code == 0 and len(lines) > 20 and "个问题" in err
    first = lines[0]
    line = line_of("01-网络安全保险", "(七)")
    assert first.startswith(f"articles/01-网络安全保险.md:{line}:1: 警告 [marker-style.bracket-width] ")
    keys = []
    for line in lines:
        if line.startswith("    相关位置 "):
            continue        # the place a finding is measured against, under the finding
        where, rest = line.split(": ", 1)
        f, ln, col = where.rsplit(":", 2)
        keys.append((f, int(ln), int(col)))
        assert rest.split(" ")[0] in ("错误", "警告", "提示") and " [" in rest
    assert keys == sorted(keys)


def test_check_json_output(capsys):
    code, out, _ = run(capsys, "check", str(SAMPLE), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data
    assert set(data[0]) == {"rule", "category", "severity", "message", "file", "line", "column", "article",
                            "excerpt", "fix", "hint", "related"}
    d = next(x for x in data if x["rule"] == "source.form")
    assert d["file"] == "articles/01-网络安全保险.md" and d["line"] == line_of("01-网络安全保险", "(来源")
    assert d["article"].startswith("工业和信息化部") and d["fix"] == "改为“（来源：工业和信息化部）”"


def test_check_exit_codes(capsys, sample_copy):
    inject(sample_copy, "04-川渝自贸", "（来源：重庆市人民政府）", "（来源：）")
    code, out, _ = run(capsys, "check", str(sample_copy))
    assert code == 1 and "错误 [source.empty]" in out
    (sample_copy / "issue.toml").write_text("date = ", encoding="utf-8")
    code, out, err = run(capsys, "check", str(sample_copy))
    assert code == 2 and "issue.toml" in err and "Traceback" not in err
    code, _, err = run(capsys, "check", str(sample_copy.parent / "nowhere"))
    assert code == 2 and "找不到" in err


def test_check_fix_applies_safe_fixes_and_rechecks(capsys, sample_copy):
    untouched = (sample_copy / "articles" / "02-电子产品消费.md").read_bytes()
    code, out, _ = run(capsys, "check", str(sample_copy), "--fix")
    assert code == 0 and "已自动修正" in out and "重新检查的结果" in out
    net = (sample_copy / "articles" / "01-网络安全保险.md").read_text(encoding="utf-8")
    assert "(七)" not in net and "（七）推广" in net and "（来源：工业和信息化部）" in net
    assert (sample_copy / "articles" / "02-电子产品消费.md").read_bytes() == untouched
    opened = open_issue(sample_copy)
    left = run_checks(opened.issue, opened.template)
    assert safe_fixes(left) == []
    # What is left needs an editor's judgement: the item ending, "and", the 书名号 comma.
    assert {d.rule for d in left} == {"structure.item-ending", "punctuation.latin-word",
                                      "punctuation.book-title-comma"}
    code, out, _ = run(capsys, "check", str(sample_copy), "--fix")
    assert "没有可以自动修正的问题" in out


def test_check_fix_on_a_read_only_folder_fails_in_chinese(capsys, sample_copy, monkeypatch):
    import editor.cli.check as check_cli

    def refuse(issue, folder):
        raise PermissionError(13, "Permission denied", str(folder / "articles" / "01-网络安全保险.md"))
    monkeypatch.setattr(check_cli, "save_issue", refuse)
    code, _, err = run(capsys, "check", str(sample_copy), "--fix")
    assert code == 2 and "无法保存修正" in err and "01-网络安全保险.md" in err and "Traceback" not in err
    assert "没有访问权限" in err and "Permission denied" not in err
