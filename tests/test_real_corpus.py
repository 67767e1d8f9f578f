"""The real-document corpus (issue #12): the manifest is complete, and no document crashes the importer.

The recognition rates themselves are reported by tools/import_report.py; the threshold test comes with
the recognition that reaches it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import tomllib

import pytest

from tests.real_corpus import (CORPUS, MANIFEST, SHAPES, load_manifest, manifest_problems, measure,
                               parse_cn_date, same_title)

MIN_DOCUMENTS = 30
MIN_SHAPES = 5


def test_manifest_is_well_formed_and_every_file_exists():
    assert manifest_problems() == []


def test_manifest_covers_enough_documents():
    docs = load_manifest()
    assert len(docs) >= MIN_DOCUMENTS, f"{len(docs)} documents"
    assert {d.shape for d in docs} <= set(SHAPES)
    for shape in ("html", "markdown", "pdf-text", "text"):
        assert sum(d.shape == shape for d in docs) >= 3, shape


@pytest.mark.xfail(strict=True, reason="4 of the 5 shapes issue #12 asks are committed (html, markdown, pdf-text, "
                   "text). Real .docx and .pdf files can be had here only from fetched repository snapshots (the "
                   "index serves text files only), whose content developers may not commit; they are measured on local corpora with tools/import_report.py "
                   "--manifest. Searches of the stored index for a law-database export or a Word-saved HTML/XML of a "
                   "public document found only code that parses them. Strict: the test fails once a fifth shape "
                   "is committed, and this marker must go then.")
def test_manifest_covers_five_shapes():
    assert len({d.shape for d in load_manifest()}) >= MIN_SHAPES


def test_a_manifest_elsewhere_names_its_files_relative_to_its_own_folder(tmp_path):
    """tools/import_report.py --manifest measures a local corpus (.docx, .pdf) kept outside git."""
    text = MANIFEST.read_text(encoding="utf-8")
    first = text.index("\n[[document]]\n")
    second = text.index("\n[[document]]\n", first + 1)
    table = text[first:second]
    name = tomllib.loads(table)["document"][0]["file"]
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "manifest.toml").write_text(table, encoding="utf-8")
    docs = load_manifest(tmp_path / "manifest.toml")
    assert [d.path for d in docs] == [tmp_path / name]
    assert manifest_problems(tmp_path / "manifest.toml") == []
    (tmp_path / name).unlink()
    assert any("does not exist" in p for p in manifest_problems(tmp_path / "manifest.toml"))


def _import_report():
    spec = importlib.util.spec_from_file_location("import_report", CORPUS.parents[2] / "tools" / "import_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_import_report_measures_the_manifest_it_is_given(tmp_path, capsys):
    text = MANIFEST.read_text(encoding="utf-8")
    first = text.index("\n[[document]]\n")
    second = text.index("\n[[document]]\n", first + 1)
    table = text[first:second]
    name = tomllib.loads(table)["document"][0]["file"]
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "manifest.toml").write_text(table, encoding="utf-8")
    report = _import_report()
    assert report.main(["--manifest", str(tmp_path / "manifest.toml")]) == 0
    assert capsys.readouterr().out.startswith("1 documents")
    assert report.main(["--manifest", str(tmp_path / "missing.toml")]) == 2
    assert "没有找到清单文件" in capsys.readouterr().err
    (tmp_path / "bad.toml").write_text("[[document]\n", encoding="utf-8")
    assert report.main(["--manifest", str(tmp_path / "bad.toml")]) == 2
    assert "无法读取" in capsys.readouterr().err


def test_every_fixture_file_is_in_the_manifest():
    listed = {d.file for d in load_manifest()}
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
               if p.is_file() and p.name not in ("manifest.toml", "README.md")}
    assert on_disk - listed == set()


def test_corpus_stays_small():
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total <= 20 * 1024 * 1024


def test_origin_and_retrieval_date_are_given():
    for d in load_manifest():
        assert d.origin.strip() and ("@" in d.origin or "://" in d.origin), d.id
        assert d.retrieved == "2026-12-02", d.id


def test_manifest_problems_finds_a_missing_field_and_a_missing_file(tmp_path):
    text = MANIFEST.read_text(encoding="utf-8")
    first = text.index("\n[[document]]\n")
    second = text.index("\n[[document]]\n", first + 1)
    table = text[first:second].replace('doc_number = ', 'doc_numbr = ', 1)
    table = table.replace('file = "', 'file = "missing/', 1)
    bad = tmp_path / "manifest.toml"
    bad.write_text(table, encoding="utf-8")
    problems = manifest_problems(bad)
    assert any("missing key doc_number" in p for p in problems)
    assert any("does not exist" in p for p in problems)


def test_no_document_makes_the_importer_crash():
    """An ImportError_ with a Chinese message is an answer; any other exception is a bug."""
    crashes = [(r.doc.id, r.error) for r in measure() if r.error_kind == "crash"]
    assert crashes == []


def test_title_comparison_reads_a_line_break_as_nothing_or_a_space_but_keeps_spaces():
    assert same_title(["国务院办公厅", "关于推进政务新媒体的意见"], "国务院办公厅关于推进政务新媒体的意见")
    assert same_title(["工业和信息化部 国家金融监督管理总局", "关于促进的意见"],
                      ["工业和信息化部 国家金融监督管理总局关于促进的意见"])
    assert same_title(["国家发展改革委办公厅", "国家能源局综合司关于"], "国家发展改革委办公厅 国家能源局综合司关于")
    assert not same_title("国家发展改革委办公厅 国家能源局综合司关于", "国家发展改革委办公厅国家能源局综合司关于")
    assert not same_title("关于推进政务新媒体的意见", "首页 > 政务公开 > 关于推进政务新媒体的意见")


@pytest.mark.parametrize("text, date", [
    ("2018年12月7日", dt.date(2018, 12, 7)),
    ("2018年12月07日", dt.date(2018, 12, 7)),
    ("一九九六年六月二十九日", dt.date(1996, 6, 29)),
    ("二〇〇四年四月二十七日", dt.date(2004, 4, 27)),
    ("二○一二年十月十日", dt.date(2012, 10, 10)),
    ("2018年2月30日", None),
    ("国务院办公厅", None),
])
def test_dates_are_compared_as_calendar_dates(text, date):
    assert parse_cn_date(text) == date
