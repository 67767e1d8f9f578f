"""No damaged issue or template file gets past the loaders as anything but a Chinese error."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.content import load_issue
from editor.errors import ContentError, TemplateError
from editor.template import parse_template

from .conftest import ROOT, SAMPLE

TEMPLATE = ROOT / "issue_templates" / "big-data-weekly" / "template.toml"
ARTICLE = SAMPLE / "articles" / "01-网络安全保险.md"

# Damage that editors and disks actually do: cut a span, paste junk into it, double a line.
junk = st.text(alphabet=st.sampled_from(list('"=[]{}+>#|\\\n\r\t ,（）：0a一\x00\ufeff')), max_size=12)


def _damage(text: str, data) -> str:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    return text[:start] + data.draw(junk) + text[end:]


def _is_chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_issue_toml_or_article_loads_or_is_refused_in_chinese(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("damaged") / "issue"
    shutil.copytree(SAMPLE, folder)
    target = folder / data.draw(st.sampled_from(["issue.toml", f"articles/{ARTICLE.name}"]))
    target.write_text(_damage(target.read_text(encoding="utf-8"), data), encoding="utf-8")
    try:
        load_issue(folder)
    except ContentError as exc:
        message = str(exc)
        assert _is_chinese(message) and "Traceback" not in message
        assert any(p.file for p in exc.problems) or str(folder) in message


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_damaged_template_parses_or_is_refused_in_chinese(data):
    text = _damage(TEMPLATE.read_text(encoding="utf-8"), data)
    try:
        parse_template(text, Path("template.toml"))
    except TemplateError as exc:
        assert _is_chinese(str(exc))
