"""What stays together: which paragraphs are kept on the page of the paragraph after them."""

from __future__ import annotations

from .elements import Paragraph

# Styles that head what follows: never left alone at the foot of a page.
HEADING_STYLES = {"heading1", "subheading", "doc_number", "addressee", "title"}
# The closing lines of a document: they stay with the text they close.
TAIL_STYLES = {"source", "signature", "date_line", "attachment", "attachment_item"}
RANK = {"title": -1, "doc_number": -1, "addressee": -1, "subheading": 0,
        "heading1": 1, "heading2": 2, "heading3": 3, "heading4": 4}


def is_heading(e) -> bool:
    """A paragraph that heads what follows (a run-in lead does not: its text follows on the line)."""
    return isinstance(e, Paragraph) and (e.style in HEADING_STYLES or (
        e.style.startswith("heading") and not any(r.style for r in e.runs)))


def keep_flags(elements) -> list[bool]:
    """Which paragraphs stay with the next element.

    A heading stays with the text after it and with its first sub-heading, so no
    heading is left alone at the foot of a page. Sibling headings in a run (a list
    of chapter titles) do not hold each other, except the last two before the text:
    keeping the whole run together would push a block to the next page and leave a hole.
    """
    flags = [False] * len(elements)
    after = 0
    for i in range(len(elements) - 1, -1, -1):
        e = elements[i]
        if is_heading(e):
            nxt = elements[i + 1] if i + 1 < len(elements) else None
            parent = is_heading(nxt) and RANK.get(e.style, 5) < RANK.get(nxt.style, 5)
            flags[i] = after <= 1 or parent
            after += 1
        else:
            after = 0
    for i in range(len(elements) - 1):
        nxt = elements[i + 1]
        if isinstance(elements[i], Paragraph) and isinstance(nxt, Paragraph) and nxt.style in TAIL_STYLES:
            flags[i] = True
    return flags


def mark_keeps(elements) -> None:
    """Set keep_with_next on every paragraph of `elements` (the flat sequence, heads unfolded)."""
    for e, keep in zip(elements, keep_flags(elements)):
        if isinstance(e, Paragraph):
            e.keep_with_next = keep
