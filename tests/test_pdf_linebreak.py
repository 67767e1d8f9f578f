"""Chinese line breaking (editor/writers/linebreak.py): pure, fast, no fonts."""

from __future__ import annotations

import pytest

from editor.writers.linebreak import (NO_END, NO_START, Para, Piece, balance, break_lines, line_start,
                                          segments, violations, x_of)

from .conftest import SEED

EM = 10.0


class Widths(dict):
    """A monospaced stand-in: ideographs and full-width marks one em, Latin half an em (at size 1)."""

    def __missing__(self, ch):
        return 1.0 if ord(ch) > 0x2000 else 0.5


WIDTHS = Widths()


def para_of(text: str) -> Para:
    return Para([Piece(text, "F", EM)], lambda font: WIDTHS)


def lines_of(text: str, chars_per_line: int = 20, indent: int = 0, **kw) -> list[str]:
    para = para_of(text)
    width = chars_per_line * EM
    lines = break_lines(para, lambda i: (indent * EM if i == 0 else 0.0, width - (indent * EM if i == 0 else 0)),
                        **kw)
    return [ln.text(para) for ln in lines]


def test_no_line_starts_with_a_closing_mark():
    # the comma would be the 21st character: it must not start the next line
    text = "一二三四五六七八九十一二三四五六七八九十，一二三四五六七八九十。"
    lines = lines_of(text)
    assert all(ln[0] not in NO_START for ln in lines), lines
    assert "".join(lines) == text


@pytest.mark.parametrize("mark", list("，。、；：？！）》」』”’…"))
def test_each_closing_mark_is_kept_off_the_line_start(mark):
    text = "甲" * 21 + mark + "乙" * 10
    lines = lines_of(text)
    assert all(not ln.startswith(mark) for ln in lines), lines


@pytest.mark.parametrize("mark", list("（《「『“‘"))
def test_no_line_ends_with_an_opening_mark(mark):
    text = "甲" * 19 + mark + "乙" * 10 + "。"
    lines = lines_of(text)
    assert not lines[0].endswith(mark), lines


def test_closing_mark_hangs_its_blank_half_rather_than_moving_down():
    # 20 characters and a comma in a line of 20.5 ems: the comma fits by giving up its blank half
    text = "甲" * 20 + "，" + "乙" * 10
    para = para_of(text)
    lines = break_lines(para, lambda i: (0.0, 20.5 * EM))
    assert lines[0].text(para).endswith("，")
    assert lines[0].natural == pytest.approx(20.5 * EM)


def test_ellipsis_and_dash_pairs_are_not_split():
    for pair in ("……", "——"):
        text = "甲" * 19 + pair + "乙" * 10
        for ln in lines_of(text):
            assert not (ln.endswith(pair[0]) and not ln.endswith(pair)), ln


def test_latin_words_and_numbers_stay_whole():
    text = "甲" * 18 + "2023年采用BIM技术"
    lines = lines_of(text)
    assert "2023" in "".join(lines) and not lines[0].endswith("20")
    assert all("BI" not in ln or "BIM" in ln for ln in lines)


def test_long_url_breaks_after_a_slash():
    text = "见" + "https://www.example.gov.cn/zwgk/zcwj/2023/07/index_content.html"
    lines = lines_of(text, chars_per_line=12)
    assert len(lines) > 1 and all(ln for ln in lines)


def test_last_line_keeps_two_characters():
    # 41 characters in lines of 20: greedy breaking would leave one character and a period
    lines = lines_of("甲" * 40 + "乙。")
    assert len(lines[-1].strip("。，")) >= 2, lines


def test_justified_lines_fill_the_measure():
    text = "甲" * 19 + "，" + "乙" * 30 + "AI" + "丙" * 10 + "。"
    para = para_of(text)
    lines = break_lines(para, lambda i: (0.0, 20 * EM))
    for ln in lines[:-1]:
        x0, extra = line_start(para, ln, "justify")
        end = x_of(para, ln, x0, extra, ln.end - 1) + para.adv[ln.end - 1] - ln.end_trim
        assert end == pytest.approx(20 * EM, abs=1e-6)
        assert extra >= 0


def test_segments_keep_latin_words_unspread():
    para = para_of("甲乙采用BIM技术丙丁")
    lines = break_lines(para, lambda i: (0.0, 100 * EM))
    segs = segments(para, lines[0], "left")
    words = [para.text[a:b] for a, b, x, tc in segs]
    assert "BIM" in words


def test_adjacent_marks_give_up_the_blank_between_them():
    """clreq §3.1.6: a closing mark and an opening one take one em together, two closing (or two
    opening) marks one and a half; a mark alone mid-line keeps its full width (mainland style)."""
    def pair(text: str, marks: str) -> float:
        para = para_of(text)
        i = para.text.index(marks)
        return sum(para.adv[i:i + len(marks)]) / EM

    assert pair("他说：“好。”然后", "：“") == pytest.approx(1.0)
    assert pair("他说：“好。”然后", "。”") == pytest.approx(1.5)
    assert pair("见《甲》《乙》等", "》《") == pytest.approx(1.0)
    assert pair("见《甲》（乙）等", "》（") == pytest.approx(1.0)
    assert pair("（丙）（丁）等", "）（") == pytest.approx(1.0)
    assert pair("称“甲”“乙”等", "”“") == pytest.approx(1.0)
    assert pair("见（《甲》）等", "（《") == pytest.approx(1.5)
    assert pair("（丁），“戊”", "），“") == pytest.approx(1.5)      # the comma gives up both halves
    alone = para_of("数据，要素。市场")
    assert alone.adv[2] == pytest.approx(EM) and alone.adv[5] == pytest.approx(EM)


def test_doc_number_brackets_are_never_compressed():
    para = para_of("（国办发〔2023〕17号）（国发〔2023〕5号）")
    assert all(para.adv[i] == pytest.approx(EM) for i, c in enumerate(para.text) if c in "〔〕")
    assert para.adv[para.text.index("）")] == pytest.approx(0.5 * EM)       # ）（ between them still is


def test_an_opening_mark_starting_a_line_gives_up_its_blank_half():
    para = para_of("甲" * 9 + "《数据要素》乙乙乙")
    lines = break_lines(para, lambda i: (0.0, 9 * EM))
    assert lines[1].text(para).startswith("《") and lines[1].start_trim == pytest.approx(0.5 * EM)
    x0, _ = line_start(para, lines[1], "left")
    assert x0 == pytest.approx(-0.5 * EM)                  # its ink, not its blank, at the margin
    first = break_lines(para_of("《数据》" + "甲" * 20), lambda i: (2 * EM, 9 * EM))[0]
    assert first.start_trim == 0                           # a paragraph's first line keeps its indent


def test_balanced_title_lines_are_even():
    para = para_of("川渝自贸试验区协同开放示范区深化改革创新行动方案")
    lines = balance(para, lambda i: (0.0, 20 * EM))
    lengths = [ln.end - ln.start for ln in lines]
    assert len(lines) == 2 and abs(lengths[0] - lengths[1]) <= 1


def test_forced_breaks_are_kept():
    para = para_of("工业和信息化部\n关于促进网络安全保险规范健康发展的意见")
    lines = break_lines(para, lambda i: (0.0, 40 * EM), ragged=True)
    assert [ln.text(para) for ln in lines] == ["工业和信息化部", "关于促进网络安全保险规范健康发展的意见"]


def test_spaces_do_not_start_or_end_lines():
    lines = lines_of("甲" * 19 + " 乙乙乙 " + "丙" * 25)
    assert all(ln == ln.strip() for ln in lines), lines


@pytest.mark.skipif(not SEED.exists(), reason="seed text not present")
def test_seed_has_no_forbidden_line_edges():
    """The whole seed at a body measure of 38 characters: no violations at all."""
    paras = [p.strip() for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    texts = []
    for p in paras:
        texts += lines_of(p, chars_per_line=38, indent=2)
    assert len(texts) > 800
    assert violations(texts) == []
    # the tables are stricter than reportlab's CJK ones, which lack these
    assert {"，", "；", "：", "？", "！", "》", "”", "’"} <= NO_START
    assert {"（", "《", "“", "‘"} <= NO_END


def test_a_doc_number_bracket_starting_a_line_keeps_its_width_unless_the_template_lets_it_go():
    text = "甲" * 11 + "〔2023〕17号文件"
    table = lambda font: {c: (0.5 if c.isascii() else 1.0) for c in text}  # noqa: E731
    kept = Para([Piece(text, "F", EM)], table)
    lines = break_lines(kept, lambda i: (0.0, 11 * EM))
    assert lines[1].text(kept).startswith("〔") and lines[1].start_trim == 0
    free = Para([Piece(text, "F", EM)], table, keep_doc_numbers=False)
    assert break_lines(free, lambda i: (0.0, 11 * EM))[1].start_trim == pytest.approx(0.5 * EM)
