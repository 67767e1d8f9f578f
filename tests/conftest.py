import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "2023-29"
SEED = ROOT.parent / "shared" / "seeds" / "000_5e77804f3660b616.txt"

# Fonts as on CI, whatever this machine has installed: none but the program's own. Set for the whole
# session (module-scoped fixtures build before any function-scoped fixture has run).
os.environ["BULLETIN_FONT_DIRS"] = ""


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Caches and autosaves of tests never touch the real user folders, and no installed font is seen.

    The font cache is shared across the session: converting fonts is slow and is tested on its own.
    """
    cache = tmp_path_factory.getbasetemp() / "shared-cache"
    monkeypatch.setenv("BULLETIN_CACHE_DIR", os.environ.get("BULLETIN_TEST_CACHE", str(cache)))
    monkeypatch.setenv("BULLETIN_FONT_DIRS", "")
    monkeypatch.setenv("BULLETIN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def sample_copy(tmp_path):
    """A writable copy of the sample issue, with the templates beside it."""
    dest = tmp_path / "content" / "2023-29"
    shutil.copytree(SAMPLE, dest)
    shutil.copytree(ROOT / "issue_templates", tmp_path / "issue_templates")
    return dest


MINI_ARTICLE = """+++
title = "关于测试的通知"
doc_number = "国办发〔2023〕1号"
+++

> 编者按。

前言段落。

一、总体要求

（一）指导思想。

（二）基本原则。加强统筹。

（来源：国务院办公厅）
"""


@pytest.fixture
def mini_issue(tmp_path):
    """A small valid issue next to a copy of the templates."""
    shutil.copytree(ROOT / "issue_templates", tmp_path / "issue_templates")
    folder = tmp_path / "content" / "mini"
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.toml").write_text(
        'template = "big-data-weekly"\ndate = 2023-12-29\nnumber = 52\ntotal_number = 163\n'
        'cover = "a1"\n\n[[columns]]\nname = "国策要论"\narticles = ["a1"]\n', encoding="utf-8")
    (folder / "articles" / "a1.md").write_text(MINI_ARTICLE, encoding="utf-8")
    return folder
