"""Subsetting a CID-keyed CFF font program (Noto / Source Han CJK OTF) for embedding in a PDF.

The subset holds .notdef and the glyphs used, in the order the document first used them
(a glyph may come twice: the PDF gives a compressed punctuation mark a code of its own with
a narrower width); its charset gives glyph k the CID k, the code the PDF shows it with
(Identity-H: the ordering is Identity, so CIDs mean nothing beyond the font), and its
FDSelect its original Font DICT. The subroutines the kept glyphs call
(found by reading their Type 2 charstrings: numbers, operators, hint masks) are kept,
renumbered in order, and the calls rewritten; the rest are dropped. Nothing is
converted or re-encoded: charstrings are copied byte for byte apart from those calls.
A name-keyed CFF is not read here (FontFormatError): editor.fontcache converts it.
"""

from __future__ import annotations

import re
from functools import cache

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
    if not items:
        return b"\0\0"
    total = sum(len(x) for x in items) + 1
    size = 1 if total < 1 << 8 else 2 if total < 1 << 16 else 3 if total < 1 << 24 else 4
    out = bytearray(len(items).to_bytes(2, "big") + bytes([size]))
    at = 1
    out += at.to_bytes(size, "big")
    for x in items:
        at += len(x)
        out += at.to_bytes(size, "big")
    for x in items:
        out += x
    return bytes(out)


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


def _t2_number(v: int) -> bytes:
    if -107 <= v <= 107:
        return bytes([v + 139])
    if 108 <= v <= 1131:
        v -= 108
        return bytes([(v >> 8) + 247, v & 0xFF])
    if -1131 <= v <= -108:
        v = -v - 108
        return bytes([(v >> 8) + 251, v & 0xFF])
    return bytes([28]) + int(v).to_bytes(2, "big", signed=True)




class _Scan:
    """Reads charstrings of one Font DICT's glyphs: which subroutines they call, and where."""

    def __init__(self, gsubrs: _Index, lsubrs: _Index | None):
        self.gsubrs, self.lsubrs = gsubrs, lsubrs
        self.gbias = _bias(len(gsubrs))
        self.lbias = _bias(len(lsubrs)) if lsubrs is not None else 0
        self.used_g: set[int] = set()
        self.used_l: set[int] = set()
        self.calls_local_from_global = False
        self._subs: dict[tuple[bool, int], bytes] = {}
        # what calling a subroutine without hints does: (clears the stack, depth after or added, ends)
        self._effects: dict[tuple[str, int], tuple[bool, int, bool]] = {}
        self.hints = self.clears = 0

    def glyph(self, code: bytes) -> list[tuple[int, int, str, int]]:
        self.stems, self.depth, self.done = 0, 0, False
        self.calls = []
        self._run(code, None)
        return self.calls

    def _run(self, code: bytes, where) -> None:
        """Execute for hints and calls; `where` names the subroutine being read (None: the glyph).

        One regular-expression match per operator that matters here (calls, hints, return,
        endchar): the drawing operators and their numbers are skipped by the pattern, so the
        interpreter's work is a few steps a glyph. The numbers before an operator are counted only
        where the count matters."""
        i, n = 0, len(code)
        _NUM, _NEXT, _REST = _patterns()
        search = _NEXT.match
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
                self.depth += len(_NUM.findall(code, a, b))
                return
            a, b = m.span(1)
            if a > i:                               # a drawing operator came first: it cleared the stack
                self.depth = 0
                self.clears += 1
            op = code[b]
            i = m.end()
            if op == 10 or op == 29:                # callsubr / callgsubr
                nums = list(_NUM.finditer(code, a, b))
                if not nums:
                    raise FontFormatError("CFF 子程序编号不是常数")
                self.depth += len(nums) - 1
                last = nums[-1]
                local = op == 10
                subrs = self.lsubrs if local else self.gsubrs
                if subrs is None:
                    raise FontFormatError("CFF 字形调用了不存在的子程序")
                index = _value(last.group()) + (self.lbias if local else self.gbias)
                if local and where is not None and where[0] == "g":
                    self.calls_local_from_global = True
                (self.used_l if local else self.used_g).add(index)
                key = ("l" if local else "g", index)
                self.calls.append((where, last.span(), key[0], index))
                effect = self._effects.get(key)
                if effect is not None:              # read before, and it holds no hints: only its effect
                    clears, value, ends = effect
                    self.depth = value if clears else self.depth + value
                    self.done = ends
                    continue
                d0, c0, h0 = self.depth, self.clears, self.hints
                self._run(self.sub(subrs, local, index), key)
                if self.hints == h0:
                    cleared = self.clears != c0
                    self._effects[key] = (cleared, self.depth if cleared else self.depth - d0, self.done)
                continue
            if op == 11:                            # return: its numbers stay for the caller
                self.depth += len(_NUM.findall(code, a, b))
                return
            if op == 14:                            # endchar
                self.done = True
                return
            self.stems += (self.depth + len(_NUM.findall(code, a, b))) // 2
            self.hints += 1
            if op == 19 or op == 20:                # hintmask / cntrmask: implicit vstems, then the mask
                i += (self.stems + 7) // 8
            self.depth = 0
            self.clears += 1

    def sub(self, subrs: _Index, local: bool, index: int) -> bytes:
        key = (local, index)
        code = self._subs.get(key)
        if code is None:
            code = self._subs[key] = subrs[index]
        return code


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
        from bisect import bisect_right

        i = bisect_right(sel[1], gid) - 1
        return sel[2][max(i, 0)]

    # ------------------------------------------------------------ the subset

    def subset(self, gids: list[int]) -> bytes:
        """The subset whose glyph k is original glyph gids[k] (gids[0] is .notdef; a glyph may come
        more than once), with CID k: the PDF shows glyph k with code k."""
        gids = [g if g < self.n else 0 for g in gids]
        by_fd: dict[int, list[int]] = {}
        for g in dict.fromkeys(gids):
            by_fd.setdefault(self._fd(g), []).append(g)
        gsub = self.gsubrs
        scans: dict[int, _Scan] = {}
        glyph_calls: dict[int, list] = {}
        for fd, members in by_fd.items():
            scan = scans[fd] = _Scan(gsub, self.fds[fd][2])
            for g in members:
                glyph_calls[g] = scan.glyph(self.charstrings[g])
        # renumber: global subrs over all fonts; local ones per Font DICT, unless a global subr calls a
        # local one (then its number means different subrs in different Font DICTs: keep them all)
        used_g = sorted(set().union(*(s.used_g for s in scans.values())) if scans else set())
        new_g = {old: i for i, old in enumerate(used_g)}
        keep_locals = any(s.calls_local_from_global for s in scans.values())
        fds_used = sorted(by_fd)
        fd_new = {fd: i for i, fd in enumerate(fds_used)}
        new_l: dict[int, dict[int, int]] = {}
        for fd in fds_used:
            subrs = self.fds[fd][2]
            if keep_locals and subrs is not None:
                new_l[fd] = {i: i for i in range(len(subrs))}
            else:
                new_l[fd] = {old: i for i, old in enumerate(sorted(scans[fd].used_l))}
        gbias_new = _bias(len(used_g))

        def rewrite(code: bytes, calls, fd: int) -> bytes:
            """`code` with each call's number replaced by the subroutine's new (biased) number."""
            lmap = new_l[fd]
            lbias_new = _bias(len(lmap))
            out, at = bytearray(), 0
            for _where, span, kind, old in calls:
                if span is None:
                    raise FontFormatError("CFF 子程序编号不是常数")
                out += code[at:span[0]]
                new = new_g[old] - gbias_new if kind == "g" else lmap[old] - lbias_new
                out += _t2_number(new)
                at = span[1]
            out += code[at:]
            return bytes(out)

        # calls grouped by where they are written: the glyph itself, or a subroutine
        sub_calls: dict[tuple, list] = {}
        charstrings = []
        for g in gids:
            fd = self._fd(g)
            own = [c for c in glyph_calls[g] if c[0] is None]
            for c in glyph_calls[g]:
                if c[0] is not None:
                    key = (c[0][0], c[0][1], None if c[0][0] == "g" else fd)
                    sub_calls.setdefault(key, {})[c[1]] = c
            charstrings.append(rewrite(self.charstrings[g], own, fd))
        # a global subroutine calls only global ones (or, with keep_locals, local ones kept in place)
        gitems = []
        for old in used_g:
            calls = sorted(sub_calls.get(("g", old, None), {}).values(), key=lambda c: c[1][0])
            if keep_locals:
                calls = [c for c in calls if c[2] == "g"]
            gitems.append(rewrite(gsub[old], calls, fds_used[0]) if calls else gsub[old])
        local_items: dict[int, list[bytes]] = {}
        for fd in fds_used:
            subrs = self.fds[fd][2]
            items = []
            for old in sorted(new_l[fd], key=new_l[fd].get):
                calls = sorted(sub_calls.get(("l", old, fd), {}).values(), key=lambda c: c[1][0])
                items.append(rewrite(subrs[old], calls, fd) if calls else subrs[old])
            local_items[fd] = items

        # charset (format 0): glyph k has CID k, the code the PDF shows it with; FDSelect (format 0):
        # its Font DICT, renumbered
        charset = b"\0" + b"".join(k.to_bytes(2, "big") for k in range(1, len(gids)))
        fdselect = b"\0" + bytes(fd_new[self._fd(g)] for g in gids)
        d = self.d
        header = bytes(d[:d[2]])
        names = bytes(d[self.name_index[0]:self.name_index[1]])
        strings = bytes(d[self.strings[0]:self.strings[1]])
        gsubr_index = _write_index(gitems)
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
            has = bool(local_items[fd])
            pdict = private_dict(private, has)
            privates.append((entries, pdict, _write_index(local_items[fd]) if has else b""))

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
