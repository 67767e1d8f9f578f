"""A generated archive of issues, for the archive's tests and bench/archive_bench.py.

`make_archive(dest, issues=50)` writes `issues` weekly issues of 2023 (and on into the next years
when there are more than fit in one) as copies of the sample issue content/2023-29, each with its
own date, 期号, 总期号, titles and 文号, and bodies of its own: every article keeps the sample
article's outline (its numbering markers and standalone headings, so the numbering stays right),
while the text after each marker is a paragraph of the sample chosen by a hash of (issue, article,
paragraph) — so no two articles share more than a few paragraphs. One article is run again:
issue RERUN_IN (0-based) carries, as an extra article in 地方新政, the body of article
RERUN_ARTICLE of issue RERUN_OF, re-wrapped at 30 characters a line, its half-width commas (which
the earlier printing had) fixed, under another title and file name and without a 文号.

`Archive.expected` knows what each issue and article is, so tests can check what the index says
against what was written (the line of every paragraph is read back from the files, not assumed).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from editor.content import load_issue, render_article, save_issue
from editor.model import BlockKind, Column

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "2023-29"
FIRST_DATE = dt.date(2023, 1, 6)          # a Friday, as the bulletin comes out
FIRST_TOTAL = 112
RERUN_OF, RERUN_ARTICLE, RERUN_IN = 11, "03-上海数据要素", 39
RERUN_ID = "08-浦东数据要素再刊"
REGIONS = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
           "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
           "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
           "宁夏回族自治区", "新疆维吾尔自治区")
VERBS = ("关于", "进一步", "加快", "全面", "深化", "持续", "扎实", "统筹", "系统", "协同", "积极", "稳步", "大力", "切实",
         "着力", "有序")


@dataclass
class Article:
    issue: int
    id: str
    column: str
    title: str
    doc_number: str | None


@dataclass
class Archive:
    folder: Path
    issues: list[Path] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def issue_name(self, n: int) -> str:
        return self.issues[n].name


def _pick(pool: list[str], *key) -> str:
    digest = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=8).digest()
    return pool[int.from_bytes(digest, "big") % len(pool)]


def _date(n: int) -> dt.date:
    return FIRST_DATE + dt.timedelta(weeks=n)


def _number(n: int) -> int:
    """期号: restarts every year."""
    date = _date(n)
    return sum(1 for k in range(n + 1) if _date(k).year == date.year)


def _title(n: int, j: int, title: str) -> str:
    """A title of its own for article j of issue n: region and verb before the sample's subject line."""
    subject = title.split("\n")[-1].removeprefix("关于")
    region = REGIONS[(n + 3 * j) % len(REGIONS)]
    verb = VERBS[(n // len(REGIONS) + j) % len(VERBS)]
    return f"{region}{verb}{subject}（{_date(n).year}年第{_number(n)}期）"


def make_archive(dest: Path, issues: int = 50, templates: bool = True) -> Archive:
    """Write the archive into dest/content/<year>-<期号>/ (and the templates into dest/issue_templates)."""
    sample = load_issue(SAMPLE)
    pool = [b.content for a in sample.articles for b in a.body
            if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and len(b.content) > 40]
    content = dest / "content"
    content.mkdir(parents=True, exist_ok=True)
    if templates and not (dest / "issue_templates").exists():
        shutil.copytree(ROOT / "issue_templates", dest / "issue_templates")
    made = Archive(content)
    for n in range(issues):
        issue = copy.deepcopy(sample)
        del issue._origin                            # saved afresh, not compared with the sample's files
        issue.date, issue.number, issue.total_number = _date(n), _number(n), FIRST_TOTAL + n
        for j, article in enumerate(issue.articles):
            article.title = _title(n, j, article.title)
            article.toc_title = None
            if article.doc_number:
                agency = article.doc_number.split("〔")[0]
                article.doc_number = f"{agency}〔{issue.date.year}〕{n * 7 + j + 1}号"
            for k, block in enumerate(article.body):
                if block.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and len(block.content) > 40:
                    lead = block.text[:block.marker.length] if block.marker else ""
                    block.text = lead + _pick(pool, n, j, k)
            if n == RERUN_OF and article.id == RERUN_ARTICLE:
                # as the earlier printing had it: half-width commas, fixed when it is run again
                for block in article.body[:3]:
                    block.text = block.text.replace("，", ",", 2)
        folder = content / f"{issue.date.year}-{issue.number:02d}"
        save_issue(issue, folder)
        made.issues.append(folder)
        for column in issue.columns:
            for a in column.articles:
                made.articles.append(Article(n, a.id, column.name, a.display_title, a.doc_number))
    if issues > RERUN_IN:
        _rerun(made)
    return made


def wrap_paragraphs(text: str, width: int = 30) -> str:
    """Paragraphs (separated by blank lines) cut into lines of `width` characters, as a PDF copy leaves them."""
    out = []
    for para in text.split("\n\n"):
        if para.startswith((">", "|", "!", "#")) or "\n" in para or len(para) <= width:
            out.append(para)
        else:
            out.append("\n".join(para[i:i + width] for i in range(0, len(para), width)))
    return "\n\n".join(out)


def rewrap(text: str, width: int = 30) -> str:
    """An article file with its body paragraphs cut into lines of `width` characters."""
    head, sep, body = text.partition("\n+++\n")
    return head + sep + wrap_paragraphs(body, width)


def _rerun(made: Archive) -> None:
    """Issue RERUN_IN runs article RERUN_ARTICLE of issue RERUN_OF again (see the module's docstring)."""
    earlier = load_issue(made.issues[RERUN_OF]).article(RERUN_ARTICLE)
    issue = load_issue(made.issues[RERUN_IN])
    again = copy.deepcopy(earlier)
    again.id, again.doc_number = RERUN_ID, None
    again.title = "浦东新区发布数据要素市场建设专项措施"
    for block in again.body:
        block.text = block.text.replace(",", "，")
    column = next((c for c in issue.columns if c.name == "地方新政"), None)
    if column is None:
        column = Column("地方新政")
        issue.columns.append(column)
    column.articles.append(again)
    save_issue(issue, made.issues[RERUN_IN])
    path = made.issues[RERUN_IN] / "articles" / f"{RERUN_ID}.md"
    path.write_text(rewrap(render_article(again)), encoding="utf-8")
    made.articles.append(Article(RERUN_IN, RERUN_ID, "地方新政", again.display_title, None))
