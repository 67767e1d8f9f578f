"""Trim the ICU data that PySide6's Linux wheels bundle (libicudata.so.NN, 32 MB) to what Qt asks
of it for a Chinese editor: collation, case mapping, normalisation and IDNA data, and the GB 18030
and Unicode converters, for the root, English and Chinese locales.

Qt formats dates and numbers from its own CLDR tables and finds text boundaries and line breaks with
its own Unicode tables; ICU serves it collation (QCollator), locale case mapping, IDNA and legacy
codecs. So the other 700 locales, the break-iterator rules and dictionaries (3.4 MB, the CJK one
2 MB), character names and transliterators are dead weight: 32 MB → 6 MB. Windows and macOS wheels use the system's ICU,
so this runs on Linux only. Chromium and Electron ship trimmed ICU data for the same reason.

The ICU "common data" package (format CmnD) is a header, a table of contents (count, then name
offset and data offset pairs relative to the table) and 16-byte aligned items; this reads the
package out of the library's one exported symbol and writes a library with the kept items, built
with the C compiler (an assembler .incbin), so no ICU tool is needed.

    python packaging/trim_icu.py PATH/TO/libicudata.so.73      (replaces it; prints the sizes)
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|en|en_US|en_001|en_150|zh|zh_Hans|zh_Hans_CN|zh_CN|zh_Hant|zh_Hant_TW|"
                          r"zh_TW|zh_Hant_HK|zh_HK|zh_Hans_SG|zh_SG)$")
# Non-locale resource bundles (supplemental data, indexes, aliases) have these names or start with _.
NOT_A_LOCALE = re.compile(r"^(_.*|pool|res_index|supplementalData|metaZones|timezoneTypes|windowsZones|"
                          r"keyTypeData|likelySubtags|plurals|numberingSystems|icuver|icustd|"
                          r"currencyNumericCodes|genderList|grammaticalFeatures|dayPeriods|pluralRanges|units|"
                          r"tzdbNames|zoneinfo64|langInfo|supplementalMetadata|cnvalias)$")
KEEP_CONVERTERS = ("gb18030", "utf", "ibm-1208", "ibm-5348", "windows-1252", "iso-8859_1", "us-ascii",
                   "ibm-1386", "ibm-1383", "icu-internal")


def wanted(name: str) -> bool:
    """Whether ICU item `name` (tree/path/file.ext, e.g. icudt73l/coll/de.res) stays."""
    path = name.split("/", 1)[1] if "/" in name else name
    stem, _, ext = path.rsplit("/", 1)[-1].rpartition(".")
    if path.startswith(("translit/", "brkitr/")) or path in ("unames.icu", "icu-internal-compound-t.cnv"):
        return False          # transliterators, break iterators, character names, X11 compound text
    if ext == "res":
        return bool(NOT_A_LOCALE.match(stem) or KEEP_LOCALES.match(stem))
    if ext == "cnv":
        return any(k in stem for k in KEEP_CONVERTERS)
    return True               # normalisation, case and property data, collation tables


def exported_object(lib: bytes, name: bytes) -> tuple[int, int]:
    """File offset and size of the object `name` exported by a 64-bit little-endian ELF library."""
    if lib[:4] != b"\x7fELF" or lib[4] != 2 or lib[5] != 1:
        raise ValueError("不是 64 位 ELF 库")
    shoff, = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize) for i in range(shnum)]
    for sh in sections:
        if sh[1] != 11:                          # SHT_DYNSYM
            continue
        strtab = sections[sh[6]]                 # sh_link: its string table
        for k in range(sh[5] // 24):
            st_name, _, _, _, st_value, st_size = struct.unpack_from("<IBBHQQ", lib, sh[4] + 24 * k)
            at = strtab[4] + st_name
            if lib[at:lib.index(b"\0", at)] == name:
                # a virtual address: map it to the file through the section that holds it
                home = next(s for s in sections if s[3] <= st_value < s[3] + s[5] and s[1] != 8)
                return home[4] + st_value - home[3], st_size
    raise ValueError(f"库中没有 {name.decode()}")


def read_package(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its (name, data) items."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("不是 ICU 数据包（CmnD）")
    toc = header_size
    count = struct.unpack_from("<I", package, toc)[0]
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        name = package[toc + name_off:package.index(b"\0", toc + name_off)].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(package)
        items.append((name, package[toc + data_off:end]))
    return package[:toc], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    count = len(items)
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    table = 4 + 8 * count
    data_start = (len(header) + table + len(names) + 15) // 16 * 16 - len(header)
    out_entries, blobs, offset, name_off = [], [], data_start, table
    for name, data in items:
        out_entries.append(struct.pack("<II", name_off, offset))
        name_off += len(name) + 1
        padded = data + b"\xaa" * (-len(data) % 16)
        blobs.append(padded)
        offset += len(padded)
    body = struct.pack("<I", count) + b"".join(out_entries) + names
    body += b"\xaa" * (data_start - len(body))
    return header + body + b"".join(blobs)


def build_library(package: bytes, symbol: str, soname: str, target: Path) -> None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise FileNotFoundError("没有 C 编译器（cc/gcc）")
    with tempfile.TemporaryDirectory() as tmp:
        dat, asm = Path(tmp, "icu.dat"), Path(tmp, "icu.S")
        dat.write_bytes(package)
        asm.write_text(f""".section .rodata
.globl {symbol}
.type {symbol}, @object
.balign 16
{symbol}:
.incbin "{dat}"
.size {symbol}, . - {symbol}
.section .note.GNU-stack,"",@progbits
""", encoding="ascii")
        out = Path(tmp, soname)
        subprocess.run([cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(out), str(asm)], check=True)
        shutil.copyfile(out, target)


def trim(lib_path: Path) -> tuple[int, int]:
    """Replace `lib_path` with a trimmed copy; (old size, new size)."""
    lib = lib_path.read_bytes()
    m = re.search(rb"(icudt\d+)_dat", lib)
    if m is None:
        raise ValueError(f"{lib_path} 不是 ICU 数据库")
    offset, size = exported_object(lib, m.group(0))
    header, items = read_package(lib[offset:offset + size])
    kept = [(n, d) for n, d in items if wanted(n)]
    build_library(write_package(header, kept), m.group(0).decode(), lib_path.name, lib_path)
    return len(lib), lib_path.stat().st_size


if __name__ == "__main__":
    before, after = trim(Path(sys.argv[1]))
    print(f"ICU 数据：{before / 1e6:.1f} MB → {after / 1e6:.1f} MB")
