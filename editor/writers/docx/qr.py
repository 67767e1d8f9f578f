"""QR codes for the DOCX as small PNG files, without Pillow: the writers' shared editor/writers/qrcode.py
(modules from segno, cached on disk in cache_dir()/qr/ so that every format computes a code once)."""

from __future__ import annotations

from ..qrcode import png as qr_png
from ..qrcode import qr_matrix

__all__ = ["qr_matrix", "qr_png"]
