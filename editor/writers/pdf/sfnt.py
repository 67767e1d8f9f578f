"""Reading an OpenType or TrueType face for PDF embedding, without converting it.

A `Face` maps characters to glyphs (cmap formats 4 and 12, looked up per character
with bisect, never decoded whole), gives advances (hmtx) and the descriptor's
metrics, and writes the subset font program of the glyphs a document used:

- TrueType outlines (glyf): a new sfnt keeping the glyph numbers, the unused glyphs
  empty, composite glyphs' components kept (embedded as CIDFontType2, FontFile2);
- CID-keyed CFF (Noto / Source Han OTF): a CFF holding only the used glyphs and the
  subroutines they call, renumbered (cff.py; embedded as CIDFontType0, FontFile3).

Nothing is converted: the file is mapped and only the tables and glyphs needed are read,
so a first build costs about what a later one does. (Converting CFF to TrueType with
fontTools was 89 % of a first build.) Other kinds (CFF2 and variable fonts, name-keyed
CFF) are instanced/converted once by editor.fontcache and read from its cache.
"""

from __future__ import annotations

import mmap
import struct
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate
from pathlib import Path


class FontFormatError(Exception):
    """The file is not a face this module reads (or is damaged)."""


def _u16(data, pos: int) -> int:
    return (data[pos] << 8) | data[pos + 1]


def _u32(data, pos: int) -> int:
    return int.from_bytes(data[pos:pos + 4], "big")


def _s16(data, pos: int) -> int:
    v = _u16(data, pos)
    return v - 0x10000 if v & 0x8000 else v


def _array(fmt: str, data: bytes) -> array:
    a = array(fmt, data)
    if a.itemsize > 1 and struct.pack("=H", 1) == b"\x01\x00":
        a.byteswap()                # the file is big-endian
    return a


class Face:
    def __init__(self, path: str | Path, index: int = 0):
        self.path = str(path)
        with open(self.path, "rb") as f:
            try:
                self.data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:
                raise FontFormatError("空文件") from None
        data = self.data
        base = 0
        if data[:4] == b"ttcf":
            count = _u32(data, 8)
            if not 0 <= index < count:
                raise FontFormatError(f"字体集中没有第 {index} 款字体")
            base = _u32(data, 12 + 4 * index)
        tag = data[base:base + 4]
        if tag not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            raise FontFormatError("不是 TrueType/OpenType 字体")
        self.tables: dict[str, tuple[int, int]] = {}
        for i in range(_u16(data, base + 4)):
            rec = base + 12 + 16 * i
            name = bytes(data[rec:rec + 4]).decode("latin-1")
            offset, length = _u32(data, rec + 8), _u32(data, rec + 12)
            if offset + length > len(data):
                raise FontFormatError(f"表 {name} 超出文件末尾")
            self.tables[name] = (offset, length)
        for need in ("head", "hhea", "hmtx", "cmap", "maxp"):
            if need not in self.tables:
                raise FontFormatError(f"缺少 {need} 表")
        if "glyf" in self.tables and "loca" in self.tables:
            self.kind = "glyf"
        elif "CFF " in self.tables:
            self.kind = "cff"
        else:
            raise FontFormatError("没有 glyf 或 CFF 字形")
        head = self.table("head")
        self.upem = _u16(head, 18) or 1000
        self.bbox = [_s16(head, 36), _s16(head, 38), _s16(head, 40), _s16(head, 42)]
        self.loca_long = _s16(head, 50) == 1
        self.glyph_count = _u16(self.table("maxp"), 4)
        hhea = self.table("hhea")
        self.ascent, self.descent = _s16(hhea, 4), _s16(hhea, 6)
        self._hmetrics = _u16(hhea, 34)
        self._hmtx = _array("H", self.table("hmtx")[:4 * self._hmetrics])[0::2]
        self.cap_height = self.ascent
        self.weight = 400
        self.fs_type = 0
        if "OS/2" in self.tables:
            os2 = self.table("OS/2")
            self.weight = _u16(os2, 4)
            self.fs_type = _u16(os2, 8)
            if _u16(os2, 0) >= 2 and len(os2) >= 90:
                self.cap_height = _s16(os2, 88) or self.ascent
        self.italic_angle = 0.0
        self.fixed_pitch = False
        if "post" in self.tables:
            post = self.table("post")
            self.italic_angle = struct.unpack(">i", post[4:8])[0] / 65536
            self.fixed_pitch = _u32(post, 12) != 0
        self.ps_name = self._ps_name()
        self._cmap = self._read_cmap()
        self.cff = None
        self._gids: dict[int, int] = {}
        self._glyph_sums: dict[int, int] = {}
        self._table_sums: dict[str, int] = {}

    # ------------------------------------------------------------ tables

    def table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset:offset + length]

    def _ps_name(self) -> str:
        if "name" not in self.tables:
            return "Font"
        name = self.table("name")
        count, strings = _u16(name, 2), _u16(name, 4)
        found = {}
        for i in range(count):
            rec = 6 + 12 * i
            platform, enc, lang, nid = (_u16(name, rec + k) for k in (0, 2, 4, 6))
            if nid != 6:
                continue
            length, offset = _u16(name, rec + 8), _u16(name, rec + 10)
            raw = name[strings + offset:strings + offset + length]
            text = raw.decode("utf-16-be", "replace") if platform in (0, 3) else raw.decode("latin-1")
            found[platform] = text
        text = found.get(3) or found.get(1) or found.get(0) or "Font"
        return "".join(c for c in text if 33 <= ord(c) < 127 and c not in "[](){}<>/%#") or "Font"

    def _read_cmap(self):
        cmap = self.table("cmap")
        best = None
        for i in range(_u16(cmap, 2)):
            rec = 4 + 8 * i
            platform, enc, offset = _u16(cmap, rec), _u16(cmap, rec + 2), _u32(cmap, rec + 4)
            fmt = _u16(cmap, offset)
            rank = {(3, 10, 12): 0, (0, 4, 12): 1, (0, 6, 12): 1, (3, 1, 4): 2, (0, 3, 4): 3,
                    (0, 1, 4): 3, (3, 0, 4): 4}.get((platform, enc, fmt))
            if fmt == 12 and rank is None and platform == 0:
                rank = 1
            if fmt == 4 and rank is None and platform == 0:
                rank = 3
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, fmt, offset)
        if best is None:
            raise FontFormatError("没有可用的 Unicode cmap 子表")
        _, fmt, offset = best
        if fmt == 12:
            n = _u32(cmap, offset + 12)
            groups = _array("I", cmap[offset + 16:offset + 16 + 12 * n])
            return 12, list(groups[0::3]), groups[1::3], groups[2::3]
        seg2 = _u16(cmap, offset + 6)
        seg = seg2 // 2
        ends = _array("H", cmap[offset + 14:offset + 14 + seg2])
        starts = _array("H", cmap[offset + 16 + seg2:offset + 16 + 2 * seg2])
        deltas = _array("H", cmap[offset + 16 + 2 * seg2:offset + 16 + 3 * seg2])
        ranges_at = offset + 16 + 3 * seg2
        ranges = _array("H", cmap[ranges_at:ranges_at + seg2])
        return 4, list(ends), starts, deltas, ranges, ranges_at, cmap, seg

    def glyph(self, code: int) -> int:
        """The glyph of a code point; 0 (.notdef) if the face has none (each looked up once)."""
        g = self._gids.get(code)
        if g is None:
            g = self._gids[code] = self._lookup(code)
        return g

    def _lookup(self, code: int) -> int:
        m = self._cmap
        if m[0] == 12:
            _, starts, ends, first = m
            i = bisect_right(starts, code) - 1
            if i >= 0 and code <= ends[i]:
                g = first[i] + code - starts[i]
                return g if g < self.glyph_count else 0
            return 0
        _, ends, starts, deltas, ranges, ranges_at, cmap, seg = m
        if code > 0xFFFF:
            return 0
        i = bisect_left(ends, code)
        if i >= seg or starts[i] > code:
            return 0
        if ranges[i] == 0:
            g = (code + deltas[i]) & 0xFFFF
        else:
            at = ranges_at + 2 * i + ranges[i] + 2 * (code - starts[i])
            if at + 2 > len(cmap):
                return 0
            g = _u16(cmap, at)
            if g:
                g = (g + deltas[i]) & 0xFFFF
        return g if g < self.glyph_count else 0

    def advance(self, gid: int) -> int:
        """Advance width of a glyph in font units."""
        h = self._hmtx
        return h[gid] if gid < len(h) else (h[-1] if len(h) else self.upem)

    @property
    def flags(self) -> int:
        """FontDescriptor flags: serif, symbolic (as any subset with its own codes), fixed pitch."""
        return (1 << 1) | (1 << 2) | (1 if self.fixed_pitch else 0) | ((1 << 6) if self.italic_angle else 0)

    @property
    def stem_v(self) -> int:
        return 50 + int((self.weight / 65.0) ** 2)

    # ------------------------------------------------------------ subsets

    def _cff(self):
        if self.cff is None:
            from .cff import CFF

            offset, length = self.tables["CFF "]
            self.cff = CFF(self.data, offset, length)
            self.cff.shipped = self._shipped_reach()
        return self.cff

    def _shipped_reach(self):
        """The ReachTable shipped for this face (editor/data/fonts/PSNAME.reach), if it is the font
        the table was made from."""
        from ...fonts import PACKAGED_DATA
        from .cff import ReachTable

        path = PACKAGED_DATA / f"{self.ps_name}.reach"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return ReachTable.load(data, ReachTable.fingerprint(self.table("head"), self.tables["CFF "]))

    def subset(self, order: list[int]) -> bytes:
        """The font program for the codes of a document: code k shows original glyph order[k]
        (order[0] = 0, .notdef). A CFF subset numbers its glyphs so (CID k = glyph k); a TrueType
        one keeps the original glyph numbers and the PDF maps codes to them (CIDToGIDMap)."""
        if self.kind == "cff":
            return self._cff().subset(list(order))
        return self._glyf_subset(set(order) | {0})

    def _glyf_subset(self, gids: set[int]) -> bytes:
        loca_data = self.table("loca")
        n = self.glyph_count
        loca = _array("I" if self.loca_long else "H", loca_data[:(n + 1) * (4 if self.loca_long else 2)])
        scale = 1 if self.loca_long else 2
        glyf_at, glyf_len = self.tables["glyf"]
        data = self.data

        def glyph_bytes(g: int) -> bytes:
            if g + 1 >= len(loca):
                return b""
            a, b = loca[g] * scale, loca[g + 1] * scale
            if b <= a or b > glyf_len:
                return b""
            return data[glyf_at + a:glyf_at + b]

        todo, keep = list(gids), set()
        while todo:
            g = todo.pop()
            if g in keep or g >= n:
                continue
            keep.add(g)
            body = glyph_bytes(g)
            if len(body) >= 10 and _s16(body, 0) < 0:        # composite: its components too
                pos = 10
                while pos + 4 <= len(body):
                    flags, comp = _u16(body, pos), _u16(body, pos + 2)
                    todo.append(comp)
                    pos += 4 + (4 if flags & 1 else 2)
                    pos += 8 if flags & 0x80 else 4 if flags & 0x40 else 2 if flags & 0x08 else 0
                    if not flags & 0x20:
                        break
        # the kept glyphs in order, each padded to 4 bytes; a dropped glyph is empty (its offset repeats)
        # (the table's checksum is the sum of its glyphs' own: each is summed once per process)
        lengths = [0] * n
        parts = []
        sums = self._glyph_sums
        glyf_sum = 0
        for g in sorted(k for k in keep if k < n):
            body = glyph_bytes(g)
            body += b"\0" * (-len(body) % 4)
            lengths[g] = len(body)
            parts.append(body)
            word_sum = sums.get(g)
            if word_sum is None:
                word_sum = sums[g] = _checksum(body)
            glyf_sum += word_sum
        glyf = b"".join(parts)
        offsets = array("I", accumulate(lengths, initial=0))
        if struct.pack("=H", 1) == b"\x01\x00":
            offsets.byteswap()
        head = bytearray(self.table("head"))
        head[8:12] = b"\0\0\0\0"                             # checkSumAdjustment, set below
        head[50:52] = b"\x00\x01"                            # long loca
        post = struct.pack(">IIhhIIIII", 0x00030000, *struct.unpack(">Ihh", self.table("post")[4:12]),
                           _u32(self.table("post"), 12), 0, 0, 0, 0) if "post" in self.tables else None
        tables = {"head": bytes(head), "hhea": self.table("hhea"), "maxp": self.table("maxp"),
                  "hmtx": self.table("hmtx"), "loca": offsets.tobytes(), "glyf": bytes(glyf)}
        for tag in ("cvt ", "fpgm", "prep", "OS/2", "name"):
            if tag in self.tables:
                tables[tag] = self.table(tag)
        if post:
            tables["post"] = post
        known = {tag: self._table_sum(tag) for tag in tables if tag not in ("head", "loca", "glyf", "post")}
        known["glyf"] = glyf_sum & 0xFFFFFFFF
        return build_sfnt(tables, known)

    def _table_sum(self, tag: str) -> int:
        """The checksum of a table copied as it is (reckoned once: hmtx alone is 36 KB)."""
        found = self._table_sums.get(tag)
        if found is None:
            found = self._table_sums[tag] = _checksum(self.table(tag))
        return found


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(_array("I", padded)) & 0xFFFFFFFF


def build_sfnt(tables: dict[str, bytes], known: dict[str, int] | None = None) -> bytes:
    """A TrueType file of these tables, with directory, checksums and head.checkSumAdjustment;
    `known`: the checksums of tables already reckoned (the file's checksum is the sum of its
    directory's and its tables', so no table is read twice)."""
    known = known or {}
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, max(0, power.bit_length() - 1) if power else 0,
                         count * 16 - power * 16)
    offset = 12 + 16 * count
    directory, parts = bytearray(), []
    head_at = None
    total = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset
        checksum = known[tag] if tag in known else _checksum(data)
        total += checksum
        directory += struct.pack(">4sIII", tag.encode("latin-1"), checksum, offset, len(data))
        parts.append(data + b"\0" * (-len(data) % 4))
        offset += len(data) + (-len(data) % 4)
    out = bytearray(header + directory + b"".join(parts))
    if head_at is not None:
        adjust = (0xB1B0AFBA - _checksum(bytes(header + directory)) - total) & 0xFFFFFFFF
        out[head_at + 8:head_at + 12] = struct.pack(">I", adjust)
    return bytes(out)
