"""Make the 楷体 the program ships: LXGW WenKai cut down to the characters a bulletin uses.

    python tools/make_kai_font.py [/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf]

Where no 楷体 is installed (CI, a stock Linux), the 编者按 and the （一） leads are set in this face
rather than in the serif fallback. The source is LXGW WenKai (霞鹜文楷, OFL-1.1, TrueType; Debian's
fonts-lxgw-wenkai, not on PyPI). Kept: the 8,105 characters of 通用规范汉字表 (tools/data), the
6,763 of GB 2312, ASCII and Latin-1, CJK and full-width punctuation, and every character of the
texts the writers set themselves (writers/pdf/kit.FIXED_TEXT) and of the default template. Layout
tables and vertical metrics are dropped (nothing here sets vertical text or uses OpenType features),
and the quotation marks and 间隔号, which the font sets at Western widths, are made full width.

The OFL reserves the names 霞鹜 and LXGW for the unmodified fonts, so the subset is renamed
简报楷体 / Bulletin Kai (PostScript name BulletinKai-Regular); its copyright and licence records
are kept, and the licence goes beside it (OFL.txt).
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# gzip, not xz: 2.6 MB against 2.1, but a first build inflates it in 0.02 s of CPU where xz took 0.15 s
# (a fifth of the whole first build). Made with zopfli where it is installed (pip install zopfli):
# a standard gzip stream 56 KB smaller than gzip -9.
OUT = ROOT / "editor" / "data" / "fonts" / "BulletinKai-Regular.ttf.gz"
SOURCE = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
FAMILY, FAMILY_ZH, PS_NAME = "Bulletin Kai", "简报楷体", "BulletinKai-Regular"


def characters() -> set[int]:
    from editor.writers.pdf.kit import FIXED_TEXT

    table = ROOT / "tools" / "data" / "通用规范汉字表.txt"
    chars = {c for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
             for c in line.strip()}
    assert len(chars) == 8105, len(chars)
    codes = {ord(c) for c in chars}
    for hi in range(0xB0, 0xF8):                     # GB 2312's hanzi rows
        for lo in range(0xA1, 0xFF):
            try:
                codes.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for a, b in ((0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x206F), (0x2100, 0x215F), (0x2190, 0x21FF),
                 (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F),
                 (0x3200, 0x32FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)):
        codes.update(range(a, b + 1))
    template = (ROOT / "issue_templates" / "big-data-weekly" / "template.toml").read_text(encoding="utf-8")
    codes.update(ord(c) for c in FIXED_TEXT + template if not c.isspace())
    return codes


# Marks LXGW WenKai sets at Western (proportional) widths, which Chinese text sets full width: the
# quotation marks take an em with their ink at the side facing the quoted words, as in a Song face,
# and the 间隔号 · is centred in its em. (Word and WPS have the same trouble with such faces.)
FULL_WIDTH = {"“": "right", "‘": "right", "”": "left", "’": "left", "·": "center"}
MARGIN = 80          # font units between the ink and the side of the em it faces away from


def full_width_marks(font) -> None:
    cmap = font.getBestCmap()
    upem = font["head"].unitsPerEm
    glyf, hmtx = font["glyf"], font["hmtx"]
    for ch, side in FULL_WIDTH.items():
        name = cmap.get(ord(ch))
        if name is None:
            continue
        glyph = glyf[name]
        glyph.recalcBounds(glyf)
        lo, hi = glyph.xMin, glyph.xMax
        dx = {"right": upem - MARGIN - hi, "left": MARGIN - lo, "center": (upem - (hi - lo)) // 2 - lo}[side]
        if glyph.isComposite():
            for comp in glyph.components:
                comp.x += dx
        else:
            coords = glyph.coordinates
            coords.translate((dx, 0))
        glyph.recalcBounds(glyf)
        hmtx[name] = (upem, glyph.xMin)


def main() -> int:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    font = TTFont(str(source))
    cmap = font.getBestCmap()
    codes = sorted(c for c in characters() if c in cmap)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "DSIG", "meta"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codes)
    sub.subset(font)
    full_width_marks(font)
    name = font["name"]
    version = name.getDebugName(5) or ""
    for rec in list(name.names):                      # the reserved names go; copyright and licence stay
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            name.removeNames(nameID=rec.nameID)
    for lang, fam in ((0x409, FAMILY), (0x804, FAMILY_ZH)):
        name.setName(fam, 1, 3, 1, lang)
        name.setName(f"{fam} Regular" if lang == 0x409 else f"{fam} 常规", 4, 3, 1, lang)
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(PS_NAME, 6, 3, 1, 0x409)
    name.setName(f"{PS_NAME};{version}", 3, 3, 1, 0x409)
    name.setName(f"{FAMILY}: a subset of LXGW WenKai ({version}) to the 8,105 characters of "
                 "通用规范汉字表, GB 2312 and punctuation, made by tools/make_kai_font.py of 简报编排器",
                 10, 3, 1, 0x409)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    font.save(buffer)
    try:
        import zopfli.gzip

        packed = zopfli.gzip.compress(buffer.getvalue(), numiterations=15)
    except ImportError:
        packed = gzip.compress(buffer.getvalue(), 9, mtime=0)
    OUT.write_bytes(packed)
    print(f"{OUT.relative_to(ROOT)}: {len(codes)} 字符，{OUT.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
