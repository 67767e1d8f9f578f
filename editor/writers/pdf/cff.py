"""Subsetting a CID-keyed CFF font program (Noto / Source Han CJK OTF) for embedding in a PDF.

The subset holds .notdef and the glyphs used, in the order the document first used them
(a glyph may come twice: the PDF gives a compressed punctuation mark a code of its own with
a narrower width); its charset gives glyph k the CID k, the code the PDF shows it with
(Identity-H: the ordering is Identity, so CIDs mean nothing beyond the font), and its
FDSelect its original Font DICT. The subroutines the kept glyphs call
(found by reading their Type 2 charstrings: numbers, operators, hint masks) are kept
under their numbers; the others are emptied. Nothing is converted or re-encoded:
charstrings and subroutines are copied byte for byte.
A name-keyed CFF is not read here (FontFormatError): editor.fontcache converts it.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate

from .sfnt import FontFormatError


def _u16(d, p):
    return (d[p] << 8) | d[p + 1]


def _read_index(d, pos: int) -> tuple[list[tuple[int, int]], int]:
    """The (start, end) of each item of the INDEX at `pos`, and the position after it."""
    count = _u16(d, pos)
    if count == 0:
        return [], pos + 2
    size = d[pos + 2]
    base = pos + 3 + (count + 1) * size - 1
    offs = [int.from_bytes(d[pos + 3 + i * size:pos + 3 + (i + 1) * size], "big") for i in range(count + 1)]
    return [(base + offs[i], base + offs[i + 1]) for i in range(count)], base + offs[-1]


class _Index:
    """An INDEX read lazily: items located on demand (CharStrings hold 30,000 glyphs)."""

    def __init__(self, d, pos: int):
        self.d = d
        self.count = _u16(d, pos)
        if self.count:
            self.size = d[pos + 2]
            self.offs_at = pos + 3
            self.base = pos + 3 + (self.count + 1) * self.size - 1
        self.end = pos + 2 if not self.count else self.base + self._off(self.count)

    def _off(self, i: int) -> int:
        at = self.offs_at + i * self.size
        return int.from_bytes(self.d[at:at + self.size], "big")

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> bytes:
        if not 0 <= i < self.count:
            raise FontFormatError("CFF 子程序编号越界")
        return bytes(self.d[self.base + self._off(i):self.base + self._off(i + 1)])


def _write_index(items: list[bytes]) -> bytes:
    return _index(len(items), [len(x) for x in items], b"".join(items))


def _sparse_index(count: int, items: dict[int, bytes]) -> bytes:
    """An INDEX of `count` items, empty but for `items` (number → bytes)."""
    if not items:
        return _index(count, [0] * count, b"")
    lengths = [0] * count
    for i, x in items.items():
        lengths[i] = len(x)
    return _index(count, lengths, b"".join(items[i] for i in sorted(items)))


def _index(count: int, lengths: list[int], data: bytes) -> bytes:
    if not count:
        return b"\0\0"
    ends = array("I", accumulate(lengths, initial=1))   # offsets count from 1
    total = ends[-1]
    size = 1 if total < 1 << 8 else 2 if total < 1 << 16 else 3 if total < 1 << 24 else 4
    if sys.byteorder == "little":
        ends.byteswap()
    raw = ends.tobytes()                                # big-endian, 4 bytes an offset
    offsets = bytearray(len(ends) * size)
    for k in range(size):                               # the low `size` bytes of each
        offsets[k::size] = raw[4 - size + k::4]
    return count.to_bytes(2, "big") + bytes([size]) + bytes(offsets) + data


def _read_dict(d: bytes) -> list[tuple[int, list[float], bytes]]:
    """(operator, operands, raw bytes of operands and operator) of each entry; two-byte ops as 1200+b."""
    out, ops, start, i, n = [], [], 0, 0, len(d)
    while i < n:
        b = d[i]
        if b <= 21:
            if b == 12:
                op, i = 1200 + d[i + 1], i + 2
            else:
                op, i = b, i + 1
            out.append((op, ops, d[start:i]))
            ops, start = [], i
        elif b == 28:
            ops.append(int.from_bytes(d[i + 1:i + 3], "big", signed=True))
            i += 3
        elif b == 29:
            ops.append(int.from_bytes(d[i + 1:i + 5], "big", signed=True))
            i += 5
        elif b == 30:
            i += 1
            while i < n:
                c = d[i]
                i += 1
                if (c & 0x0F) == 0x0F or (c >> 4) == 0x0F:
                    break
            ops.append(0.0)        # reals are copied raw, never needed as values here
        elif 32 <= b <= 246:
            ops.append(b - 139)
            i += 1
        elif 247 <= b <= 250:
            ops.append((b - 247) * 256 + d[i + 1] + 108)
            i += 2
        elif 251 <= b <= 254:
            ops.append(-(b - 251) * 256 - d[i + 1] - 108)
            i += 2
        else:
            raise FontFormatError("CFF 字典已损坏")
    return out


def _int5(v: int) -> bytes:
    return bytes([29]) + int(v).to_bytes(4, "big", signed=True)


def _op(op: int) -> bytes:
    return bytes([12, op - 1200]) if op >= 1200 else bytes([op])


def _bias(count: int) -> int:
    return 107 if count < 1240 else 1131 if count < 33900 else 32768




class _Scan:
    """Reads charstrings of one Font DICT's glyphs for the subroutines they call.

    Kept for the life of the font (a batch build reads the same glyphs issue after issue): what each
    subroutine calls (`edges`, over all the runs that read it) and what calling one without hints
    does to the stack (`_effects`) are learnt once. A subroutine is named by an int: its biased
    index times two, plus one for a local one."""

    def __init__(self, gsubrs: _Index, lsubrs: _Index | None):
        self.gsubrs, self.lsubrs = gsubrs, lsubrs
        self.gbias = _bias(len(gsubrs))
        self.lbias = _bias(len(lsubrs)) if lsubrs is not None else 0
        self.edges: dict[int, set[int]] = {}
        self._subs: dict[int, bytes] = {}
        # what calling a subroutine without hints does: (clears the stack, depth after or added, ends)
        self._effects: dict[int, tuple[bool, int, bool]] = {}
        self.hints = self.clears = 0

    def glyph(self, code: bytes) -> set[int]:
        """The subroutines a glyph's charstring calls itself (those they call are in `edges`)."""
        self.stems, self.depth, self.done = 0, 0, False
        self.own: set[int] = set()
        self._run(code, None)
        return self.own

    def _run(self, code: bytes, where: int | None) -> None:
        """Execute for hints and calls; `where` names the subroutine being read (None: the glyph).

        One regular-expression match per operator that matters here (calls, hints, return,
        endchar): the drawing operators and their numbers are skipped by the pattern, so the
        interpreter's work is a few steps a glyph. The numbers before an operator are counted only
        where the count matters."""
        i, n = 0, len(code)
        _NUM, _NEXT, _REST = _patterns()
        search = _NEXT.match
        count = _NUM.findall
        calls = self.own if where is None else self.edges.setdefault(where, set())
        while i < n and not self.done:
            m = search(code, i)
            if m is None:                           # trailing numbers (a subroutine without return)
                rest = _REST.fullmatch(code, i)
                if rest is None:
                    raise FontFormatError("CFF 字形程序已损坏")
                a, b = rest.span(1)
                if a > i:
                    self.depth = 0
                    self.clears += 1
                self.depth += len(count(code, a, b))
                return
            a, b = m.span(1)
            if a > i:                               # a drawing operator came first: it cleared the stack
                self.depth = 0
                self.clears += 1
            op = code[b]
            i = m.end()
            if op == 10 or op == 29:                # callsubr / callgsubr
                nums = count(code, a, b)
                if not nums:
                    raise FontFormatError("CFF 子程序编号不是常数")
                self.depth += len(nums) - 1
                local = op == 10
                subrs = self.lsubrs if local else self.gsubrs
                if subrs is None:
                    raise FontFormatError("CFF 字形调用了不存在的子程序")
                index = _value(nums[-1]) + (self.lbias if local else self.gbias)
                key = index << 1 | local
                calls.add(key)
                effect = self._effects.get(key)
                if effect is not None:              # read before, and it holds no hints: only its effect
                    clears, value, ends = effect
                    if clears:                      # counted, so a subroutine calling it clears too
                        self.depth = value
                        self.clears += 1
                    else:
                        self.depth += value
                    self.done = ends
                    continue
                d0, c0, h0 = self.depth, self.clears, self.hints
                code_sub = self._subs.get(key)
                if code_sub is None:
                    code_sub = self._subs[key] = subrs[index]
                self._run(code_sub, key)
                if self.hints == h0:
                    cleared = self.clears != c0
                    self._effects[key] = (cleared, self.depth if cleared else self.depth - d0, self.done)
                continue
            if op == 11:                            # return: its numbers stay for the caller
                self.depth += len(count(code, a, b))
                return
            if op == 14:                            # endchar
                self.done = True
                return
            self.stems += (self.depth + len(count(code, a, b))) // 2
            self.hints += 1
            if op == 19 or op == 20:                # hintmask / cntrmask: implicit vstems, then the mask
                i += (self.stems + 7) // 8
            self.depth = 0
            self.clears += 1

    def code(self, key: int) -> bytes:
        """The charstring of subroutine `key`."""
        code = self._subs.get(key)
        if code is None:
            code = self._subs[key] = (self.lsubrs if key & 1 else self.gsubrs)[key >> 1]
        return code

    def closure(self, calls) -> set[int]:
        """The subroutines reached from `calls`, directly or through other subroutines."""
        seen: set[int] = set()
        todo = list(calls)
        edges = self.edges
        while todo:
            key = todo.pop()
            if key not in seen:
                seen.add(key)
                more = edges.get(key)
                if more:
                    todo.extend(more)
        return seen


_NUM_RX = rb"(?:[\x20-\xf6]|[\xf7-\xfe][\x00-\xff]|\x1c[\x00-\xff]{2}|\xff[\x00-\xff]{4})"
# operators that only draw (and clear the stack); 12 escapes a second byte
_BORING_RX = rb"(?:[\x00\x02\x04-\x09\x0d\x0f-\x11\x15\x16\x18-\x1b\x1e\x1f]|\x0c[\x00-\xff])"


@cache
def _patterns():
    """(a number, up to the next call/hint/return/endchar, the rest): compiled when first subsetting."""
    num = re.compile(_NUM_RX, re.S)
    # up to the next call, hint, return or endchar: (the numbers right before it)(the operator)
    upto = re.compile(rb"(?:" + _NUM_RX + rb"*" + _BORING_RX + rb")*(" + _NUM_RX + rb"*)"
                      rb"([\x01\x03\x0a\x0b\x0e\x12\x13\x14\x17\x1d])", re.S)
    rest = re.compile(rb"(?:" + _NUM_RX + rb"*" + _BORING_RX + rb")*(" + _NUM_RX + rb"*)", re.S)
    return num, upto, rest


def _value(tok: bytes) -> int:
    b = tok[0]
    if b <= 246 and b != 28:
        return b - 139
    if b <= 250 and b != 28:
        return (b - 247) * 256 + tok[1] + 108
    if b <= 254 and b != 28:
        return -(b - 251) * 256 - tok[1] - 108
    if b == 28:
        return int.from_bytes(tok[1:3], "big", signed=True)
    return int.from_bytes(tok[1:5], "big", signed=True) >> 16


class CFF:
    def __init__(self, data, offset: int, length: int):
        d = self.d = memoryview(data)[offset:offset + length]      # the mapped file, not a copy
        if len(d) < 4:
            raise FontFormatError("CFF 表过短")
        pos = d[2]
        self.name_index = (pos, _Index(d, pos).end)
        top_items, pos = _read_index(d, self.name_index[1])
        if len(top_items) != 1:
            raise FontFormatError("CFF 中应有一款字体")
        self.top = _read_dict(bytes(d[top_items[0][0]:top_items[0][1]]))
        self.strings = (pos, _Index(d, pos).end)
        self.gsubrs = _Index(d, self.strings[1])
        top = {op: ops for op, ops, _ in self.top}
        if 1230 not in top:
            raise FontFormatError("不是 CID 字体的 CFF（需转换）")
        self.charstrings = _Index(d, int(top[17][0]))
        self.n = len(self.charstrings)
        self.fdselect_at = int(top[1237][0])
        fd_items, _ = _read_index(d, int(top[1236][0]))
        self.fds = []
        for a, b in fd_items:
            entries = _read_dict(bytes(d[a:b]))
            fdd = {op: ops for op, ops, _ in entries}
            size, at = (int(x) for x in fdd.get(18, [0, 0]))
            private = _read_dict(bytes(d[at:at + size])) if size else []
            pd = {op: ops for op, ops, _ in private}
            subrs = _Index(d, at + int(pd[19][0])) if 19 in pd else None
            self.fds.append((entries, private, subrs))
        self._fdsel = None
        self._scans: dict[int, _Scan] = {}
        # per glyph (learnt once: a batch build sets the same glyphs issue after issue): its Font DICT,
        # charstring and the subroutines it reaches
        self._fd_of: dict[int, int] = {}
        self._code_of: dict[int, bytes] = {}
        self._reach: dict[int, frozenset[int]] = {}
        self.shipped: ReachTable | None = None       # what they reach, read beforehand (see ReachTable)

    # ------------------------------------------------------------ charset and FDSelect

    def _fd(self, gid: int) -> int:
        if self._fdsel is None:
            d, at = self.d, self.fdselect_at
            if d[at] == 0:
                self._fdsel = ("0", at + 1)
            elif d[at] == 3:
                count = _u16(d, at + 1)
                firsts = [_u16(d, at + 3 + 3 * i) for i in range(count)]
                fds = [d[at + 5 + 3 * i] for i in range(count)]
                self._fdsel = ("3", firsts, fds)
            else:
                raise FontFormatError("CFF 的 FDSelect 格式无法识别")
        sel = self._fdsel
        if sel[0] == "0":
            return self.d[sel[1] + gid]
        i = bisect_right(sel[1], gid) - 1
        return sel[2][max(i, 0)]

    # ------------------------------------------------------------ the subset

    def _scan(self, fd: int) -> _Scan:
        scan = self._scans.get(fd)
        if scan is None:
            scan = self._scans[fd] = _Scan(self.gsubrs, self.fds[fd][2])
        return scan

    def subset(self, gids: list[int]) -> bytes:
        """The subset whose glyph k is original glyph gids[k] (gids[0] is .notdef; a glyph may come
        more than once), with CID k: the PDF shows glyph k with code k.

        Subroutines keep their numbers: those no kept glyph reaches are emptied, not removed, so
        every charstring is copied as it is (an empty entry costs its offset, a few bytes that
        compress to almost nothing), and the same glyphs give the same bytes in every subset."""
        gids = [g if g < self.n else 0 for g in gids]
        fd_of, reach, code_of = self._fd_of, self._reach, self._code_of
        by_fd: dict[int, list[int]] = {}
        for g in dict.fromkeys(gids):
            fd = fd_of.get(g)
            if fd is None:
                fd = fd_of[g] = self._fd(g)
                code_of[g] = self.charstrings[g]
            by_fd.setdefault(fd, []).append(g)
        fds_used = sorted(by_fd)
        used_g: dict[int, bytes] = {}
        used_l: dict[int, dict[int, bytes]] = {}
        for fd in fds_used:
            scan = self._scan(fd)
            reached: set[int] = set()
            for g in by_fd[fd]:
                mine = reach.get(g)
                if mine is None:
                    mine = self.shipped.get(g) if self.shipped is not None else None
                    if mine is None:
                        mine = frozenset(scan.closure(scan.glyph(code_of[g])))
                    reach[g] = mine
                reached |= mine
            mine_l = used_l[fd] = {}
            for key in reached:
                if key & 1:
                    mine_l[key >> 1] = scan.code(key)
                else:
                    used_g[key >> 1] = scan.code(key)
        fd_new = {fd: i for i, fd in enumerate(fds_used)}
        charstrings = [code_of[g] for g in gids]

        # charset (format 0): glyph k has CID k, the code the PDF shows it with; FDSelect (format 0):
        # its Font DICT, renumbered
        charset = b"\0" + b"".join(k.to_bytes(2, "big") for k in range(1, len(gids)))
        fdselect = b"\0" + bytes(fd_new[fd_of[g]] for g in gids)
        d = self.d
        header = bytes(d[:d[2]])
        names = bytes(d[self.name_index[0]:self.name_index[1]])
        strings = bytes(d[self.strings[0]:self.strings[1]])
        gsubr_index = _sparse_index(len(self.gsubrs), used_g)
        cs_index = _write_index(charstrings)

        def top_dict(offsets: dict[int, int]) -> bytes:
            out = bytearray()
            for op, _ops, raw in self.top:
                if op in (15, 17, 1236, 1237):
                    out += _int5(offsets.get(op, 0)) + _op(op)
                elif op == 1234:                       # CIDCount: unchanged
                    out += raw
                elif op in (18, 16):
                    continue
                else:
                    out += raw
            return bytes(out)

        def private_dict(entries, has_subrs: bool) -> bytes:
            out = bytearray()
            for op, _ops, raw in entries:
                if op == 19:
                    continue
                out += raw
            if has_subrs:
                size = len(out) + 6                    # the Subrs entry itself: 5-byte int and operator
                out += _int5(size) + _op(19)
            return bytes(out)

        privates = []
        for fd in fds_used:
            entries, private, _subrs = self.fds[fd]
            has = bool(used_l[fd])
            pdict = private_dict(private, has)
            privates.append((entries, pdict, _sparse_index(len(_subrs), used_l[fd]) if has else b""))

        def fd_array(private_at: list[int]) -> bytes:
            dicts = []
            for (entries, pdict, _), at in zip(privates, private_at):
                out = bytearray()
                for op, _ops, raw in entries:
                    if op == 18:
                        out += _int5(len(pdict)) + _int5(at) + _op(18)
                    else:
                        out += raw
                dicts.append(bytes(out))
            return _write_index(dicts)

        # lay out: header, Name, Top DICT, String, Global Subrs, charset, FDSelect, CharStrings,
        # FDArray, then each Private DICT followed by its Subrs. Offsets are 5-byte ints, so the
        # sizes do not depend on the values and one pass with zeros gives the layout.
        top_len = len(_write_index([top_dict({})]))
        at = len(header) + len(names) + top_len + len(strings) + len(gsubr_index)
        charset_at = at
        fdselect_at = charset_at + len(charset)
        cs_at = fdselect_at + len(fdselect)
        fda_at = cs_at + len(cs_index)
        fda_len = len(fd_array([0] * len(privates)))
        private_at, p = [], fda_at + fda_len
        for _, pdict, subrs in privates:
            private_at.append(p)
            p += len(pdict) + len(subrs)
        top = _write_index([top_dict({15: charset_at, 17: cs_at, 1236: fda_at, 1237: fdselect_at})])
        out = bytearray(header + names + top + strings + gsubr_index + charset + fdselect + cs_index
                        + fd_array(private_at))
        for _, pdict, subrs in privates:
            out += pdict + subrs
        return bytes(out)


# ---------------------------------------------------------------- what glyphs reach, shipped

REACH_MAGIC = b"bulletin-cff-reach 1\n"


class ReachTable:
    """What the glyphs of common characters reach in one font, worked out beforehand
    (tools/make_cff_reach.py) and shipped with the program for the faces it ships: a first build
    on a machine with no Chinese font reads no glyph program of those characters. Holds only
    for the font it was made from (`fingerprint`: its head table, which changes with any byte of
    the file, and its CFF table's place); a glyph it does not list is read as usual."""

    def __init__(self, gids: array, ends: array, keys: array):
        self.gids, self.ends, self.keys = gids, ends, keys

    def get(self, gid: int) -> frozenset[int] | None:
        i = bisect_left(self.gids, gid)
        if i == len(self.gids) or self.gids[i] != gid:
            return None
        return frozenset(self.keys[self.ends[i - 1] if i else 0:self.ends[i]])

    @staticmethod
    def fingerprint(head: bytes, cff_at: tuple[int, int]) -> bytes:
        return bytes(head) + cff_at[0].to_bytes(4, "big") + cff_at[1].to_bytes(4, "big")

    def dump(self, fingerprint: bytes) -> bytes:
        import zlib

        body = b"".join(len(a).to_bytes(4, "big") + _big(a) for a in (self.gids, self.ends, self.keys))
        return REACH_MAGIC + len(fingerprint).to_bytes(2, "big") + fingerprint + zlib.compress(body, 9)

    @classmethod
    def load(cls, data: bytes, fingerprint: bytes) -> ReachTable | None:
        """The table in `data` if it was made from the font of `fingerprint`, else None."""
        import zlib

        if not data.startswith(REACH_MAGIC):
            return None
        at = len(REACH_MAGIC)
        size = int.from_bytes(data[at:at + 2], "big")
        if data[at + 2:at + 2 + size] != fingerprint:
            return None
        try:
            body = zlib.decompress(data[at + 2 + size:])
        except zlib.error:
            return None
        arrays, pos = [], 0
        for code in ("H", "I", "H"):
            count = int.from_bytes(body[pos:pos + 4], "big")
            width = array(code).itemsize
            part = array(code, body[pos + 4:pos + 4 + count * width])
            if len(part) != count:
                return None
            if sys.byteorder == "little":
                part.byteswap()
            arrays.append(part)
            pos += 4 + count * width
        gids, ends, keys = arrays
        if len(ends) != len(gids) or (ends and ends[-1] != len(keys)):
            return None
        return cls(gids, ends, keys)


def _big(a: array) -> bytes:
    b = array(a.typecode, a)
    if sys.byteorder == "little":
        b.byteswap()
    return b.tobytes()
