"""The article's fields, once: name, Chinese label, kind, how text gets in and out, where each lives.

Every part of the program that touches an article's head asks here: the content loader reads and
writes the front matter by it, checks/fixes.py applies edits through it, the GUI builds its field
editors and labels from it. The body (编者按 and 正文) is not here: it is blocks, not a field.

    FIELDS["doc_number"].label              → "文号"
    FIELDS["signature"].text(article)       → "国家发展改革委\\n国家能源局"  ("" when unset)
    FIELDS["signature"].set_text(article, "国家发展改革委\\n国家能源局")
    FIELDS["date"].location(article, 3)     → the file, line and column of its 4th character

Kinds:
- "text": one line; empty text means the field is not set (None).
- "lines": several lines kept apart ("\\n" in the model; a TOML array when there are several,
  one string when one): the title as broken, the issuing bodies of a joint signature.
- "list": one item a line (a TOML array): the attachments.
Empty text is one thing everywhere: a text field set to "" or spaces is None, a list is [],
lines are stripped and empty lines dropped. The title is the one required field.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

from .model import Article, Location
from .records import record

# Front-matter values are written `key = "value"`: the value starts this many columns after the key.
VALUE_COLUMN_SHIFT = len(' = "')
ARRAY_ITEM_COLUMN = len('    "') + 1       # tomli_w writes an array one item a line, indented 4


@record(frozen=True)
class Field:
    """One field of the article: what it is called, what kind of text it holds, where it is."""

    name: str             # the Article attribute, the front-matter key and the Edit field name
    label: str            # Chinese, for the editor and messages: 文号
    kind: str             # "text" | "lines" | "list"
    place: str            # "front" (the TOML front matter) | "body" (the source line, last paragraph)
    hint: str = ""        # an example, shown in an empty editor
    required: bool = False

    # ------------------------------------------------------------ text in and out

    def text(self, article: Article) -> str:
        """The field as an editor shows it and Edits address it; "" when it is not set."""
        value = getattr(article, self.name, None)
        if self.name == "source":
            return value.text if value is not None else ""
        if self.kind == "list":
            return "\n".join(value or ())
        return value or ""

    def set_text(self, article: Article, text: str) -> None:
        """Set the field from text; empty text (or only spaces) unsets it."""
        value = self.value_from_text(text)
        if self.name == "source" and value is not None and article.source is not None:
            article.source.text = value.text        # the line keeps its place in the file
            return
        setattr(article, self.name, value)

    def value_from_text(self, text: str) -> Any:
        if self.name == "source":
            from .model import SourceLine
            t = text.strip()
            return SourceLine(t) if t else None
        if self.kind == "text":
            return text.strip() or (None if not self.required else "")
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if self.kind == "list":
            return lines
        return "\n".join(lines) or (None if not self.required else "")

    def is_set(self, article: Article) -> bool:
        return bool(self.text(article))

    # ------------------------------------------------------------ the front matter

    def to_toml(self, article: Article) -> Any:
        """The value as the article file writes it, or None when the key is left out."""
        text = self.text(article)
        if not text and not self.required:
            return None
        if self.kind == "list":
            return text.split("\n")
        if self.kind == "lines":
            lines = text.split("\n")
            return lines if len(lines) > 1 else text
        return text

    def from_toml(self, value: Any, fail: Callable[[str], None]) -> Any:
        """The model's value of a front-matter value; `fail(message)` says what is wrong with it."""
        if self.kind == "text":
            if self.name == "date" and isinstance(value, _dt.date):    # date = 2023-05-26, unquoted
                return f"{value.year}年{value.month}月{value.day}日"
            if not isinstance(value, str):
                fail(f"“{self.name}”（{self.label}）应为加双引号的文字")
                return None
            return self.value_from_text(value)
        items = [value] if isinstance(value, str) and self.kind == "lines" else value
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            shape = "文字，或每项一行的文字数组" if self.kind == "lines" else "文字数组，每项一个"
            fail(f"“{self.name}”（{self.label}）应为{shape}，例如 {self.name} = {self.hint_toml}")
            return None
        return self.value_from_text("\n".join(items))

    @property
    def hint_toml(self) -> str:
        if self.kind == "list":
            return '["' + '", "'.join(self.hint.split("\n")) + '"]'
        if self.kind == "lines" and "\n" in self.hint:
            return '["' + '", "'.join(self.hint.split("\n")) + '"]'
        return f'"{self.hint}"'

    # ------------------------------------------------------------ places

    def location(self, article: Article, offset: int = 0) -> Location:
        """File, line and column of character `offset` of the field's text (as `text` gives it)."""
        if self.name == "source" and article.source is not None and article.source.loc is not None:
            loc = article.source.loc
            return Location(loc.file, loc.line, loc.column + offset)
        loc = article.field_locs.get(self.name)
        if loc is None:
            return Location(article.path, 1, 1)
        text = self.text(article)
        if self.kind == "list" or (self.kind == "lines" and "\n" in text):
            # Written as an array, one line per element: key = [\n    "…",\n    "…",\n]
            before = text[:offset]
            k = before.count("\n")
            return Location(loc.file, loc.line + 1 + k, ARRAY_ITEM_COLUMN + len(before) - (before.rfind("\n") + 1))
        return Location(loc.file, loc.line, len(self.name) + VALUE_COLUMN_SHIFT + 1 + offset)


# In the order the front matter writes them, which is the order a document reads: head, closing, 版记.
ARTICLE_FIELDS: tuple[Field, ...] = (
    Field("title", "标题", "lines", "front", "关于促进网络安全保险规范健康发展的意见", required=True),
    Field("toc_title", "目录标题", "text", "front", "与标题不同时才填"),
    Field("doc_number", "文号", "text", "front", "工信部联网安〔2023〕95号"),
    Field("addressee", "主送机关", "text", "front", "各省、自治区、直辖市人民政府："),
    Field("attachments", "附件", "list", "front", "重点任务分工表\n项目申报指南"),
    Field("signature", "发文机关署名", "lines", "front", "国家发展改革委\n国家能源局"),
    Field("date", "成文日期", "text", "front", "2023年5月26日"),
    Field("remark", "附注", "text", "front", "（此件公开发布）"),
    Field("keywords", "主题词", "text", "front", "数据 要素 通知"),
    Field("copy_to", "抄送", "text", "front", "国务院各部委、各直属机构。"),
    Field("printed_by", "印发", "text", "front", "国务院办公厅 2023年5月26日印发"),
    Field("link", "原文链接", "text", "front", "https://www.gov.cn/zhengce/content/…"),
    Field("source", "来源", "text", "body", "（来源：工业和信息化部）"),
)
FIELDS: dict[str, Field] = {f.name: f for f in ARTICLE_FIELDS}
FRONT_FIELDS: tuple[Field, ...] = tuple(f for f in ARTICLE_FIELDS if f.place == "front")
FRONT_KEYS: tuple[str, ...] = tuple(f.name for f in FRONT_FIELDS)


def field_label(name: str) -> str:
    """The Chinese label of a field or of the body parts (编者按, 正文)."""
    if name in FIELDS:
        return FIELDS[name].label
    return {"editor_note": "编者按", "body": "正文"}.get(name, name)
