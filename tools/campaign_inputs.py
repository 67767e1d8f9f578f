"""Hostile inputs for the robustness campaign (tools/campaign.py, tests/test_campaign.py).

Every generator takes a `random.Random` and a case folder that already holds a small valid issue
(`content/mini`, two articles, a picture) beside a copy of the templates (`issue_templates/`), damages
or replaces one thing in it, and returns a `Case`: what was done, the commands to run on it, and any
fault to inject while they run. The generators are shared: the CI test draws them through
hypothesis (its `randoms()` strategy), the long campaign through a seeded Random.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import random
import re
import shutil
import sys
import tomllib
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "issue_templates" / "big-data-weekly" / "template.toml"
POSIX = sys.platform != "win32"

ISSUE_TOML = """template = "big-data-weekly"
date = 2023-12-29
number = 52
total_number = 163
cover = "a1"

[[columns]]
name = "国策要论"
articles = ["a1"]

[[columns]]
name = "地方新政"
articles = ["a2"]
"""

ARTICLE_1 = """+++
title = "关于加快数据要素流通的通知"
doc_number = "国办发〔2023〕1号"
link = "https://www.gov.cn/zhengce/content/2023-12/29/content_1.htm"
+++

> 编者按：数据要素流通是数字经济的基础。

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

一、总体要求

（一）指导思想。坚持统筹发展和安全，加快数据要素市场建设。

（二）基本原则。加强统筹协调，稳步推进。

二、重点任务

（一）完善数据产权制度。

![数据流通示意](pic.png)

| 指标 | 2022 年 | 2023 年 |
| --- | --- | --- |
| 数据交易额（亿元） | 876 | 1200 |

国务院办公厅
2023年12月29日

（来源：中国政府网）
"""

ARTICLE_2 = """+++
title = "上海市促进城市数字化转型的若干政策措施"
+++

> 编者按：上海以数据要素市场建设带动城市数字化转型。

为全面推进城市数字化转型，制定以下措施。

1. 建设数据交易所，完善数据流通规则。

2. 培育数据商，发展数据服务业态。

（来源：上海市人民政府）
"""

POLICY_TEXT = """国务院办公厅关于加快数据要素流通的通知

国办发〔2023〕1号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

为加快数据要素市场建设，经国务院同意，现就有关事项通知如下。

一、总体要求

（一）指导思想。坚持统筹发展和安全。

（二）基本原则。加强统筹协调，稳步推进。

国务院办公厅
2023年12月29日

（来源：中国政府网）
"""



def png() -> bytes:
    """A small picture, as a camera or a screenshot tool writes it."""
    if "png" not in _DOCX_CACHE:
        from PIL import Image

        buf = io.BytesIO()
        Image.new("RGB", (120, 80), (27, 79, 143)).save(buf, "PNG")
        _DOCX_CACHE["png"] = buf.getvalue()
    return _DOCX_CACHE["png"]


_DOCX_CACHE: dict[str, bytes] = {}


@dataclass
class Case:
    """One hostile input: `kind` (the table's row), `what` (one line saying what was done),
    `commands` (argument lists; ISSUE, OUT, INPUT, NEW are replaced by paths), `fault` ("kill:K",
    "enospc:BYTES", or ""), `env` (extra environment), `expect_ok` (commands that must not fail:
    a broken neighbour must not stop today's work)."""

    kind: str
    what: str
    commands: list[list[str]]
    fault: str = ""
    env: dict[str, str] = field(default_factory=dict)
    expect_ok: bool = False


def make_base(case_dir: Path) -> Path:
    """The small valid issue every case starts from; returns its folder."""
    shutil.copytree(ROOT / "issue_templates", case_dir / "issue_templates")
    issue = case_dir / "content" / "mini"
    (issue / "articles").mkdir(parents=True)
    (issue / "issue.toml").write_text(ISSUE_TOML, encoding="utf-8")
    (issue / "articles" / "a1.md").write_text(ARTICLE_1, encoding="utf-8")
    (issue / "articles" / "a2.md").write_text(ARTICLE_2, encoding="utf-8")
    (issue / "articles" / "pic.png").write_bytes(png())
    return issue


# ---------------------------------------------------------------- damage that editors and disks do

JUNK = list('"=[]{}+>#|\\\n\r\t ,（）：0a一　\x00\ufeff\u202e\ud7ff!*-`')


def damage_text(text: str, rnd: random.Random) -> str:
    """Cut a span, paste junk into it, double or swap lines, cut the file short."""
    how = rnd.randrange(6)
    if how == 0 or not text:
        start = rnd.randrange(len(text) + 1)
        end = min(len(text), start + rnd.randrange(60))
        return text[:start] + "".join(rnd.choice(JUNK) for _ in range(rnd.randrange(1, 12))) + text[end:]
    lines = text.split("\n")
    k = rnd.randrange(len(lines))
    if how == 1:
        lines.insert(k, lines[k])
    elif how == 2:
        j = rnd.randrange(len(lines))
        lines[k], lines[j] = lines[j], lines[k]
    elif how == 3:
        del lines[k]
    elif how == 4:
        return text[:rnd.randrange(len(text) + 1)]
    else:
        lines[k] = lines[k] + rnd.choice(["\x00", "\x1b[31m", "\ufffe", "\r", "\u2028", "\x7f"])
    return "\n".join(lines)


def damage_bytes(data: bytes, rnd: random.Random) -> bytes:
    """Flip bytes, cut the data short, insert or repeat a span, or encode it differently."""
    how = rnd.randrange(5)
    if how == 0 and data:
        out = bytearray(data)
        for _ in range(rnd.randrange(1, 20)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
        return bytes(out)
    if how == 1:
        return data[:rnd.randrange(len(data) + 1)]
    if how == 2:
        k = rnd.randrange(len(data) + 1)
        return data[:k] + rnd.randbytes(rnd.randrange(1, 200)) + data[k:]
    if how == 3 and data:
        k = rnd.randrange(len(data))
        span = data[k:k + rnd.randrange(1, 400)]
        return data[:k] + span * rnd.randrange(2, 50) + data[k:]
    try:
        return data.decode("utf-8").encode(rnd.choice(["utf-16", "gb18030", "utf-8-sig", "big5"]), "replace")
    except UnicodeDecodeError:
        return data[::-1]


# ---------------------------------------------------------------- values out of range

BIG_INT = [-5, -1, 0, 1, 2 ** 31, 2 ** 63 - 1, 999999999999, 10 ** 30]
ODD_FLOAT = [-1.0, 0.0, 1e-9, 200.0, 2000.0, 1e308, math.inf, -math.inf, math.nan]
ODD_STR = ["", " ", "\x00", "a\x00b", "x" * 5000, "测" * 5000, "../../../etc/passwd", "/dev/zero", "CON",
           "A5", "#ZZZZZZ", "宋体\x00", "\u202e反向", "Z" * 300, "%s%n{0}", "\\\\server\\share"]
ODD_DATE = [dt.date(9999, 12, 25), dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2024, 2, 29)]


def odd_value(value, rnd: random.Random):
    """A value of the same kind as `value` but out of any sensible range, or of another type."""
    if rnd.random() < 0.15:
        return rnd.choice([5, "五", [], {}, [1, "a"], {"x": 1}, True, 1.5, dt.date(2023, 1, 1)])
    if isinstance(value, bool):
        return rnd.choice([5, "true", 1])
    if isinstance(value, int):
        return rnd.choice(BIG_INT)
    if isinstance(value, float):
        return rnd.choice(ODD_FLOAT + BIG_INT)
    if isinstance(value, str):
        return rnd.choice(ODD_STR + [value * 500, value + "\x00"])
    if isinstance(value, dt.date):
        return rnd.choice(ODD_DATE)
    if isinstance(value, list):
        return rnd.choice([[], [value[0]] * 3000 if value else [5], [5], value + value, [{"name": "x", "paragraphs": 5}]])
    return rnd.choice([5, "x", []])


def _leaves(tree, path=()):
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(tree, list) and tree and isinstance(tree[0], dict):
        for i, v in enumerate(tree):
            yield from _leaves(v, path + (i,))
    else:
        yield path


def mutate_toml(text: str, rnd: random.Random, extra_keys: list[str] = ()) -> str:
    """`text` (TOML) with one value (or a few) out of range, a key added or one removed."""
    tree = tomllib.loads(text)
    for _ in range(rnd.choice([1, 1, 1, 2, 3])):
        paths = list(_leaves(tree))
        path = rnd.choice(paths)
        node = tree
        for k in path[:-1]:
            node = node[k]
        how = rnd.random()
        if how < 0.1 and isinstance(node, dict):
            del node[path[-1]]
        elif how < 0.2 and isinstance(node, dict):
            node[rnd.choice(list(extra_keys) or ["unknown_key"])] = rnd.choice([0, -1, math.nan, "x" * 3000, 5])
        else:
            node[path[-1]] = odd_value(node[path[-1]], rnd)
    return tomli_w.dumps(tree)


# ---------------------------------------------------------------- generators, one per kind


def _commands_for_issue(rnd: random.Random) -> list[list[str]]:
    build = ["build", "ISSUE", "-o", "OUT", "--format", rnd.choice(["pdf", "docx", "html", "pdf,docx,html"])]
    return [["check", "ISSUE"], rnd.choice([build, build, ["info", "ISSUE"], ["check", "--fix", "ISSUE"],
                                            ["new", "--from", "ISSUE", "-o", "NEW"], ["info", "--format", "json", "ISSUE"],
                                            _new_from_template(rnd), *_archive_commands(rnd)])]


def _archive_commands(rnd: random.Random) -> list[list[str]]:
    """The commands over every issue of the folder (the damaged one among them)."""
    return [["search", rnd.choice(["数据", "国办发", "\x00", "(", "*" * 50]), "--in", "CONTENT"],
            ["stats", "--in", "CONTENT"], ["volume", "CONTENT", "--year", "2023", "-o", "OUT", "--format", "pdf"]]


def _new_from_template(rnd: random.Random) -> list[str]:
    """`new --template` with dates and numbers at and past their ends."""
    argv = ["new", "--template", rnd.choice(["big-data-weekly", "不存在", "../x", "a" * 300]), "-o", "NEW",
            "--date", rnd.choice(["2023-12-29", "9999-12-31", "9998-12-31", "1900-01-01", "0001-01-01", "2023-02-30",
                                  "2024-02-29", "abc"])]
    if rnd.random() < 0.6:
        argv += [rnd.choice(["--number", "--total-number"]), rnd.choice(["-5", "0", "1", "999999", "1000000",
                                                                         "99999999999999999999", "1e3", "五"])]
    return argv


def issue_toml_values(rnd, case_dir):
    issue = make_base(case_dir)
    path = issue / "issue.toml"
    path.write_text(mutate_toml(path.read_text(encoding="utf-8"), rnd, ["volume", "cover_text"]), encoding="utf-8")
    return Case("issue.toml 值越界", "issue.toml 的值越界或类型不对", _commands_for_issue(rnd))


def issue_toml_damage(rnd, case_dir):
    issue = make_base(case_dir)
    path = issue / "issue.toml"
    path.write_text(damage_text(path.read_text(encoding="utf-8"), rnd), encoding="utf-8")
    return Case("issue.toml 损坏", "issue.toml 被剪切、插入杂字", _commands_for_issue(rnd))


def article_damage(rnd, case_dir):
    issue = make_base(case_dir)
    path = issue / "articles" / rnd.choice(["a1.md", "a2.md"])
    data = path.read_bytes()
    if rnd.random() < 0.3:
        path.write_bytes(damage_bytes(data, rnd))
    else:
        path.write_text(damage_text(data.decode("utf-8"), rnd), encoding="utf-8", errors="surrogatepass")
    return Case("文章损坏", "文章 .md 被剪切、插入杂字或换了编码", _commands_for_issue(rnd))


def _front(title: str, **keys) -> str:
    return "+++\n" + tomli_w.dumps({"title": title, **keys}) + "+++\n\n"


def _big_body(rnd: random.Random) -> tuple[str, str]:
    """What a huge paste looks like: one of the shapes that once grew faster than the input."""
    n = rnd.choice([1, 2, 4])
    shapes = [
        ("一段 %d 万行的段落" % (n,), "\n".join(f"第{i}行内容，数据要素" for i in range(10000 * n)) + "\n"),
        ("%d 万字不断行的拉丁字串" % (5 * n), "a" * (50000 * n) + "\n"),
        ("%d 万字不断行的汉字" % (5 * n), "数" * (50000 * n) + "\n"),
        ("500 列的表格", "| " + " | ".join(f"列{i}" for i in range(500)) + " |\n|" + " --- |" * 500 + "\n| "
         + " | ".join("值" for _ in range(500)) + " |\n"),
        ("%d 千格的表格" % (4 * n), "| " + " | ".join(f"列{i}" for i in range(50)) + " |\n|" + " --- |" * 50 + "\n"
         + "".join("| " + " | ".join(str(r * 50 + c) for c in range(50)) + " |\n" for r in range(80 * n))),
        ("5000 层引用", "> " * 5000 + "编者按\n\n正文。\n"),
        ("2000 层列表", "".join("  " * i + "- 项\n" for i in range(2000))),
        ("1 万个小标题", "".join(f"{i}. 标题\n\n" for i in range(1, 10001))),
        ("1 万个图片引用", "".join("![图](pic.png)\n\n" for _ in range(10000))),
        ("编号 2000000000", "".join(f"{2000000000 + i}. 项目。\n\n" for i in range(50))),
        ("1000 个 #", "#" * 1000 + " 标题\n"),
    ]
    return rnd.choice(shapes)


def article_huge(rnd, case_dir):
    issue = make_base(case_dir)
    what, body = _big_body(rnd)
    (issue / "articles" / "a2.md").write_text(_front("上海市促进城市数字化转型的若干政策措施") + body, encoding="utf-8")
    return Case("文章超大", what, _commands_for_issue(rnd))


def article_fields(rnd, case_dir):
    issue = make_base(case_dir)
    keys = {"title": rnd.choice(["测" * 5000, "A" * 5000, "Word " * 1000, "", " ", "\x00标题", "标题\n第二行",
                                 "《" * 300, "x" * 100000])}
    if rnd.random() < 0.5:
        keys["link"] = rnd.choice(["https://example.com/" + "a" * 3000, "javascript:alert(1)", "\x00", "", "不是链接",
                                   "https://" + "测" * 800])
    if rnd.random() < 0.4:
        keys["doc_number"] = rnd.choice(["国办发〔9999999999〕99999999号", "〔" * 500, "\x00", "x" * 3000])
    if rnd.random() < 0.3:
        keys[rnd.choice(["cover_text", "summary", "author", "unknown"])] = rnd.choice(["测" * 5000, 5, [], "\x00"])
    title = keys.pop("title")
    what = "文章字段越界：" + "、".join(["title", *keys])
    (issue / "articles" / "a1.md").write_text(_front(title, **keys) + ARTICLE_1.split("+++\n", 2)[2], encoding="utf-8")
    if rnd.random() < 0.3:      # a 5,000-character cover text
        text = (issue / "issue.toml").read_text(encoding="utf-8")
        (issue / "issue.toml").write_text(text.replace('cover = "a1"', 'cover = "a1"\ncover_text = "' + "封" * 5000 + '"'),
                                          encoding="utf-8")
        what += "、5000 字封面文字"
    return Case("文章字段越界", what, _commands_for_issue(rnd))


def article_ids(rnd, case_dir):
    issue = make_base(case_dir)
    new_id = rnd.choice(["测" * 100, "a" * 300, "../a1", "a/b", "CON", ".hidden", "a1 ", "a\x00", "空 格", "a1.md",
                         "x" * 250])
    text = (issue / "issue.toml").read_text(encoding="utf-8")
    (issue / "issue.toml").write_text(text.replace('["a2"]', tomli_w.dumps({"x": [new_id]})[4:].strip()), encoding="utf-8")
    try:
        (issue / "articles" / f"{new_id}.md").write_text(ARTICLE_2, encoding="utf-8")
    except (OSError, ValueError):
        pass
    return Case("文章编号异常", f"文章编号 {new_id[:20]!r}（{len(new_id.encode())} 字节）", _commands_for_issue(rnd))


def template_values(rnd, case_dir):
    make_base(case_dir)
    path = case_dir / "issue_templates" / "big-data-weekly" / "template.toml"
    path.write_text(mutate_toml(path.read_text(encoding="utf-8"), rnd, ["indent", "space_before", "leading"]),
                    encoding="utf-8")
    return Case("模板值越界", "template.toml 的值越界或类型不对", _commands_for_issue(rnd))


def template_damage(rnd, case_dir):
    make_base(case_dir)
    path = case_dir / "issue_templates" / "big-data-weekly" / "template.toml"
    path.write_text(damage_text(path.read_text(encoding="utf-8"), rnd), encoding="utf-8")
    return Case("模板损坏", "template.toml 被剪切、插入杂字", _commands_for_issue(rnd))


def _import_commands(rnd, name: str) -> list[list[str]]:
    into = ["import", "INPUT", "--into", "ISSUE"] + (["--column", rnd.choice(["地方新政", "不存在", ""])]
                                                    if rnd.random() < 0.3 else [])
    return [["import", "INPUT"], into] if rnd.random() < 0.7 else [["import", "INPUT", "-o", "NEW"]]


def import_text(rnd, case_dir):
    make_base(case_dir)
    name = rnd.choice(["paste.txt", "paste.md"])
    data = POLICY_TEXT.encode("utf-8")
    how = rnd.randrange(4)
    if how == 0:
        data = damage_bytes(data, rnd)
    elif how == 1:
        data = damage_text(POLICY_TEXT, rnd).encode("utf-8", "surrogatepass")
    elif how == 2:
        data = rnd.choice([b"", b"\x00" * 5000, rnd.randbytes(5000), ("测" * 300000).encode(),
                           ("一、\n" * 50000).encode(), ("第一条 " * 100000).encode(),
                           "\n".join(f"（{i}）项" for i in range(50000)).encode()])
    else:
        data = (POLICY_TEXT.replace("（二）", "（" + "二" * rnd.choice([50, 5000]) + "）")).encode()
    (case_dir / name).write_bytes(data)
    return Case("导入文本", f"导入 {name}，{len(data)} 字节的损坏文本", _import_commands(rnd, name))


def _html(rnd: random.Random) -> str:
    base = (ROOT / "tests" / "fixtures" / "import" / "gov_page.html").read_text(encoding="utf-8")
    how = rnd.randrange(6)
    if how == 0:
        return damage_text(base, rnd)
    if how == 1:
        return "<div>" * rnd.choice([1000, 100000]) + "正文" + "</div>" * 10
    if how == 2:
        rows = rnd.choice([200, 2000])
        return "<table>" + "".join("<tr>" + "<td>格</td>" * 51 + "</tr>" for _ in range(rows)) + "</table>"
    if how == 3:
        return base.replace("<body", "<body " + "a" * 100000 + "='1'")
    if how == 4:
        return "".join(rnd.choice(["&#xFFFFFFFF;", "&#0;", "&#xD800;", "&amp;" * 3, "<![CDATA[", "<!--", "<script>",
                                   "<p>", "</p>", "测", "<meta charset='utf-7'>", "<br/>" * 50]) for _ in range(3000))
    return base.replace("</body>", "<ol start='2000000000' type='I'>" + "<li>项</li>" * 30 + "</ol></body>")


def import_html(rnd, case_dir):
    make_base(case_dir)
    data = _html(rnd).encode("utf-8", "surrogatepass")
    if rnd.random() < 0.2:
        data = damage_bytes(data, rnd)
    (case_dir / "page.html").write_bytes(data)
    return Case("导入网页", f"导入 {len(data)} 字节的损坏网页", _import_commands(rnd, "page.html"))


def base_docx() -> bytes:
    """A policy document as Word writes it: headings, paragraphs, a numbered list, a table."""
    if "base" not in _DOCX_CACHE:
        import docx

        d = docx.Document()
        for line in POLICY_TEXT.split("\n\n"):
            d.add_paragraph(line.strip())
        for text in ("完善数据产权制度。", "建立数据流通规则。", "培育数据市场。"):
            d.add_paragraph(text, style="List Number")
        table = d.add_table(rows=3, cols=3)
        for r in range(3):
            for c in range(3):
                table.cell(r, c).text = f"{r}{c}"
        buf = io.BytesIO()
        d.save(buf)
        _DOCX_CACHE["base"] = buf.getvalue()
    return _DOCX_CACHE["base"]


def _rezip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bomb() -> bytes:
    """A .docx whose document.xml inflates to 256 MB (a zip bomb of 250 KB)."""
    if "bomb" not in _DOCX_CACHE:
        members = dict(_members(base_docx()))
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        chunk = b" " * (1 << 20)
        raw = b"".join(comp.compress(chunk) for _ in range(256)) + comp.flush()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                if name != "word/document.xml":
                    z.writestr(name, data)
        # a member written by hand: header, deflated spaces, sizes in the central directory
        _DOCX_CACHE["bomb"] = _append_raw_member(buf.getvalue(), "word/document.xml", raw, 256 << 20,
                                                 _crc_of_spaces(256))
    return _DOCX_CACHE["bomb"]


def _crc_of_spaces(mb: int) -> int:
    crc = 0
    chunk = b" " * (1 << 20)
    for _ in range(mb):
        crc = zlib.crc32(chunk, crc)
    return crc


def _append_raw_member(zip_bytes: bytes, name: str, deflated: bytes, size: int, crc: int) -> bytes:
    import struct

    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        old = [(i, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in old:
            z.writestr(info, data)
    body = out.getvalue()
    cd_start = struct.unpack("<I", body[-6:-2])[0]
    entries, central = body[:cd_start], body[cd_start:-22]
    count = struct.unpack("<H", body[-12:-10])[0]
    fname = name.encode()
    offset = len(entries)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated), size, len(fname), 0) + fname
    cdir = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(deflated), size, len(fname),
                       0, 0, 0, 0, 0, offset) + fname
    entries += local + deflated
    central += cdir
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(central), len(entries), 0)
    return entries + central + end


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def _docx(rnd: random.Random) -> tuple[str, bytes]:
    members = dict(_members(base_docx()))
    how = rnd.randrange(8)
    if how == 0:
        name = rnd.choice(list(members))
        members[name] = damage_bytes(members[name], rnd)
        return f"损坏的 {name}", _rezip(members)
    if how == 1:
        name = rnd.choice(list(members))
        del members[name]
        return f"缺少 {name}", _rezip(members)
    if how == 2:
        fmt = rnd.choice(["upperRoman", "lowerRoman", "lowerLetter", "upperLetter", "chineseCounting", "decimal"])
        start = rnd.choice([2000000000, 2 ** 31 - 1, -5, 0, 10 ** 12])
        xml = members["word/numbering.xml"].decode()
        xml = re.sub(r'<w:start w:val="\d+"/>', f'<w:start w:val="{start}"/>', xml)
        xml = re.sub(r'<w:numFmt w:val="\w+"/>', f'<w:numFmt w:val="{fmt}"/>', xml)
        members["word/numbering.xml"] = xml.encode()
        return f"列表 {fmt} 从 {start} 编号", _rezip(members)
    if how == 3:
        n = rnd.choice([1000, 20000])
        xml = members["word/document.xml"].decode()
        para = re.search(r"<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>", xml, re.S).group(0)
        members["word/document.xml"] = xml.replace(para, para * n, 1).encode()
        return f"{n} 个段落", _rezip(members)
    if how == 4:
        return "256 MB 的压缩炸弹", _bomb()
    if how == 5:
        xml = members["word/document.xml"].decode()
        members["word/document.xml"] = re.sub(r"<w:t>([^<]*)</w:t>", lambda m: "<w:t>" + m.group(1) * 2000 + "</w:t>",
                                              xml, count=1).encode()
        return "一段极长的文字", _rezip(members)
    if how == 6:
        xml = members["word/document.xml"].decode()
        deep = "<w:tbl><w:tr><w:tc>" * 300 + "<w:p><w:r><w:t>深</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 300
        members["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + deep, 1).encode()
        return "300 层嵌套表格", _rezip(members)
    return "截断的 .docx", base_docx()[:rnd.randrange(len(base_docx()))]


def import_docx(rnd, case_dir):
    make_base(case_dir)
    what, data = _docx(rnd)
    (case_dir / "doc.docx").write_bytes(data)
    return Case("导入 DOCX", f"导入 {what}", _import_commands(rnd, "doc.docx"))


def import_pdf(rnd, case_dir):
    make_base(case_dir)
    base = (ROOT / "tests" / "fixtures" / "import" / "pdf" / "govcn-guobanfa-1996-25.pdf").read_bytes()
    data = damage_bytes(base, rnd) if rnd.random() < 0.8 else rnd.choice([b"%PDF-1.7\n", b"%PDF-" + rnd.randbytes(3000)])
    (case_dir / "copy.pdf").write_bytes(data)
    return Case("导入 PDF", f"导入 {len(data)} 字节的损坏 PDF", _import_commands(rnd, "copy.pdf"))


# ---------------------------------------------------------------- special files (POSIX)

SPECIAL_PLACES = ["article", "issue.toml", "template", "picture", "import", "font", "neighbour"]


def special_file(rnd, case_dir):
    """A FIFO, a link to /dev/zero or /dev/urandom, a folder, a link loop or a dangling link where a
    file is expected."""
    issue = make_base(case_dir)
    place = rnd.choice(SPECIAL_PLACES)
    kind = rnd.choice(["fifo", "/dev/zero", "/dev/urandom", "folder", "loop", "self", "dangling"])
    ext = rnd.choice([".txt", ".docx", ".html", ".pdf", ".md"])
    env = {}
    commands = _commands_for_issue(rnd)
    expect_ok = False
    if place == "article":
        target = issue / "articles" / "a2.md"
    elif place == "issue.toml":
        target = issue / "issue.toml"
    elif place == "template":
        target = case_dir / "issue_templates" / "big-data-weekly" / "template.toml"
    elif place == "picture":
        target = issue / "articles" / "pic.png"
    elif place == "import":
        target = case_dir / f"x{ext}"
        commands = _import_commands(rnd, target.name)
    elif place == "font":
        fonts = case_dir / "fonts"
        fonts.mkdir()
        target = fonts / rnd.choice(["x.ttf", "宋体.otf", "y.ttc"])
        env["BULLETIN_FONT_DIRS"] = str(fonts)
        commands = [["build", "ISSUE", "-o", "OUT", "--format", rnd.choice(["pdf", "docx"])]]
    else:       # the previous issue, a sibling folder: its defects must not stop today's check
        sibling = case_dir / "content" / "2023-51"
        shutil.copytree(issue, sibling)
        (sibling / "issue.toml").write_text(ISSUE_TOML.replace("2023-12-29", "2023-12-22").replace("52", "51"),
                                            encoding="utf-8")
        target = sibling / rnd.choice(["issue.toml", "articles/a1.md"])
        commands = [["check", "ISSUE"], ["info", "ISSUE"]]
        expect_ok = True
    if target.exists() or target.is_symlink():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(target)
    elif kind.startswith("/dev/"):
        os.symlink(kind, target)
    elif kind == "folder":
        target.mkdir()
        (target / "inner.txt").write_text("x", encoding="utf-8")
    elif kind == "loop":
        other = target.with_name(target.name + ".loop")
        os.symlink(other.name, target)
        os.symlink(target.name, other)
    elif kind == "self":
        os.symlink(target.name, target)
    else:
        os.symlink("nowhere" + ext, target)
    if place == "import" and kind != "folder" and rnd.random() < 0.5:
        commands = [["import", "INPUT", "--into", "ISSUE"]]
    return Case("特殊文件", f"{place} 是 {kind}", commands, env=env, expect_ok=expect_ok)


def neighbour_damage(rnd, case_dir):
    """The previous issue beside today's, damaged: today's check and build go on."""
    issue = make_base(case_dir)
    sibling = case_dir / "content" / "2023-51"
    shutil.copytree(issue, sibling)
    path = sibling / "issue.toml"
    path.write_text(ISSUE_TOML.replace("2023-12-29", "2023-12-22").replace("number = 52", "number = 51"), encoding="utf-8")
    victim = sibling / rnd.choice(["issue.toml", "articles/a1.md"])
    text = victim.read_text(encoding="utf-8")
    victim.write_text(mutate_toml(text, rnd) if victim.name == "issue.toml" and rnd.random() < 0.5
                      else damage_text(text, rnd), encoding="utf-8")
    return Case("上一期损坏", f"上一期的 {victim.name} 损坏", [["check", "ISSUE"], ["info", "ISSUE"]], expect_ok=True)


# ---------------------------------------------------------------- faults: kill -9, a full disk

FAULT_COMMANDS = [
    ["import", "INPUT", "--into", "ISSUE"],
    ["import", "INPUT", "-o", "NEW"],
    ["new", "--from", "ISSUE", "-o", "NEW"],
    ["check", "--fix", "ISSUE"],
    ["build", "ISSUE", "-o", "OUT", "--format", "pdf,docx,html"],
]


def _fixable(issue: Path) -> None:
    """Something `check --fix` changes: a half-width comma and a doubled full stop."""
    path = issue / "articles" / "a2.md"
    path.write_text(path.read_text(encoding="utf-8").replace("制定以下措施。", "制定以下措施,,。。"), encoding="utf-8")


def kill_at_rename(rnd, case_dir):
    issue = make_base(case_dir)
    _fixable(issue)
    (case_dir / "paste.txt").write_text(POLICY_TEXT, encoding="utf-8")
    command = rnd.choice(FAULT_COMMANDS)
    k = rnd.randrange(1, 9)
    return Case("kill -9", f"{command[0]} {command[2] if len(command) > 2 else ''} 在第 {k} 次改名/删除时被杀",
                [command], fault=f"kill:{k}")


def disk_full(rnd, case_dir):
    issue = make_base(case_dir)
    _fixable(issue)
    (case_dir / "paste.txt").write_text(POLICY_TEXT, encoding="utf-8")
    command = rnd.choice(FAULT_COMMANDS)
    room = rnd.choice([0, 512, 4096, 20000, 60000, 150000])
    return Case("磁盘已满", f"{command[0]} {command[2] if len(command) > 2 else ''} 时磁盘只剩 {room} 字节",
                [command], fault=f"enospc:{room}")


GENERATORS = {
    "issue.toml 值越界": issue_toml_values, "issue.toml 损坏": issue_toml_damage, "文章损坏": article_damage,
    "文章超大": article_huge, "文章字段越界": article_fields, "文章编号异常": article_ids,
    "模板值越界": template_values, "模板损坏": template_damage, "导入文本": import_text, "导入网页": import_html,
    "导入 DOCX": import_docx, "导入 PDF": import_pdf, "特殊文件": special_file, "上一期损坏": neighbour_damage,
    "kill -9": kill_at_rename, "磁盘已满": disk_full,
}
POSIX_ONLY = {"特殊文件", "kill -9"}
# how often each kind is drawn in the long campaign (big inputs are slow: fewer of them)
WEIGHTS = {"文章超大": 4, "kill -9": 8, "磁盘已满": 6, "特殊文件": 10, "导入 DOCX": 8}


def generate(kind: str, rnd: random.Random, case_dir: Path) -> Case:
    return GENERATORS[kind](rnd, case_dir)
