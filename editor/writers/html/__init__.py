"""HTML writer: the web edition of an issue and its WeChat 公众号 fragments.

`bulletin build DIR --format html` writes the folder OUT/<stem>/:

    index.html                 the web edition, one self-contained page (web.py)
    公众号/00-整期.html          the whole issue as one WeChat fragment (wechat.py)
    公众号/NN-<article>.html     each article as one
    公众号/图片/…               the pictures and QR codes those fragments show, to upload with them

A fragment file starts with a UTF-8 byte order mark, so that a browser opening it (to copy it
from there) reads its Chinese right; the fragment itself is only the <section>.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...compose import Composition, Image, safe_file_stem
from ...errors import ExportError
from .. import Target, Writer, WriterReport
from . import web, wechat
from .markup import IssueView, read

WECHAT_DIR = "公众号"
IMAGES_DIR = "图片"
ISSUE_FRAGMENT = "00-整期.html"
BOM = "\ufeff"


class HtmlFormat(Writer):
    """The web edition and the WeChat fragments."""

    format = "html"
    folder = True

    def render(self, composition: Composition, target: Target) -> WriterReport:
        _check_images(composition)
        target.step(0.1, "正在生成网页版")
        view = read(composition)
        root = Path(target.path)
        (root / "index.html").write_text(web.page(view, composition), encoding="utf-8")
        target.step(0.6, "正在生成公众号格式")
        files = write_wechat(view, composition, root / WECHAT_DIR)
        target.step(1.0, "完成")
        return WriterReport(files=[root / "index.html", *files])


class FolderImages(wechat.Images):
    """Pictures copied into one folder next to the fragments, named so that they sort and never clash."""

    def __init__(self, folder: Path, prefix: str):
        self.folder, self.prefix = folder, prefix
        self.done: dict[str, str] = {}

    def _name(self, key: str, name: str) -> str:
        if key not in self.done:
            self.done[key] = f"{len(self.done) + 1:02d}-{safe_file_stem(name)}"
        return self.done[key]

    def picture(self, path: Path) -> str:
        new = str(path) not in self.done
        name = self._name(str(path), path.name)
        if new:
            import shutil

            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, self.folder / name)
        return f"{self.prefix}{name}"

    def qr(self, url: str) -> str:
        from ..qrcode import png, qr_matrix

        new = "qr:" + url not in self.done
        name = self._name("qr:" + url, "二维码.png")
        if new:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / name).write_bytes(png(qr_matrix(url)))
        return f"{self.prefix}{name}"


def write_wechat(view: IssueView, comp: Composition, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    look = wechat.Look(comp.template)
    images = FolderImages(folder / IMAGES_DIR, f"{IMAGES_DIR}/")
    files, fragments = [], []
    for a in view.articles():
        stem = re.sub(r"^\d+[-_ ]", "", safe_file_stem(a.head.article_id)) or "文章"
        fragments.append(wechat.article(a, look, images))
        files.append(folder / f"{a.number:02d}-{stem}.html")
        files[-1].write_text(BOM + fragments[-1] + "\n", encoding="utf-8")
    whole = folder / ISSUE_FRAGMENT
    whole.write_text(BOM + wechat.issue(view, comp, look, images, fragments) + "\n", encoding="utf-8")
    return [whole, *files]


def _check_images(comp: Composition) -> None:
    """Every picture exists before anything is written."""
    missing = [f"{e.where}: " * bool(e.where) + f"找不到图片“{e.path}”"
               for e in comp.elements if isinstance(e, Image) and not e.path.is_file()]
    if missing:
        raise ExportError("\n".join(missing) + "\n请检查文章中的图片路径，或把图片放到该位置")


__all__ = ["HtmlFormat", "write_wechat", "FolderImages"]
