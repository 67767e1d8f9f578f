"""The WordprocessingML that python-docx has no API for, in one place (a package of three modules).

- `props`: properties of styles, sections and settings, each child inserted in schema order;
- `fonttable`: the font table, the faces the document names and the characters each sets;
- `body`: the body as text (runs, fields, bookmarks, links, frames, tables, pictures), parsed in one pass.
"""

from __future__ import annotations

from .props import (
    TWIPS_PER_MM, THEME_ATTRS, PPR_ORDER, RPR_ORDER, SECTPR_ORDER, SETTINGS_ORDER, twips, hex_color, tint,
    set_child, east_asian_fonts, language, letter_spacing, complex_script_bold, complex_script_size, Border,
    borders, shading, cjk_line_breaking, indents, outline_level, doc_defaults, make_default,
    strip_theme_fonts, page_numbering, without_page_layout, no_document_grid, prepare_settings, default_language,
    embed_fonts_setting)
from .fonttable import (
    font_table, font_entries, font_names, text_by_face)
from .body import (
    esc, append_xml, x_text, AMBIGUOUS, needs_hint, x_run, x_field_begin, x_field_end, x_field, x_hyperlink,
    x_bookmark, x_frame_at_foot, x_frame_beside, x_inline_picture, Para, x_table)

__all__ = ["TWIPS_PER_MM", "THEME_ATTRS", "PPR_ORDER", "RPR_ORDER", "SECTPR_ORDER", "SETTINGS_ORDER", "twips",
           "hex_color", "tint", "set_child", "east_asian_fonts", "language", "letter_spacing",
           "complex_script_bold", "complex_script_size", "Border", "borders", "shading", "cjk_line_breaking",
           "indents", "outline_level", "doc_defaults", "make_default", "strip_theme_fonts", "page_numbering",
           "without_page_layout", "no_document_grid", "prepare_settings", "default_language", "embed_fonts_setting", "font_table",
           "font_entries", "font_names", "text_by_face", "esc", "append_xml", "x_text", "AMBIGUOUS",
           "needs_hint", "x_run", "x_field_begin", "x_field_end", "x_field", "x_hyperlink", "x_bookmark",
           "x_frame_at_foot", "x_frame_beside", "x_inline_picture", "Para", "x_table"]
