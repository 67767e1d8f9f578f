"""「复制为公众号格式」: the current article, or the whole issue, onto the clipboard as rich text
(text/html and text/plain) ready to paste into the WeChat 公众号 editor (writers/html/clipboard)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from ..compose import safe_file_stem
from ..errors import BulletinError
from ..paths import cache_dir


def copy_wechat(win) -> None:
    doc = win.doc
    if doc is None:
        return
    from ..writers.html.clipboard import wechat_clip

    article = win.editor.current_article() if win.current_kind() == "article" else None
    folder = cache_dir() / "公众号" / safe_file_stem(doc.folder.name if doc.folder else "未保存")
    try:
        clip = wechat_clip(doc.opened(), article.id if article else None, folder)
    except (BulletinError, OSError) as exc:
        win.statusBar().showMessage(f"无法复制为公众号格式：{exc}".splitlines()[0], 10000)
        return
    mime = QMimeData()
    mime.setHtml(clip.html)
    mime.setText(clip.text)
    QGuiApplication.clipboard().setMimeData(mime)
    note = f"；其中 {len(clip.pictures)} 张图片（二维码、插图）请在公众号编辑器中上传，文件在 {folder}" if clip.pictures else ""
    win.statusBar().showMessage(f"已把“{clip.title}”复制为公众号格式，可在公众号编辑器中粘贴{note}", 15000)
