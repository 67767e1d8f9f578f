"""The page-flow engine on plain blocks: where groups kept together break."""

from __future__ import annotations

import pytest

from editor.writers.pdf.flow import Block, Flow, PageTemplate


class Lines(Block):
    """A paragraph of `n` lines `leading` apart that splits like CJKParagraph: two lines at least on each side."""

    def __init__(self, name: str, n: int, leading: float = 10.0, keep: bool = False):
        self.name, self.n, self.leading, self.keep_with_next = name, n, leading, keep
        self.pages: list[int] = []

    def wrap(self, aw, ah):
        self.width, self.height = aw, self.n * self.leading
        return aw, self.height

    def split(self, aw, ah):
        fit = int((ah + 1e-6) // self.leading)
        if fit >= self.n:
            return [self]
        fit = min(fit, self.n - 2)
        if fit < 2:
            return []
        head, tail = Lines(self.name, fit, self.leading), Lines(self.name, self.n - fit, self.leading, self.keep_with_next)
        head.pages = tail.pages = self.pages
        return [head, tail]

    def placed(self, flow, page):
        self.pages.append(page)


def run(blocks) -> None:
    Flow([PageTemplate("body", (0, 0, 100, 100))]).run(blocks, "body")


def test_a_paragraph_kept_with_its_source_gives_up_its_last_lines_not_the_page_foot():
    filler = Lines("filler", 4)                 # 40 of 100 used: 60 left
    para = Lines("para", 6, keep=True)          # 60 fits, but not with the source line after it
    source = Lines("source", 1)
    run([filler, para, source])
    # head of the paragraph stays on page 1, its last two lines go on with the source
    assert para.pages == [1, 2] and source.pages == [2]


def test_a_group_that_fits_stays_on_its_page():
    filler, para, source = Lines("filler", 3), Lines("para", 5, keep=True), Lines("source", 1)
    run([filler, para, source])
    assert para.pages == [1] and source.pages == [1]


def test_a_short_paragraph_that_cannot_split_moves_whole():
    filler, para, source = Lines("filler", 6), Lines("para", 3, keep=True), Lines("source", 2)
    run([filler, para, source])
    assert para.pages == [2] and source.pages == [2]


# ---------------------------------------------------------------- tables

class Cell:
    def __init__(self, height: float):
        self.height = height

    def wrap(self, aw, ah):
        return aw, self.height


def table(n_rows: int, row_height: float = 10.0):
    from types import SimpleNamespace

    from editor.writers.pdf.media import PAD_Y, TableBlock

    kit = SimpleNamespace(style=lambda name: SimpleNamespace(space_before=0.0, space_after=0.0))
    cells = [[Cell(row_height - 2 * PAD_Y)] * 2 for _ in range(n_rows + 1)]
    return TableBlock(kit, [["h", "h"]] + [["a", "b"]] * n_rows, True, cells, [50.0, 50.0])


@pytest.mark.parametrize("room, first_rows, rest_rows", [
    (105.0, 8, 2),     # 9 rows fit, one would be left: two go on together
    (30.0, 2, 8),
    (55.0, 4, 6),
])
def test_a_table_splits_between_rows_without_leaving_one_alone(room, first_rows, rest_rows):
    parts = table(10).split(100.0, room)
    assert [len(p.rows) - 1 for p in parts] == [first_rows, rest_rows]


def test_a_table_with_room_for_one_row_moves_whole():
    assert table(10).split(100.0, 21.0) == []


@pytest.mark.parametrize("natural, total, widths", [
    ([30, 50, 200, 300, 60], 500, [30, 50, 144, 216, 60]),    # 序号, 地区, dates get all they need
    ([10, 10], 100, [50, 50]),                                  # room to spare is shared
    ([400, 400], 100, [50, 50]),
    ([5, 400], 100, [20, 80]),                                  # never below the least width
])
def test_narrow_columns_get_their_width_and_wide_ones_share_the_rest(natural, total, widths):
    from editor.compose import column_widths

    got = column_widths(natural, total, 20)
    assert [round(w) for w in got] == widths and abs(sum(got) - total) < 1e-6


def test_a_block_moved_to_a_new_page_brings_its_label_first():
    flow = Flow([PageTemplate("body", (0, 0, 100, 100))])
    placed: list[tuple[str, int]] = []

    class Spy(Lines):             # a block that, moved to a new page, wants a label first there
        def placed(self, f, page):
            placed.append((self.name, page))

        def continued(self):
            label = Lines("label", 1)
            label.placed = lambda f, page: placed.append(("label", page))
            return label

    flow.run([Spy("a", 5), Spy("b", 4), Spy("c", 3)], "body")
    # c does not fit under a and b: it opens page 2, after its label
    assert placed == [("a", 1), ("b", 1), ("label", 2), ("c", 2)]
