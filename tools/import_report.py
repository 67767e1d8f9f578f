"""How well import reads the head of real documents: per field, the rate right and every miss.

    python tools/import_report.py [--manifest PATH] [--shape html] [--id ID ...] [--all]

Imports every document of tests/fixtures/real/manifest.toml (or of the manifest PATH names, whose
`file` entries are relative to its folder: a local corpus of .docx and .pdf files that cannot be
committed uses the same format) through editor.importers.import_file and
compares it field by field with the hand-checked expectation (tests/real_corpus.py says how each
field is normalised). Prints a table of rates, then the misses (document, expected, got), then the
documents the importer refused or crashed on. --all also lists fields "not supported yet".
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.real_corpus import FIELDS, MANIFEST, MISS, UNSUPPORTED, load_manifest, measure, rates  # noqa: E402


def _short(value, width: int = 60) -> str:
    if isinstance(value, list):
        text = " / ".join(str(v) for v in value) if value else "[]"
    elif value in ("", None):
        text = "（空）"
    else:
        text = str(value)
    text = text.replace("\n", " / ")
    return text if len(text) <= width else text[:width - 1] + "…"


def _print_by_shape(results, shapes: list[str]) -> None:
    """The same rates, one column per shape: where a field is weak shows which kind of file it is weak on."""
    by_shape = {s: rates([r for r in results if r.doc.shape == s]) for s in shapes}
    print()
    print(f"{'by shape':<16} " + " ".join(f"{s:>9}" for s in shapes))
    for name in FIELDS:
        cells = []
        for s in shapes:
            right, total = by_shape[s][name]
            cells.append(f"{right:>4}/{total:<4}" if total else f"{'—':>9}")
        print(f"{name:<16} " + " ".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", type=Path, default=MANIFEST,
                    help="the manifest to measure (default: the committed corpus, tests/fixtures/real/manifest.toml)")
    ap.add_argument("--shape", help="only documents of this shape (html, markdown, text, lawdb, pdf-text …)")
    ap.add_argument("--id", nargs="*", help="only these document ids")
    ap.add_argument("--all", action="store_true", help="also list fields not supported yet")
    args = ap.parse_args(argv)

    if not args.manifest.is_file():
        print(f"没有找到清单文件：{args.manifest}", file=sys.stderr)
        return 2
    try:
        docs = load_manifest(args.manifest)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        print(f"清单文件 {args.manifest} 无法读取：{exc}", file=sys.stderr)
        return 2
    if args.shape:
        docs = [d for d in docs if d.shape == args.shape]
    if args.id:
        docs = [d for d in docs if d.id in set(args.id)]
    results = measure(docs)
    shapes = sorted({d.shape for d in docs})
    print(f"{len(docs)} documents, shapes: {', '.join(f'{s} {sum(d.shape == s for d in docs)}' for s in shapes)}")
    print()
    print(f"{'field':<16} {'right':>7} {'rate':>6}")
    table = rates(results)
    for name in FIELDS:
        right, total = table[name]
        if total == 0:
            print(f"{name:<16} {'—':>7} {'not supported yet':>6}")
        else:
            print(f"{name:<16} {right:>3}/{total:<3} {100 * right / total:5.0f}%")
    if len(shapes) > 1:
        _print_by_shape(results, shapes)

    for name in FIELDS:
        misses = [(r.doc.id, r.fields[name]) for r in results if not r.error and name in r.fields
                  and (r.fields[name].status == MISS or (args.all and r.fields[name].status == UNSUPPORTED))]
        if not misses:
            continue
        print(f"\n## {name}: {sum(f.status == MISS for _, f in misses)} missed")
        for doc_id, f in misses:
            print(f"  {doc_id}")
            print(f"      expected: {_short(f.expected)}")
            print(f"      got:      {_short(f.got) if f.status == MISS else f.status}")

    refused = [r for r in results if r.error]
    if refused:
        print(f"\n## documents not imported: {len(refused)}")
        for r in refused:
            kind = "内部错误" if r.error_kind == "crash" else "拒绝导入"
            print(f"  {r.doc.id} [{kind}] {r.error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
