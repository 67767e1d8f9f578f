"""Make editor/data/fonts/PSNAME.reach for the CFF faces the program ships (Noto Serif SC, Noto Sans SC
from pylopdf-fonts-zh-cn): for the glyph of every character of 通用规范汉字表, ASCII and the common
punctuation, the subroutines it reaches (cff.ReachTable). Run again when that package's fonts change
(a table made from another font is not used: the PDF writer then reads the glyph programs itself).

    python tools/make_cff_reach.py
"""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def characters() -> list[str]:
    table = (ROOT / "tools" / "data" / "通用规范汉字表.txt").read_text(encoding="utf-8")
    chars = {c for line in table.splitlines() if not line.startswith("#") for c in line.strip()}
    for first, last in ((0x20, 0x7E), (0x2010, 0x2027), (0x2030, 0x203B), (0x3000, 0x303F), (0xFF01, 0xFF5E)):
        chars |= {chr(c) for c in range(first, last + 1)}
    return sorted(chars)


def main() -> int:
    from editor import fonts
    from editor.writers.pdf.cff import ReachTable
    from editor.writers.pdf.sfnt import Face

    for kind in ("serif", "sans"):
        path = fonts._packaged_path(kind)
        face = Face(path, 0)
        cff = face._cff()
        cff.shipped = None                               # learn every glyph afresh
        gids = sorted({face.glyph(ord(c)) for c in characters()} - {0})
        cff.subset([0] + gids)
        keys, ends = array("H"), array("I")
        for g in gids:
            reached = sorted(cff._reach[g])
            if reached and reached[-1] > 0xFFFF:
                raise SystemExit(f"{path.name}: 子程序编号超出 16 位，表的格式需要改")
            keys.extend(reached)
            ends.append(len(keys))
        table = ReachTable(array("H", gids), ends, keys)
        out = fonts.PACKAGED_DATA / f"{face.ps_name}.reach"
        out.write_bytes(table.dump(ReachTable.fingerprint(face.table("head"), face.tables["CFF "])))
        print(f"{out.relative_to(ROOT)}: {len(gids)} 个字形，{out.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
