"""Kept for code written against its old name: everything here now lives in editor.conventions."""

from __future__ import annotations

from .conventions import (ATTACHMENT_RE, CJK, DATE_LINE_RE, HOUSE_SOURCE_FORM, ParsedSource, has_cjk,  # noqa: F401
                          is_attachment, is_cjk, is_date_line, looks_like_signature, parse_source)
