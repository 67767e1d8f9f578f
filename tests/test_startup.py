"""What keeps `bulletin build` quick to start, checked for behaviour (no timings here).

Some character classes are written in a form that compiles faster than the obvious one, and some
patterns are compiled only once a quick test says a text may match: these tests prove the new
forms accept and reject what the old ones did. And a DOCX build must not import what only other
commands or formats need.
"""

import json
import re
import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from editor.conventions import has_cjk, is_cjk
from editor.compose import measure

from .conftest import ROOT

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))   # lone surrogates included: str allows them


def test_wide_characters_are_the_ones_the_plain_range_names():
    old = re.compile("[\u2e80-\uffff]")
    assert measure._WIDE.findall(EVERY_CHARACTER) == old.findall(EVERY_CHARACTER)
    assert len(measure._WIDE.findall(EVERY_CHARACTER)) == 0x10000 - 0x2e80


def test_text_units_count_wide_characters_as_one_and_others_as_half():
    assert measure.text_units("数据") == 2
    assert measure.text_units("AI") == 1
    assert measure.text_units("“数据”，2023") == 0.5 + 2 + 0.5 + 1 + 4 * 0.5   # curly quotes are narrow here
    assert measure.text_units("\U00020000") == 0.5                     # astral: outside the range


def test_is_cjk_agrees_with_the_ideograph_class_on_every_code_point():
    old = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
    old_hits = {m.start() for m in old.finditer(EVERY_CHARACTER)}
    new_hits = {cp for cp in range(0x110000) if is_cjk(chr(cp))}
    assert new_hits == old_hits
    assert len(new_hits) == (0x4dbf - 0x3400 + 1) + (0x9fff - 0x4e00 + 1) + (0xfaff - 0xf900 + 1)


def test_is_cjk_looks_at_the_first_character_only_and_has_cjk_at_all():
    assert is_cjk("数a") and not is_cjk("a数") and not is_cjk("")
    assert has_cjk("abc 数") and not has_cjk("abc，。") and not has_cjk("")


def test_a_docx_build_imports_neither_checks_importers_qt_nor_the_pdf_writer(mini_issue, tmp_path):
    probe = (
        "import json, sys\n"
        "from editor.cli import main\n"
        f"code = main(['build', {str(mini_issue)!r}, '--format', 'docx', '-o', {str(tmp_path / 'out')!r}, '--quiet'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n")
    # the second build: the faces the DOCX embeds are subset once (with fontTools) and cached
    for _ in range(2):
        r = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
    code, modules = json.loads(r.stdout.splitlines()[-1])
    assert code == 0 and "editor.writers.docx" in modules
    unwanted = [m for m in modules if m.startswith(("editor.checks", "editor.importers", "editor.ui", "PySide6",
                                                      "reportlab", "fontTools", "editor.writers.pdf.",
                                                      "editor.cadence"))
                or m in ("editor.writers.pdf", "difflib", "traceback")]
    assert unwanted == []


def test_a_pdf_build_imports_no_reportlab_pillow_fonttools_nor_hashlib(mini_issue, tmp_path):
    """The PDF writer writes its objects itself and reads fonts as they are: a build of an issue
    without pictures imports no drawing library, no font toolkit and no hash library."""
    probe = (
        "import json, sys\n"
        "from editor.cli import main\n"
        f"code = main(['build', {str(mini_issue)!r}, '--format', 'pdf', '-o', {str(tmp_path / 'out')!r}, '--quiet'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n")
    for run in ("first", "second"):        # the second with the subsets cached
        r = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        code, modules = json.loads(r.stdout.splitlines()[-1])
        assert code == 0 and "editor.writers.pdf.document" in modules
        unwanted = [m for m in modules if m.split(".")[0] in ("reportlab", "PIL", "fontTools", "hashlib", "_hashlib",
                                                              "PySide6", "segno", "socket", "pkgutil", "tempfile")]
        assert unwanted == [], run


def test_every_module_of_the_cli_package_is_a_listed_command():
    """The commands are listed rather than discovered (pkgutil costs every start 5 ms): a module
    added without being listed would be a command nobody can run."""
    import pkgutil

    import editor.cli as cli

    modules = sorted(m.name for m in pkgutil.iter_modules(cli.__path__) if not m.name.startswith("_"))
    assert sorted(cli.ORDER) == modules
    assert all(callable(getattr(__import__(f"editor.cli.{n}", fromlist=["register"]), "register")) for n in cli.ORDER)


def test_the_pdf_line_breaker_compiles_its_patterns_only_when_a_paragraph_is_prepared():
    probe = ("import json\n"
             "from editor.writers import titles\n"
             "from editor.writers import linebreak as lb\n"
             "lines = titles.broken_title('关于推进数据要素市场化配置改革的实施意见', [12.0] * 21, 150.0, 12.0)\n"
             "compiled_for_titles = lb._rx.cache_info().currsize\n"
             "para = lb.prepare([lb.Piece('数据（AI）。', 'F', 10.0)], lambda font: {c: 1.0 for c in '数据（AI）。'})\n"
             "print(json.dumps([lines, compiled_for_titles, lb._rx.cache_info().currsize, list(para.nobrk)]))\n")
    r = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    lines, compiled_for_titles, compiled_after, nobrk = json.loads(r.stdout)
    assert len(lines) >= 2 and "".join(lines) == "关于推进数据要素市场化配置改革的实施意见"
    assert compiled_for_titles == 0 and compiled_after == 1
    # no break after （, none inside AI, none before ） or 。
    assert nobrk[:6] == [0, 0, 1, 1, 1, 1]


def test_a_record_is_a_dataclass_printing_as_one_and_comparing_as_asked():
    import dataclasses

    from editor.compose import Paragraph, Run
    from editor.errors import Problem
    from editor.model import Location
    from editor.records import record

    @dataclasses.dataclass
    class Plain:
        name: str
        size: float = 1.0
        hidden: list = dataclasses.field(default_factory=list, repr=False)

    @record
    class Quick:
        """A record."""

        name: str
        size: float = 1.0
        hidden: list = dataclasses.field(default_factory=list, repr=False)

    Quick.__qualname__ = Plain.__qualname__ = "Same"
    assert repr(Quick("数据", 2.5, [1])) == repr(Plain("数据", 2.5, [1])) == "Same(name='数据', size=2.5)"
    assert [f.name for f in dataclasses.fields(Quick)] == ["name", "size", "hidden"]
    assert dataclasses.replace(Quick("a"), size=3).size == 3

    p = Paragraph("body", [Run("正文")])
    assert repr(p) == ("Paragraph(style='body', runs=[Run(text='正文', style=None)], article_id='', block_index=None, "
                       "keep_with_next=False, space_after=None, beside=None)")
    assert p == p and p != Paragraph("body", [Run("正文")])          # no value equality: nothing needs it
    # value objects keep theirs, and stay immutable and hashable
    assert Location("a.md", 3, 1) == Location("a.md", 3, 1) and len({Location("a.md", 3, 1), Location("a.md", 3, 1)}) == 1
    assert Problem("issue.toml", 2, "缺少日期") == Problem("issue.toml", 2, "缺少日期")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Location("a.md", 3, 1).line = 4


# Texts made of what date lines, attachment labels and 编者按 labels are made of, and what is near them.
_PIECES = st.lists(st.sampled_from(["2023", "7", "21", "二〇二三", "七", "十五", "年", "月", "日", "附", "件", "1", "一",
                                    "：", ":", ".", "．", " ", "\t", "\u3000", "\n", "编", "者", "按", "【", "】", "（",
                                    "）", "近日", "国务院", "a"]), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_PIECES)
@example("2023年7月21日")
@example(" 二〇二三 年 七 月 十五 日\u3000\n")
@example("2023年7月21日\n\n")
@example("附件1：")
@example("\u3000附 件 一．")
@example("附件：")
@example("附件")
@example("【编者按】近日")
@example("编者按：")
@example("编者按")
@example("（编 者 按）: 近日")
def test_the_quick_tests_before_lazy_patterns_never_turn_a_match_away(text):
    from editor.compose import note_paragraphs
    from editor.conventions import ATTACHMENT_RE, DATE_LINE_RE, NOTE_LABEL, is_attachment, is_date_line

    assert is_date_line(text) == bool(re.match(DATE_LINE_RE.pattern, text))
    assert is_attachment(text) == bool(re.match(ATTACHMENT_RE.pattern, text))
    paras = [t for t in [text, "第二段。"] if t.strip()]
    first = re.sub(NOTE_LABEL.pattern, "", paras[0], count=1)
    expected = ([first] if first.strip() else []) + paras[1:]
    assert note_paragraphs([text, "第二段。"]) == expected


def test_the_lazy_patterns_of_a_load_are_compiled_only_when_a_text_can_match():
    from editor.compose import note_paragraphs
    from editor.conventions import ATTACHMENT_RE, DATE_LINE_RE, is_attachment, is_date_line

    for pattern in (DATE_LINE_RE, ATTACHMENT_RE):
        pattern.__dict__.pop("compiled", None)
    assert not is_date_line("国务院办公厅于2023年7月21日印发。") and not is_attachment("详见附件1：实施细则")
    assert "compiled" not in DATE_LINE_RE.__dict__ and "compiled" not in ATTACHMENT_RE.__dict__
    assert is_date_line("2023年7月21日") and is_attachment("附件1：实施细则") and is_date_line("二〇二三年七月十五日\n")
    assert note_paragraphs(["编者按：近日印发。"]) == ["近日印发。"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["title", "date", "articles", "link", " ", "\t", "=", "\n", "x", "#", '"a"']),
                max_size=16).map("".join),
       st.sampled_from(["title", "date", "articles", "link"]))
def test_key_line_finds_the_line_the_multiline_pattern_found(text, key):
    from editor.content import _key_line

    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.M)
    assert _key_line(text, key, 5) == (5 + text[:m.start()].count("\n") if m else 5)


def test_markers_check_what_follows_without_an_ideograph_class():
    """cn-shi and decimal markers test the character after them in code, not in the pattern
    (a class of every CJK ideograph costs milliseconds to compile): the same answers as before."""
    from editor.markers import parse_marker

    def family(text):
        m = parse_marker(text)
        return m and (m.family, m.value, m.length)

    assert family("一是加强数据安全") == ("cn-shi", 1, 2)
    assert family("三是，推进试点") == ("cn-shi", 3, 2)
    assert family("二是 加强") is None                     # 是 must be followed at once
    assert family("一是a") is None
    assert family("1.2 总体要求") == ("decimal2", 2, 4)
    assert family("1.2总体要求") == ("decimal2", 2, 3)
    assert family("2.3.1　建设内容") == ("decimal3", 1, 6)
    assert family("1.2") is None and family("1.2 ") is None
    assert family("1.2.3x") is None and family("1.5亿元") is None
    # full-width digits are read at the start of a long paragraph, and only there
    long = "１．" + "数据要素" * 50 + "１２３"
    assert family(long) == ("arabic", 1, 2)
