"""What 「复制为公众号格式」 puts on the clipboard: an article (or the whole issue) as a WeChat
fragment (text/html) and as plain text (text/plain). No Qt here: the desktop app sets the two.

The pictures the fragment shows (its QR code, the article's figures) are written to `folder`
and referred to by file address: the 公众号 editor does not take pictures from a paste, so the
editor uploads those files there, as with a fragment built into 公众号/.
"""

from __future__ import annotations

from pathlib import Path

from ...compose import compose
from ...records import record
from ...world import World
from . import FolderImages, _check_images, wechat
from .markup import read


@record
class Clip:
    """A fragment for the clipboard: its markup, its text, and the picture files it refers to."""

    html: str
    text: str
    pictures: list[Path]
    title: str                 # what was copied, for the status bar


def wechat_clip(opened, article_id: str | None, folder: Path) -> Clip:
    """The article `article_id` of `opened` (an OpenIssue), or the whole issue when None."""
    comp = compose(opened.issue, opened.template, World(opened.folder))
    _check_images(comp)
    view = read(comp)
    look = wechat.Look(comp.template)
    folder = Path(folder)
    images = FolderImages(folder, folder.resolve().as_uri() + "/")
    article = view.article(article_id) if article_id else None
    if article is not None:
        html = wechat.article(article, look, images)
        text, title = wechat.plain(article), article.head.contents_title
    else:
        html = wechat.issue(view, comp, look, images)
        text = "\n".join([comp.title, comp.issue_line, ""] + [wechat.plain(a) for a in view.articles()])
        title = f"{comp.title} {comp.issue_line}"
    return Clip(html, text, [folder / name for name in images.done.values()], title)
