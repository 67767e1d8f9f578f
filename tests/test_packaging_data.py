"""What an installed wheel carries beside the package: the templates, which live outside editor/."""

import sys
import tomllib
from pathlib import Path

from editor.template import find_template, template_search_path

ROOT = Path(__file__).resolve().parent.parent


def test_every_template_folder_is_installed_with_the_wheel():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    for folder in sorted(p for p in (ROOT / "issue_templates").iterdir() if p.is_dir()):
        target = f"share/bulletin-editor/issue_templates/{folder.name}"
        assert data_files.get(target) == [f"issue_templates/{folder.name}/*"], folder.name
        assert not any(p.is_dir() for p in folder.iterdir()), f"{folder.name}: a subfolder needs its own entry"


def test_a_template_installed_under_the_prefix_is_found_outside_any_project(tmp_path, monkeypatch):
    import editor.template as template

    installed = tmp_path / "prefix" / "share" / "bulletin-editor" / "issue_templates" / "weekly"
    installed.mkdir(parents=True)
    (installed / "template.toml").write_text((ROOT / "issue_templates" / "big-data-weekly" / "template.toml")
                                             .read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    monkeypatch.setattr(template, "__file__", str(tmp_path / "site-packages" / "editor" / "template.py"))
    monkeypatch.delenv("BULLETIN_TEMPLATES", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    assert template_search_path(work)[-1] == installed.parent
    assert find_template("weekly", work) == installed / "template.toml"
