"""The PySide6 desktop editor: a thin shell over the Qt-free core.

Modules:
  textmap     Qt-free: article fields ↔ editor text, snapshots, ids
  safety      Qt-free: autosave folders and the issue lock file
  buildproc   Qt-free: the build process that makes previews and exports
  document    the open issue, its QUndoStack and every undoable command
  outline     the outline model (Issue → Column → Article) and its tree view
  editors     article fields and the body editor; highlight (levels), findbar (find/replace)
  issue_panel date, 期号, 总期号, cover headline, colophon, disclaimer
  problems    live checks, grouped by article, with quick fixes
  builds      the Qt side of the build process: preview and export jobs
  preview     PDF pages with QtPdf
  mainwindow  layout, files, autosave, recovery, lock; actions (menus, shortcuts); dialogs
  app         QApplication start-up (fonts, Chinese Qt texts) and `bulletin gui`
  qtcompat    a guard against a PySide6 6.12 reference-counting bug on Python 3.11

Nothing outside this package imports it; importing the package itself pulls in no Qt,
so the build process can import its Qt-free modules.
"""
