"""Compile, check and typeset Chinese policy bulletins such as 《大数据发展动态》.

Readers (content loader, importers) → one `Issue` model → checks and writers (PDF, DOCX).
The Qt app (editor.ui) and the command line (editor.cli) are thin shells over the same functions.
"""

__version__ = "0.1.0"
