"""The archive of every issue (issue #18): the index, search, and articles already published.

The archive is generated (tests/archive_support.py): 50 weekly issues of 2023 made from the sample,
each with its own dates, numbers, titles, 文号 and bodies, and one article run again in issue 40.
What the index says is checked against what the files say, read independently (load_issue, and
the files' own lines), never against numbers written into the test.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from editor.archive import Archive, forget_open_archives, open_archive, similarity
from editor.archive.store import SCHEMA_VERSION
from editor.checks.framework import Context
from editor.checks.published import check_already_published
from editor.cli import main
from editor.content import load_issue
from editor.project import open_issue
from editor.world import World

from . import archive_support as support
from .conftest import ROOT


@pytest.fixture(scope="session")
def archive50(tmp_path_factory):
    """The generated archive of 50 issues: read it, never change it (see `small` for that)."""
    return support.make_archive(tmp_path_factory.mktemp("archive50"), 50)


@pytest.fixture(scope="session")
def index50(archive50, tmp_path_factory):
    """The archive of 50 issues indexed once, in a database of its own."""
    archive = Archive(archive50.folder, database=tmp_path_factory.mktemp("index50") / "index.sqlite3")
    archive.refresh()
    return archive


@pytest.fixture(scope="session")
def texts50(archive50):
    return _texts(archive50.folder)


@pytest.fixture
def small(tmp_path):
    """Three issues to change."""
    return support.make_archive(tmp_path, 3)


def _db(tmp_path: Path, name: str = "index.sqlite3") -> Path:
    return tmp_path / "db" / name


def _texts(folder: Path) -> dict[tuple[str, str], str]:
    """Every article's searchable text as the content loader reads it: (issue, article id) → text."""
    out = {}
    for issue_folder in sorted(p for p in folder.iterdir() if (p / "issue.toml").is_file()):
        issue = load_issue(issue_folder)
        for a in issue.articles:
            parts = [a.display_title, a.doc_number or "", *(b.text for b in a.editor_note),
                     *(b.text for b in a.body), a.source.text if a.source else ""]
            out[(issue_folder.name, a.id)] = "\n".join(parts)
    return out


def _text_at(path: Path, line: int, column: int, length: int) -> str:
    """`length` characters of the file from line:column on, across its line breaks (a wrapped paragraph)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    text = lines[line - 1][column - 1:]
    k = line
    while len(text) < length and k < len(lines):
        text += lines[k].strip()
        k += 1
    return text[:length]


# ---------------------------------------------------------------- search

@pytest.mark.parametrize("word", ["数据要素", "算力", "网络安全保险", "浦东新区发布数据要素市场建设专项措施"])
def test_search_finds_every_article_that_has_the_word_and_points_at_it(archive50, index50, texts50, word):
    result = index50.search(word, limit=None)
    expected = {key for key, text in texts50.items() if word.lower() in text.lower()}
    assert expected, word
    assert {(h.folder, h.article) for h in result.hits} == expected
    assert result.total == len(expected)
    dates = [h.date for h in result.hits]
    assert dates == sorted(dates, reverse=True)              # newest first
    for hit in result.hits:
        assert hit.label.startswith(f"{hit.year}年第{hit.number}期 · {hit.column} · ")
        for m in hit.matches[:5]:
            assert _text_at(archive50.folder / hit.path, m.line, m.column, len(word)) == word, (hit.path, m)
            assert m.snippet[m.start:m.end] == word


def test_search_in_a_column_and_a_year_and_several_words(archive50, index50, texts50):
    archive, texts = index50, texts50
    columns = {(f.name, a.id): c.name for f in archive50.issues for c in load_issue(f).columns for a in c.articles}
    hits = archive.search("数据 要素", column="地方新政", year=2023, limit=None).hits
    assert {(h.folder, h.article) for h in hits} == {
        k for k, t in texts.items() if "数据" in t and "要素" in t and columns[k] == "地方新政"}
    assert archive.search("数据要素", year=2022).hits == []
    one = archive.search("要", limit=3)        # one character: scanned, still located
    assert len(one.hits) == 3 and one.total == sum("要" in t for t in texts.values())


def test_search_command_text_and_json(archive50, capsys, monkeypatch):
    monkeypatch.chdir(archive50.folder.parent)
    assert main(["search", "浦东新区发布数据要素", "--in", "content"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "2023年第40期 · 地方新政 · 浦东新区发布数据要素市场建设专项措施"
    assert f"content/2023-40/articles/{support.RERUN_ID}.md:2:" in out
    assert "共 1 篇文章" in err
    assert main(["search", "数据要素", "--in", "content", "--format", "json", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr()[0])
    assert data["total"] > 2 and len(data["hits"]) == 2
    first = data["hits"][0]
    assert first["issue"] == "2023-50" and first["file"].startswith("content/2023-50/articles/")
    assert main(["search", "数据要素", "--in", "没有这个文件夹"]) == 2
    assert "找不到存放各期的文件夹" in capsys.readouterr()[1]


# ---------------------------------------------------------------- already published

def test_already_published_fires_on_the_rerun_article_only(archive50):
    fired = []
    for folder in archive50.issues:
        opened = open_issue(folder)
        ctx = Context(opened.issue, opened.template, World.of(folder))
        fired += [(folder.name, d) for d in check_already_published(ctx)]
    assert [(name, d.article_id) for name, d in fired] == [("2023-40", support.RERUN_ID)]
    d = fired[0][1]
    earlier = load_issue(archive50.issues[support.RERUN_OF]).article(support.RERUN_ARTICLE)
    assert d.message.startswith(f"该文已刊于 2023年第12期（总第123期）《{earlier.display_title}》")
    assert "正文几乎相同" in d.message and d.severity == "warning"
    [related] = d.related
    assert related.location.file == f"../2023-12/articles/{support.RERUN_ARTICLE}.md"
    assert (archive50.issues[support.RERUN_IN] / related.location.file).is_file()


def _issue(folder: Path, date: str, number: int, total: int, articles: dict[str, str]) -> Path:
    (folder / "articles").mkdir(parents=True)
    ids = ", ".join(f'"{k}"' for k in articles)
    (folder / "issue.toml").write_text(
        f'template = "big-data-weekly"\ndate = {date}\nnumber = {number}\ntotal_number = {total}\n\n'
        f'[[columns]]\nname = "地方新政"\narticles = [{ids}]\n', encoding="utf-8")
    for k, text in articles.items():
        (folder / "articles" / f"{k}.md").write_text(text, encoding="utf-8")
    return folder


def _article(title: str, body: str, doc_number: str | None = None) -> str:
    head = f'title = "{title}"\n' + (f'doc_number = "{doc_number}"\n' if doc_number else "")
    return f"+++\n{head}+++\n\n{body}\n\n（来源：重庆市人民政府）\n"


SAMPLE_ARTICLES = ROOT / "content" / "2023-29" / "articles"


def _body(name: str) -> str:
    return load_issue(ROOT / "content" / "2023-29").article(name).body[0].text


def test_already_published_by_doc_number_written_another_way_by_title_and_not_by_another_doc_number(tmp_path):
    content = tmp_path / "content"
    shutil_copy_templates(tmp_path)
    a, b, c = _body("04-川渝自贸"), _body("05-重庆智能建造"), _body("06-深圳数字孪生")
    _issue(content / "2023-12", "2023-03-24", 12, 123, {
        "a": _article("川渝自由贸易试验区协同开放示范区深化改革创新行动方案", a, "渝府办发〔2023〕51号"),
        "b": _article("重庆市智能建造试点城市建设实施方案", b),
        "c": _article("深圳市数字孪生先锋城市建设行动计划", c, "深府办〔2023〕5号")})
    later = _issue(content / "2023-40", "2023-10-06", 40, 151, {
        "a2": _article("另一个标题的同一文件", b + "又一段。", "渝府办发[2023]51 号"),
        "b2": _article("重庆市智能建造试点城市建设实施方案", a),
        "c2": _article("深圳市数字孪生先锋城市建设行动计划", c, "深府办〔2024〕9号")})
    opened = open_issue(later)
    found = {d.article_id: d for d in check_already_published(Context(opened.issue, opened.template, World.of(later)))}
    assert set(found) == {"a2", "b2"}
    assert found["a2"].message.endswith("，文号相同") and found["a2"].field == "doc_number"
    assert "《川渝自由贸易试验区协同开放示范区深化改革创新行动方案》" in found["a2"].message
    assert found["b2"].message.endswith("，标题相同") and found["b2"].field == "title"
    # an earlier issue only: the same check of the first issue finds nothing
    first = open_issue(content / "2023-12")
    assert not list(check_already_published(Context(first.issue, first.template, World.of(content / "2023-12"))))


def shutil_copy_templates(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "issue_templates", tmp_path / "issue_templates")


def test_import_says_when_the_article_was_published_before(small, tmp_path, capsys):
    earlier = load_issue(small.issues[0]).article("06-深圳数字孪生")
    paste = tmp_path / "深圳.txt"
    body = "\n\n".join(b.text.replace("，", ",") for b in earlier.body)
    paste.write_text(f"{earlier.display_title}\n\n{support.wrap_paragraphs(body, 28)}\n", encoding="utf-8")
    assert main(["import", str(paste), "--into", str(small.issues[2])]) == 0
    out = capsys.readouterr()[0]
    assert f"该文已刊于 2023年第1期（总第112期）《{earlier.display_title}》" in out
    assert "2023-01/articles/06-深圳数字孪生.md:" in out


# ---------------------------------------------------------------- similarity

def test_similarity_survives_rewrapping_and_punctuation_fixes_and_tells_documents_apart():
    issue = load_issue(ROOT / "content" / "2023-29")
    texts = ["\n".join(b.text for b in a.body) for a in issue.articles]
    for text in texts:
        mangled = text.replace("，", ",").replace("；", ";").replace("（", "(").replace("）", ")")
        mangled = "\n".join(mangled[i:i + 31] for i in range(0, len(mangled), 31))
        assert similarity.jaccard(similarity.sketch(text), similarity.sketch(mangled)) == 1.0
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert similarity.jaccard(similarity.sketch(a), similarity.sketch(b)) < 0.2
    assert similarity.normalise("渝府办发〔２０２３〕５３ 号，Ａb") == "渝府办发202353号ab"
    assert similarity.sketch("太短的正文。") is None


def test_a_body_as_indexed_takes_its_sketch_from_the_index_and_an_edited_one_is_sketched_afresh(archive50, index50):
    from editor.archive.published import _sketch, body_text

    conn = index50.store.conn
    issue = load_issue(archive50.issues[support.RERUN_IN])
    for article in issue.articles:
        assert _sketch(conn, article) == similarity.sketch(body_text(article))
        assert conn.execute("SELECT count(*) FROM articles WHERE body_key = ?",
                            (similarity.text_key(body_text(article)),)).fetchone()[0] >= 1
    article = issue.articles[0]
    article.body[0].text = article.body[0].text + "本段在编辑器里改过，索引中还没有。" * 3
    key = similarity.text_key(body_text(article))
    assert conn.execute("SELECT count(*) FROM articles WHERE body_key = ?", (key,)).fetchone()[0] == 0
    assert _sketch(conn, article) == similarity.sketch(body_text(article))
    short = issue.articles[1]
    short.body[:] = short.body[:1]
    short.body[0].text = "太短的正文。"
    assert _sketch(conn, short) is None


def test_the_order_of_results_kept_between_searches_follows_changes_to_the_index(small, tmp_path):
    archive = Archive(small.folder, database=_db(tmp_path))
    archive.refresh()

    def folders(**kw) -> list[str]:
        return list(dict.fromkeys(h.folder for h in archive.search("网络安全保险", **kw).hits))

    assert folders() == ["2023-03", "2023-02", "2023-01"]
    toml = small.issues[0] / "issue.toml"
    text = toml.read_text(encoding="utf-8")
    date = next(line for line in text.splitlines() if line.startswith("date"))
    toml.write_text(text.replace(date, "date = 2023-12-29"), encoding="utf-8")
    archive.refresh()
    assert folders() == ["2023-01", "2023-03", "2023-02"]
    assert folders(year=2023, limit=1) == ["2023-01"]


def test_candidates_kept_between_questions_follow_changes_to_the_index(tmp_path):
    """The sketch values' articles are kept from one question to the next, and forgotten when the
    index changes: a write of this connection, or a commit of another process's."""
    from editor.archive.published import Candidates

    db = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE sketch(value INTEGER NOT NULL, article INTEGER NOT NULL)")
    conn.executemany("INSERT INTO sketch VALUES (?, ?)", [(v, 1) for v in range(10)] + [(v, 2) for v in range(4)])
    candidates = Candidates()
    assert candidates.sharing(conn, list(range(10)), 5) == [1]
    conn.executemany("INSERT INTO sketch VALUES (?, ?)", [(v, 3) for v in range(2, 9)])
    assert candidates.sharing(conn, list(range(10)), 5) == [1, 3]
    other = sqlite3.connect(db, isolation_level=None)
    other.executemany("INSERT INTO sketch VALUES (?, ?)", [(v, 2) for v in range(4, 8)])
    other.close()
    assert candidates.sharing(conn, list(range(10)), 5) == [1, 2, 3]
    assert candidates.sharing(conn, [0, 1, 2, 3, 100], 3) == [1, 2]
    conn.close()


# ---------------------------------------------------------------- incremental

def test_reindexing_reads_only_the_file_that_changed(small, tmp_path):
    db = _db(tmp_path)
    report = Archive(small.folder, database=db).refresh()
    assert report.issues == 3 and report.articles == 21 and len(report.read) == 24 and not report.notices
    archive = Archive(small.folder, database=db)             # a later process: nothing to read
    assert archive.refresh().read == []
    changed = small.issues[1] / "articles" / "03-上海数据要素.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n新增的一段：数据资产入表试点。\n", encoding="utf-8")
    report = archive.refresh()
    assert report.read == ["2023-02/articles/03-上海数据要素.md"]
    [hit] = archive.search("数据资产入表试点").hits
    assert (hit.folder, hit.article) == ("2023-02", "03-上海数据要素")
    assert _text_at(changed, hit.matches[0].line, hit.matches[0].column, 8) == "数据资产入表试点"
    os.utime(small.issues[0] / "issue.toml")                  # touched, same bytes: hashed, not parsed
    assert archive.refresh().read == []


def test_an_edit_that_keeps_size_and_time_is_seen_when_it_came_soon_after_indexing(small, tmp_path):
    archive = Archive(small.folder, database=_db(tmp_path))
    archive.refresh()
    path = small.issues[2] / "articles" / "07-可信AI白皮书.md"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("白皮书", "蓝皮书", 1), encoding="utf-8")      # same length in bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert archive.refresh().read == ["2023-03/articles/07-可信AI白皮书.md"]


def test_removed_and_broken_issues_and_articles_are_said_and_skipped(small, tmp_path):
    archive = Archive(small.folder, database=_db(tmp_path))
    archive.refresh()
    (small.issues[0] / "issue.toml").write_text("template = \n", encoding="utf-8")
    broken = small.issues[1] / "articles" / "02-电子产品消费.md"
    broken.write_text("没有信息区的文章\n", encoding="utf-8")
    report = archive.refresh()
    assert report.issues == 2 and report.articles == 13
    assert any("2023-01" in n and "issue.toml:1" in n for n in report.notices), report.notices
    assert any("2023-02/articles/02-电子产品消费.md:1" in n for n in report.notices), report.notices
    assert {h.folder for h in archive.search("网络安全保险", limit=None).hits} == {"2023-02", "2023-03"}
    again = archive.refresh()                                 # still said, without reading them again
    assert again.read == [] and len(again.notices) == 2
    import shutil

    shutil.rmtree(small.issues[2])
    report = archive.refresh()
    assert report.removed == 1 and {h.folder for h in archive.search("网络安全保险", limit=None).hits} == {"2023-02"}


# ---------------------------------------------------------------- a damaged index

def _damage_truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 3])


def _damage_garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all" * 100)


def _damage_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("damage, said", [(_damage_truncate, "检索索引"), (_damage_garbage, "不是数据库文件"),
                                          (_damage_version, "格式版本")])
def test_a_damaged_index_is_rebuilt_with_a_notice(small, tmp_path, damage, said):
    db = _db(tmp_path)
    first = Archive(small.folder, database=db)
    first.refresh()
    first.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    damage(db)
    archive = Archive(small.folder, database=db)
    archive.refresh()
    assert any(said in n and "重新建立" in n for n in archive.skipped), archive.skipped
    assert {h.folder for h in archive.search("网络安全保险", limit=None).hits} == {"2023-01", "2023-02", "2023-03"}


def test_an_index_locked_by_another_process_is_left_alone(small, tmp_path, monkeypatch):
    from editor.archive import store

    db = _db(tmp_path)
    Archive(small.folder, database=db).refresh()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.2)
    try:
        archive = Archive(small.folder, database=db)
        archive.refresh()
        assert any("另一个程序" in n for n in archive.skipped), archive.skipped
        assert {h.folder for h in archive.search("网络安全保险").hits} == {"2023-01", "2023-02", "2023-03"}
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_new_index_another_process_is_creating_is_waited_for_not_taken_for_locked(small, tmp_path):
    """The race behind two processes both indexing everything: putting a new database in WAL mode is
    itself a write in rollback mode (its first page), and while one process holds that lock SQLite
    refuses the other's change of mode at once, without its busy handler. That refusal is waited out,
    and the index opened is the file, not one in memory."""
    import threading

    db = _db(tmp_path)
    db.parent.mkdir(parents=True)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")          # a write in rollback mode, as the first one's change to WAL
    holder.execute("CREATE TABLE creating(x)")
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        archive = Archive(small.folder, database=db)
        assert archive.skipped == [] and archive.store.path == db
        assert len(archive.refresh().read) == 24
    finally:
        release.join()
        holder.close()


INDEX_IN_A_PROCESS = """
import sys
sys.path.insert(0, {root!r})
from editor.archive import Archive
report = Archive({folder!r}, database=__import__("pathlib").Path({db!r})).refresh()
print(report.articles, len(report.read))
"""


def test_two_processes_indexing_at_once_leave_one_sound_index(small, tmp_path):
    db = _db(tmp_path)
    code = INDEX_IN_A_PROCESS.format(root=str(ROOT), folder=str(small.folder), db=str(db))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    reads = sorted(int(out.split()[1]) for out, _ in outs)
    assert reads == [0, 24]                 # one indexed everything, the other found nothing left to do
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 21
    assert conn.execute("SELECT count(*) FROM articles GROUP BY issue, stem HAVING count(*) > 1").fetchall() == []
    conn.close()
    archive = Archive(small.folder, database=db)
    assert archive.refresh().read == []
    assert {h.folder for h in archive.search("网络安全保险").hits} == {"2023-01", "2023-02", "2023-03"}


def test_open_archive_is_one_per_folder_and_a_missing_folder_is_a_chinese_error(small, tmp_path):
    forget_open_archives()
    assert open_archive(small.folder) is open_archive(str(small.folder))
    from editor.errors import ContentError

    with pytest.raises(ContentError, match="找不到存放各期的文件夹"):
        open_archive(tmp_path / "nowhere")



def test_importing_a_whole_bulletin_says_which_articles_ran_before(tmp_path, capsys):
    """The seed (the text of the printed 2023年第29期) imported beside a copy of the sample dated a week
    earlier: its articles, by their 文号 or titles, ran in that copy."""
    import shutil

    from .conftest import SAMPLE, SEED

    if not SEED.is_file():
        pytest.skip("the seed bulletin is not here")
    shutil.copytree(ROOT / "issue_templates", tmp_path / "issue_templates")
    earlier = tmp_path / "content" / "2023-28"
    shutil.copytree(SAMPLE, earlier)
    toml = earlier / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2023-07-21", "2023-07-14")
                    .replace("number = 29", "number = 28").replace("total_number = 140", "total_number = 139"),
                    encoding="utf-8")
    assert main(["import", str(SEED), "-o", str(tmp_path / "content" / "2023-29")]) == 0
    out = capsys.readouterr()[0]
    said = [line for line in out.splitlines() if "该文已刊于 2023年第28期（总第139期）" in line]
    assert len(said) >= 5, out
