"""The sample issue content/2023-29 is the seed issue, faithfully: same words, same quirks."""

from __future__ import annotations

import re

import pytest

from editor.content import load_issue, save_issue
from editor.model import BlockKind

from .conftest import SAMPLE, SEED


def _squash(text: str) -> str:
    """Text with every kind of white space removed: what survives re-flowing."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample():
    return load_issue(SAMPLE)


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip("种子文本不在 ../shared/seeds/")
    text = SEED.read_text(encoding="utf-8")
    # What PDF extraction added and the sample rightly left out.
    text = re.sub(r"(?m)^- ", "", text)
    return _squash(text.replace("扫描二维码", "").replace("阅读全文", ""))


def test_every_paragraph_of_every_article_is_in_the_seed_verbatim(sample, seed_text):
    for article in sample.articles:
        for block in [*article.editor_note, *article.body]:
            assert _squash(block.text) in seed_text, (article.id, block.text[:40])
        assert _squash(article.source.text) in seed_text
        if article.doc_number:
            assert _squash(article.doc_number) in seed_text
        assert _squash(article.title) in seed_text


def test_each_article_body_is_one_unbroken_run_of_the_seed(sample, seed_text):
    """Nothing dropped or reordered inside an article: its blocks, joined, are one stretch of the seed."""
    for article in sample.articles:
        body = "".join(_squash(b.text) for b in article.body)
        if article.link:  # the QR caption stood between the first and second paragraph
            assert _squash(article.body[0].text) + _squash("".join(b.text for b in article.body[1:])) == body
        assert body in seed_text, article.id


def test_the_originals_own_inconsistencies_are_kept(sample):
    texts = {a.id: "\n".join(b.text for b in a.body) for a in sample.articles}
    assert "(七) 推广网络安全保险服务应用" in texts["01-网络安全保险"]
    assert "（一）完善网络安全保险政策制度" in texts["01-网络安全保险"]
    assert "平台 and 孪生数字底座" in texts["06-深圳数字孪生"]
    assert "鼓励数据交易所支持企业流通交易优质数据,对浦东企业" in texts["03-上海数据要素"]
    sources = [a.source.text for a in sample.articles]
    assert {"(来源：工业和信息化部)", "(来源:上海市浦东新区科技和经济委员会)", "（来源：国家发展改革委）"} <= set(sources)
    assert sample.article("05-重庆智能建造").doc_number == "渝府办发〔2023〕53 号"


def test_no_paragraph_is_broken_mid_sentence(sample):
    """A body paragraph ends with closing punctuation unless it is a heading standing alone."""
    for article in sample.articles:
        for block in article.body:
            if block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING):
                continue
            assert block.text[-1] in "。；;：:！？!?）)”", (article.id, block.text[-30:])


def test_structure_of_the_sample(sample):
    assert [(c.name, len(c.articles)) for c in sample.columns] == [("国策要论", 2), ("地方新政", 4), ("前沿观察", 1)]
    assert sum(a.has_editor_note for a in sample.articles) == 6
    assert sample.article("01-网络安全保险").addressee.endswith("各相关单位：")
    assert sample.article("07-可信AI白皮书").link
    assert sample.cover_headline.replace("\n", "") == "中国（上海）自由贸易试验区专项发展资金支持数据要素市场发展实施细则"


def test_sample_saves_byte_identical(sample_copy):
    before = {p.relative_to(sample_copy): p.read_bytes() for p in sample_copy.rglob("*") if p.is_file()}
    issue = load_issue(sample_copy)
    assert save_issue(issue, sample_copy) == []
    issue_elsewhere = sample_copy.parent / "copy"
    save_issue(issue, issue_elsewhere)
    after = {p.relative_to(issue_elsewhere): p.read_bytes() for p in issue_elsewhere.rglob("*") if p.is_file()}
    assert after == before
