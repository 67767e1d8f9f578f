"""The end of an imported document: 附件说明, 发文机关署名, 成文日期, 附注 and 版记 (GB/T 9704).

`take_closing(blocks)` reads the document's closing into an Article's fields. The closing is
the first signature-and-date pair (a 转发 or 印发 notice is signed before the text it forwards,
whose own signature comes at the end): when nothing but what belongs after a closing follows it
(附注 such as （此件公开发布）, the attachment list, file names of downloads, the 版记), its blocks
leave the body for the fields; when the forwarded text follows, they stay where they are and
the fields only name them (compose does not set them twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..body import mark_attachment_lists
from ..conventions import ATTACHMENT_RE, looks_like_signature, parse_date
from ..markers import parse_marker
from ..model import Article, Block, BlockKind

# A download's file name standing alone in an attachment list: 2021020415215164.docx
FILE_NAME_RE = re.compile(r"^\S{1,80}\.(?:docx?|xlsx?|pptx?|pdf|wps|et|ofd|txt|zip|rar|7z|jpe?g|png)$", re.I)
# 附注 under the date: （此件公开发布） （联系人：张三，电话：…）
_REMARK_RE = re.compile(r"^[（(][^（()）]{2,80}[)）]$")
_IMPRINT_RE = re.compile(r"^(?P<label>主\s*题\s*词|抄\s*送|印\s*发|抄\s*报|公\s*开\s*方\s*式|公\s*开\s*属\s*性)"
                         r"\s*[：:]\s*(?P<value>.*)$")
_PRINTED_RE = re.compile(r"^(?:\S.{0,40}?)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")
_BARE_PRINTED_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")
_SPACES = re.compile(r"[ \t\u3000]+")


@dataclass
class Closing:
    """What `take_closing` found, for the Article's fields."""

    attachments: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    date: str | None = None
    remark: str | None = None
    keywords: str | None = None
    copy_to: str | None = None
    printed_by: str | None = None
    moved: int = 0               # blocks taken out of the body
    dropped: list[str] = field(default_factory=list)   # page furniture after the end, left out

    def apply(self, article: Article) -> None:
        article.attachments = self.attachments or article.attachments
        article.signature = "\n".join(self.signature) or article.signature
        for name in ("date", "remark", "keywords", "copy_to", "printed_by"):
            if getattr(self, name):
                setattr(article, name, getattr(self, name))


def signatories(text: str) -> list[str]:
    """The issuing bodies of one signature line: 国务院办公厅　中央军委办公厅 → two."""
    parts = [p for p in _SPACES.split(text.strip()) if p]
    return parts if parts and all(len(p) >= 2 for p in parts) else [text.strip()]


def attachment_name(block: Block) -> str:
    """An attachment's name from its line: 附件：1.重点任务分工表 / 附件2.… / 2.… → 重点任务分工表."""
    text = block.text.strip()
    head = ATTACHMENT_RE.match(text)
    if head:
        text = text[head.end():].strip()
    marker = parse_marker(text)
    if marker is not None:
        text = text[marker.length:].strip()
    return text


def _is_attachment_part(b: Block) -> bool:
    return b.kind is BlockKind.ATTACHMENT or FILE_NAME_RE.match(b.text.strip()) is not None


def _is_after_closing(b: Block) -> bool:
    """What may stand after a document's date: 附注, attachments, file names, 版记."""
    t = b.text.strip()
    return (b.kind in (BlockKind.ATTACHMENT, BlockKind.DATE_LINE) or _is_attachment_part(b)
            or bool(_REMARK_RE.match(t)) or bool(_IMPRINT_RE.match(t)) or bool(_PRINTED_RE.match(t)))


def take_closing(blocks: list[Block]) -> tuple[list[Block], Closing]:
    """The body without the closing it ends with, and the closing read from it."""
    mark_attachment_lists(blocks)
    closing = Closing()
    blocks = _split_signed_dates(blocks)
    # after the document's end a PDF copy may hold the next document's first words or the
    # issuer printed again (国家医疗保障局 / 国家医保局 财政部关于): page furniture, not the text
    end = len(blocks)
    while end > 1 and _stray_after_end(blocks, end - 1):
        end -= 1
    if end < len(blocks):
        closing.dropped = [b.text for b in blocks[end:]]
        blocks = blocks[:end]
    # the 版记 ends a document whether or not its closing is the last thing before it
    end = len(blocks)
    while end and _is_imprint(blocks[end - 1].text.strip()):
        end -= 1
        # 广东省生态环境厅办公室 / 2021年11月14日印发: the printing office on the line above its date
        if _BARE_PRINTED_RE.match(blocks[end].text.strip()) and end and looks_like_signature(blocks[end - 1].text) \
                and blocks[end - 1].kind in (BlockKind.PARAGRAPH, BlockKind.SIGNATURE):
            blocks[end].text = blocks[end - 1].text.strip() + " " + blocks[end].text.strip()
            blocks.pop(end - 1)
            end -= 1
    if end < len(blocks):
        _read_tail(blocks[end:], closing)
        closing.moved = len(blocks) - end
        blocks = blocks[:end]
    date_at = _closing_date(blocks)
    if date_at is None:
        # no signed date: attachments (and their file names) ending the text are still its list
        end = len(blocks)
        while end and _is_attachment_part(blocks[end - 1]):
            end -= 1
        if end < len(blocks) and any(b.kind is BlockKind.ATTACHMENT for b in blocks[end:]):
            closing.attachments = [attachment_name(b) for b in blocks[end:] if b.kind is BlockKind.ATTACHMENT]
            closing.moved += len(blocks) - end
            return blocks[:end], closing
        return blocks, closing
    sig_start = date_at
    while sig_start and blocks[sig_start - 1].kind is BlockKind.SIGNATURE:
        sig_start -= 1
    closing.date = parse_date(blocks[date_at].text).text if parse_date(blocks[date_at].text) else \
        blocks[date_at].text.strip()
    for b in blocks[sig_start:date_at]:
        closing.signature += signatories(b.text)
    att_start = sig_start
    while att_start and _is_attachment_part(blocks[att_start - 1]):
        att_start -= 1
    at_end = all(_is_after_closing(b) for b in blocks[date_at + 1:])
    if not at_end:
        return blocks, closing          # signed before the text it forwards: the blocks stay
    tail = blocks[date_at + 1:]
    closing.attachments = [attachment_name(b) for b in blocks[att_start:sig_start] + tail
                           if b.kind is BlockKind.ATTACHMENT and attachment_name(b)]
    _read_tail(tail, closing)
    closing.moved += len(blocks) - att_start
    return blocks[:att_start], closing


_SIGNED_DATE_RE = re.compile(r"^(?P<sig>\S.{1,60}?)[ \t\u3000]+(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


def _split_signed_dates(blocks: list[Block]) -> list[Block]:
    """国家医保局 财政部 2021年4月12日: signatures and the date on one line (a PDF copy's) made two blocks."""
    out = []
    for b in blocks:
        m = _SIGNED_DATE_RE.match(b.text.strip()) if b.kind is BlockKind.PARAGRAPH else None
        if m and looks_like_signature(m.group("sig")):
            out += [Block(BlockKind.SIGNATURE, m.group("sig").strip()), Block(BlockKind.DATE_LINE, m.group("date"))]
        else:
            out.append(b)
    return out


def _stray_after_end(blocks: list[Block], k: int) -> bool:
    """Whether block `k`, at the end, is what a PDF copy caught after the document: a title's first
    words (…关于, …的) or an issuer's name after the date (the page's footer, the next document's head)."""
    t = blocks[k].text.strip()
    if blocks[k].kind not in (BlockKind.PARAGRAPH, BlockKind.SIGNATURE, BlockKind.SUBHEADING) or len(t) > 40:
        return False
    if _REMARK_RE.match(t) or _is_imprint(t) or t[:1] in "（(":
        return False          # （此件公开发布）, 版记: the document's own
    if t.endswith(("关于", "的", "关于印发")) and not any(ch in t for ch in "。；：，"):
        return True
    after_date = blocks[k - 1].kind is BlockKind.DATE_LINE
    title_start = "关于" in t and not any(ch in t for ch in "。；：，")     # 卫生部关于在《…》中
    return after_date and (looks_like_signature(t) or title_start)


def _is_imprint(t: str) -> bool:
    return bool(_IMPRINT_RE.match(t) or _PRINTED_RE.match(t))


def _read_tail(tail: list[Block], closing: Closing) -> None:
    """附注 and 版记 lines after the date into `closing`."""
    remarks = [closing.remark] if closing.remark else []
    for b in tail:
        t = b.text.strip()
        m = _IMPRINT_RE.match(t)
        if m:
            label = _SPACES.sub("", m.group("label"))
            key = {"主题词": "keywords", "抄送": "copy_to", "抄报": "copy_to", "印发": "printed_by"}.get(label)
            if key is None:          # 公开方式：主动公开 says what （此件公开发布） says: a 附注
                remarks.append(t)
            else:
                setattr(closing, key, m.group("value").strip() or None)
        elif _PRINTED_RE.match(t):
            closing.printed_by = t
        elif _REMARK_RE.match(t):
            remarks.append(t)
    closing.remark = "".join(remarks) or None


def _closing_date(blocks: list[Block]) -> int | None:
    """The index of the date that closes the document: the first date line under a signature, or a
    date line with nothing but what may follow a closing after it."""
    for k, b in enumerate(blocks):
        if b.kind is BlockKind.DATE_LINE and k and blocks[k - 1].kind is BlockKind.SIGNATURE:
            return k
    for k in range(len(blocks) - 1, -1, -1):
        b = blocks[k]
        if b.kind is BlockKind.DATE_LINE:
            return k if all(_is_after_closing(x) for x in blocks[k + 1:]) and k else None
        if not _is_after_closing(b):
            return None
    return None
