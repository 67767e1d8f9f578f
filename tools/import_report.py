"""How well import reads the head of real documents: per field, the rate right and every miss.

    python tools/import_report.py [--shape html] [--id ID ...] [--all]

Imports every document of tests/fixtures/real/manifest.toml through editor.importers.import_file and
compares it field by field with the hand-checked expectation (tests/real_corpus.py says how each
field is normalised). Prints a table of rates, then the misses (document, expected, got), then the
documents the importer refused or crashed on. --all also lists fields "not supported yet".
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.real_corpus import FIELDS, MISS, UNSUPPORTED, load_manifest, measure, rates  # noqa: E402


def _short(value, width: int = 60) -> str:
    if isinstance(value, list):
        text = " / ".join(str(v) for v in value) if value else "[]"
    elif value in ("", None):
        text = "（空）"
    else:
        text = str(value)
    text = text.replace("\n", " / ")
    return text if len(text) <= width else text[:width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", help="only documents of this shape (html, markdown, text, lawdb, pdf-text …)")
    ap.add_argument("--id", nargs="*", help="only these document ids")
    ap.add_argument("--all", action="store_true", help="also list fields not supported yet")
    args = ap.parse_args(argv)

    docs = load_manifest()
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
