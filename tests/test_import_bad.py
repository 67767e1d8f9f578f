"""Bad input: each gives a Chinese message naming the file, or a graceful result, quickly.

"Quickly" is measured so that a loaded machine cannot fail it: growth as the ratio of the CPU time
at 4n to that at n in one process (linear is about 4, quadratic 16), a bound as CPU time, not wall
time (2 cores shared by many runs made wall-time thresholds flake)."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.cli import main
from editor.errors import ImportError_
from editor.importers import article_from_text, import_file

from .conftest import SEED

# CPU time at 4n over CPU time at n: a linear step is about 4; a quadratic one 16
MAX_GROWTH = 8.0


def _cpu(fn) -> float:
    """The least CPU time of two runs of fn(): the process's own time, whatever else runs."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _growth(run, n: int) -> float:
    """CPU time of run(4n) over that of run(n)."""
    small = _cpu(lambda: run(n))
    return _cpu(lambda: run(4 * n)) / max(small, 1e-3)


def test_binary_junk_as_text(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(bytes(range(256)) * 200)
    with pytest.raises(ImportError_, match=r"junk\.txt.*二进制"):
        import_file(f)


def test_binary_junk_through_the_cli(tmp_path, capsys):
    f = tmp_path / "junk.html"
    f.write_bytes(b"\x00\x01\x02" * 5000)
    assert main(["import", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "junk.html" in err and "Traceback" not in err


def test_gbk_text_file(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("关于加强数据安全管理的通知\n\n一、总体要求\n\n（一）坚持安全发展。强化底线思维。\n".encode("gbk"))
    a = import_file(f).article
    assert a.title == "关于加强数据安全管理的通知" and len(a.body) == 2


def test_empty_and_missing_files(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(ImportError_, match="empty.txt"):
        import_file(f)
    with pytest.raises(ImportError_, match="找不到文件"):
        import_file(tmp_path / "none.txt")
    with pytest.raises(ImportError_, match="不支持的文件类型"):
        (tmp_path / "a.xyz").write_text("x", encoding="utf-8")
        import_file(tmp_path / "a.xyz")


def test_50_mb_paste_is_refused_quickly():
    text = ("为深入贯彻落实党中央决策部署，加快推进数据要素市场化配置改革，" * 30 + "\n\n") * 28000
    assert len(text.encode("utf-8")) > 50 * 1024 * 1024 - 5 * 1024 * 1024
    start = time.process_time()
    with pytest.raises(ImportError_, match="过长"):
        article_from_text(text)
    assert time.process_time() - start < 2     # refused on its length, before any parsing


def test_large_paste_takes_linear_time():
    """About 1 MB without a single sentence end: one paragraph, joined in linear time."""
    def paste(n: int) -> str:
        lines = [f"加快推进数据要素市场化配置改革并健全数据基础制度的第{i}项任务和" for i in range(n)]
        return "关于数据的意见\n\n" + "\n".join(lines)

    text = paste(10000)
    a = article_from_text(text).article
    assert len(a.body) == 1 and a.body[0].text == "".join(text.split("\n")[2:])
    growth = _growth(lambda n: article_from_text(paste(n)), 2500)
    assert growth < MAX_GROWTH, growth


@pytest.mark.skipif(not SEED.exists(), reason="seed text not available")
def test_seed_repeated_as_one_paste_is_fast():
    seed = SEED.read_text(encoding="utf-8")
    r = article_from_text(seed * 12)                  # ~1 MB of real text
    assert len(r.article.body) > 1000
    growth = _growth(lambda n: article_from_text(seed * n), 3)
    assert growth < MAX_GROWTH, growth


def test_html_with_external_entities_is_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT", encoding="utf-8")
    f = tmp_path / "xxe.html"
    f.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<html><body><h1>关于测试的通知</h1><p>正文&xxe;内容&lol2;。</p>
<img src="http://127.0.0.1:9/x.png"/><p>一、总体要求</p></body></html>""", encoding="utf-8")
    a = import_file(f).article
    dumped = " ".join(b.text for b in a.body)
    assert "TOPSECRET" not in dumped and "lollol" not in dumped
    assert a.title == "关于测试的通知"


def test_deeply_nested_html_is_graceful(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 5000 + "<p>关于测试的通知</p><p>正文。</p>" + "</div>" * 5000
                 + "</body></html>", encoding="utf-8")
    start = time.process_time()
    try:
        a = import_file(f).article
        assert "正文" in " ".join(b.text for b in a.body) or "正文" in a.title
    except ImportError_ as exc:
        assert "deep.html" in str(exc)
    assert time.process_time() - start < 10


def test_big_html_table_page_is_linear(tmp_path):
    def page(n: int):
        rows = "".join(f"<tr><td>项目{i}</td><td>{i}</td></tr>" for i in range(n))
        f = tmp_path / f"big{n}.html"
        f.write_text(f"<html><body><h1>统计表</h1><table>{rows}</table></body></html>", encoding="utf-8")
        return f

    small, large = page(2000), page(8000)
    assert len(import_file(large).article.body[0].rows) == 8000
    growth = _cpu(lambda: import_file(large)) / max(_cpu(lambda: import_file(small)), 1e-3)
    assert growth < MAX_GROWTH, growth

_PIECES = st.sampled_from(["（", "）", "(", ")", "一、", "（一）", "1.", "1", "．", "第一条 ", "第二章 ", "来源：", "（来源：国务院）",
                           "编者按", "附件：", "2023年7月1日", "〔2023〕5号", "- ", "扫描二维码", "原文链接：http://a.cn/x",
                           "|", "#", ">", "+++", "。", "，", "；", "：", " ", "　", "\n", "\n\n", "数据", "国 家 局", "— 3 —",
                           "关于加强管理的通知", "各单位：", "加强统筹协调", "AI", "3.5", "\x00", "\ufeff"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60))
def test_any_paste_gives_an_article_or_a_chinese_message(pieces):
    text = "".join(pieces)
    try:
        r = article_from_text(text)
    except ImportError_ as exc:
        assert "读回" not in str(exc)      # a result we could not read back would be our bug
        return
    assert r.article.title.strip()
    assert r.cleaned_text.startswith("+++\n")


def test_utf8_text_cut_inside_its_last_character_is_still_utf8():
    from editor.importers import decode_text

    data = "关于促进数据要素流通的通知\n现将有关事项通知如下。".encode("utf-8")
    assert decode_text(data[:-1], "cut.txt") == "关于促进数据要素流通的通知\n现将有关事项通知如下"
    assert decode_text("数据要素".encode("gb18030"), "gbk.txt") == "数据要素"


def test_pages_that_are_no_document_get_a_message_and_big_pages_a_result_in_time(tmp_path):
    """Junk, a page of nothing but chrome, a 5 MB page (scripts, a data: image and a long menu around a
    short notice), a page of millions of characters, a page with two notices one after the other."""
    import base64
    import os

    from editor.importers import import_file

    chrome = ('<html><head><title>首页_某某市人民政府</title></head><body><div class="nav"><a href="/">首页</a>'
              '<a href="/a">政务公开</a><a href="/b">政策</a></div><div class="footer">主办单位：某某市人民政府办公室 '
              '版权所有</div></body></html>')
    notice = ('<h1>关于加强数据安全管理的通知</h1><p>各单位：</p>' + '<p>为进一步加强数据安全管理，现提出如下意见。</p>' * 40
              + '<p>某某局</p><p>2023年5月1日</p>')
    big = ('<html><head><script>var a="' + base64.b64encode(os.urandom(3_500_000)).decode() + '";</script></head><body>'
           '<div class="nav">' + '<a href="/x">栏目</a>' * 20000 + '</div><div class="content">' + notice
           + '</div></body></html>')
    wordy = '<html><body><div class="content">' + '<p>为进一步加强数据安全管理，现提出如下意见。</p>' * 120000 + '</div></body></html>'
    two = ('<html><body><div class="content"><h1>关于甲的通知</h1><p>各单位：</p><p>' + '甲事项的要求。' * 30
           + '</p><p>某某局</p><p>2023年5月1日</p><h1>关于乙的通知</h1><p>' + '乙事项的要求。' * 30
           + '</p><p>某某局</p><p>2023年5月2日</p></div></body></html>')
    pages = {"junk.html": os.urandom(3000), "chrome.html": chrome.encode(), "big.html": big.encode(),
             "wordy.html": wordy.encode(), "two.html": two.encode()}
    for name, data in pages.items():
        (tmp_path / name).write_bytes(data)
    for name, says in (("junk.html", "二进制"), ("chrome.html", "没有找到正文"), ("wordy.html", "文字过多")):
        with pytest.raises(ImportError_) as err:
            import_file(tmp_path / name)
        assert says in str(err.value) and name in str(err.value)
    a = import_file(tmp_path / "big.html").article
    assert a.title == "关于加强数据安全管理的通知" and (a.signature, a.date) == ("某某局", "2023年5月1日")
    # two notices in one page: the first is the article, the second stays in its body for the editor
    a = import_file(tmp_path / "two.html").article
    assert a.title == "关于甲的通知" and a.date == "2023年5月1日"
    assert any(b.text == "关于乙的通知" for b in a.body)
