"""The PDF file itself: objects, pages, fonts, links, outline, page labels, metadata; PDF/A-2b.

The writer draws with a few dozen operators (text written by paragraph.TextOps, rules,
rectangles, the QR code's modules, images), so it writes PDF objects itself rather than
through reportlab: that import was a fifth of a build, reportlab cannot embed CFF fonts,
and its canvas writes what PDF/A forbids (an unembedded Helvetica, /Trans on every page).
`Canvas` offers the drawing calls the blocks use, with reportlab's names.

With `pdfa=True` the file is PDF/A-2b: XMP metadata matching the Info dictionary (title,
issue line, publisher, language), an sRGB output intent, every font embedded, a file ID,
printable annotations, nothing else PDF/A-2 forbids.
"""

from __future__ import annotations

import datetime
import zlib


class Name(str):
    """A PDF name (/Type)."""


class Raw(str):
    """Written as is."""


class TextString(str):
    """A PDF text string: (ASCII) or UTF-16BE with a byte-order mark."""


class Ref(int):
    def __repr__(self) -> str:
        return f"{int(self)} 0 R"


class Stream:
    def __init__(self, data: bytes, extra: dict | None = None, compressed: bool = False, compress: bool = True):
        self.data, self.extra = data, dict(extra or {})
        if not compressed and compress and len(data) > 64:
            self.data = zlib.compress(data, 6)
            self.extra["Filter"] = Name("FlateDecode")


def _escape_literal(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("\r", "\\r")


def serialize(v) -> str:
    if isinstance(v, Ref):
        return f"{int(v)} 0 R"
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, Name):
        return "/" + "".join(c if 33 <= ord(c) < 127 and c not in "()<>[]{}/%#" else
                             "".join(f"#{b:02X}" for b in c.encode("utf-8")) for c in v)
    if isinstance(v, str):          # TextString or plain text
        if all(32 <= ord(c) < 127 for c in v):
            return f"({_escape_literal(v)})"
        return "<FEFF" + v.encode("utf-16-be").hex().upper() + ">"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    if v is None:
        return "null"
    if isinstance(v, dict):
        return "<<" + " ".join(f"/{k} {serialize(x)}" for k, x in v.items()) + ">>"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(serialize(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to PDF")


class Document:
    """Numbered objects, written out in order with a cross-reference table."""

    def __init__(self):
        self.objects: list = [None]

    def reserve(self) -> Ref:
        self.objects.append(None)
        return Ref(len(self.objects) - 1)

    def add(self, obj, ref: Ref | None = None) -> Ref:
        if ref is None:
            self.objects.append(obj)
            return Ref(len(self.objects) - 1)
        self.objects[ref] = obj
        return ref

    def bytes(self, root: Ref, info: Ref, file_id: bytes) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = [0]
        for num in range(1, len(self.objects)):
            offsets.append(len(out))
            obj = self.objects[num]
            if isinstance(obj, Stream):
                head = serialize({**obj.extra, "Length": len(obj.data)})
                out += f"{num} 0 obj\n{head}\nstream\n".encode("latin-1") + obj.data + b"\nendstream\nendobj\n"
            else:
                out += f"{num} 0 obj\n{serialize(obj)}\nendobj\n".encode("latin-1")
        xref = len(out)
        out += f"xref\n0 {len(self.objects)}\n0000000000 65535 f \n".encode("ascii")
        out += "".join(f"{o:010d} 00000 n \n" for o in offsets[1:]).encode("ascii")
        fid = file_id.hex().upper()
        out += (f"trailer\n<</Size {len(self.objects)} /Root {int(root)} 0 R /Info {int(info)} 0 R "
                f"/ID [<{fid}> <{fid}>]>>\nstartxref\n{xref}\n%%EOF\n").encode("ascii")
        return bytes(out)


LABEL_STYLES = {"ARABIC": "D", "ROMAN_LOWER": "r", "ROMAN_UPPER": "R", "LETTERS_LOWER": "a",
                "LETTERS_UPPER": "A"}


class _Path:
    def __init__(self):
        self.ops: list[str] = []

    def rect(self, x, y, w, h) -> None:
        self.ops.append(f"{x:.3f} {y:.3f} {w:.3f} {h:.3f} re")


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))


class Canvas:
    """Pages drawn one after another; `save()` writes the file."""

    def __init__(self, path, pagesize: tuple[float, float], lang: str = "zh-CN", pdfa: bool = False):
        self.path = str(path)
        self.width, self.height = pagesize
        self.lang = lang
        self.pdfa = pdfa
        self.doc = Document()
        self.pages_ref = self.doc.reserve()
        self.pages: list[dict] = []           # per page: content, annotations, fonts, images
        self.info: dict[str, str] = {}
        self.fonts: dict[str, object] = {}    # key → EmbeddedFont (per document)
        self.dests: dict[str, tuple[int, float]] = {}
        self.outline: list[tuple[str, str, int, bool]] = []
        self.labels: list[tuple[int, dict]] = []
        self.viewer: dict[str, bool] = {}
        self._images: dict[str, tuple[Ref, str]] = {}
        self._new_page()

    # ------------------------------------------------------------ pages

    def _new_page(self) -> None:
        self._code: list[str] = []
        self._annots: list[dict] = []
        self._page_fonts: dict[str, object] = {}
        self._page_images: dict[str, Ref] = {}
        self._offset = [(0.0, 0.0)]

    def getPageNumber(self) -> int:
        return len(self.pages) + 1

    def showPage(self) -> None:
        self.pages.append({"code": "\n".join(self._code), "annots": self._annots, "fonts": self._page_fonts,
                           "images": self._page_images})
        self._new_page()

    # ------------------------------------------------------------ state and drawing

    def saveState(self) -> None:
        self._code.append("q")
        self._offset.append(self._offset[-1])

    def restoreState(self) -> None:
        self._code.append("Q")
        if len(self._offset) > 1:
            self._offset.pop()

    def translate(self, dx: float, dy: float) -> None:
        self._code.append(f"1 0 0 1 {_num(dx)} {_num(dy)} cm")
        x, y = self._offset[-1]
        self._offset[-1] = (x + dx, y + dy)

    def setFillColor(self, c) -> None:
        self._code.append(f"{c.red:.3f} {c.green:.3f} {c.blue:.3f} rg")

    def setStrokeColor(self, c) -> None:
        self._code.append(f"{c.red:.3f} {c.green:.3f} {c.blue:.3f} RG")

    def setFillColorRGB(self, r: float, g: float, b: float) -> None:
        self._code.append(f"{r:.3f} {g:.3f} {b:.3f} rg")

    def setLineWidth(self, w: float) -> None:
        self._code.append(f"{_num(w)} w")

    def setLineCap(self, cap: int) -> None:
        self._code.append(f"{int(cap)} J")

    def setDash(self, pattern, phase: float = 0) -> None:
        self._code.append(f"[{' '.join(_num(v) for v in pattern)}] {_num(phase)} d")

    def line(self, x1, y1, x2, y2) -> None:
        self._code.append(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S")

    def rect(self, x, y, w, h, stroke: int = 1, fill: int = 0) -> None:
        op = "B" if stroke and fill else "f" if fill else "S" if stroke else "n"
        self._code.append(f"{x:.3f} {y:.3f} {w:.3f} {h:.3f} re {op}")

    def beginPath(self) -> _Path:
        return _Path()

    def drawPath(self, path: _Path, stroke: int = 1, fill: int = 0) -> None:
        op = "B" if stroke and fill else "f" if fill else "S" if stroke else "n"
        self._code.append("\n".join(path.ops) + f" {op}")

    def use_font(self, font) -> str:
        """The page resource name of an EmbeddedFont, naming it on first use in the document."""
        if not font.name:
            font.name = f"FC{len(self.fonts) + 1}"
            self.fonts[font.key] = font
        self._page_fonts[font.name] = font
        return font.name

    # ------------------------------------------------------------ images

    def drawImage(self, path: str, x: float, y: float, w: float, h: float, mask=None) -> None:
        entry = self._images.get(path)
        if entry is None:
            from .images import image_xobject

            entry = self._images[path] = (self.doc.add(image_xobject(path, self.doc)), f"Im{len(self._images) + 1}")
        ref, name = entry
        self._page_images[name] = ref
        self._code.append(f"q {w:.3f} 0 0 {h:.3f} {x:.3f} {y:.3f} cm /{name} Do Q")

    # ------------------------------------------------------------ links, destinations, outline

    def _abs(self, rect) -> list[float]:
        dx, dy = self._offset[-1]
        x0, y0, x1, y1 = rect
        return [round(x0 + dx, 2), round(y0 + dy, 2), round(x1 + dx, 2), round(y1 + dy, 2)]

    def linkURL(self, url: str, rect, relative: int = 1) -> None:
        self._annots.append({"Rect": self._abs(rect), "A": {"S": Name("URI"), "URI": TextString(url)}})

    def linkRect(self, _contents: str, dest: str, rect, relative: int = 1) -> None:
        self._annots.append({"Rect": self._abs(rect), "dest": dest})

    def bookmarkHorizontal(self, key: str, x: float, y: float) -> None:
        self.dests.setdefault(key, (len(self.pages), self._offset[-1][1] + y))

    def addOutlineEntry(self, title: str, key: str, level: int = 0, closed: bool = False) -> None:
        self.outline.append((title, key, level, closed))

    def addPageLabel(self, page_index: int, style: str | None = None, start: int | None = None,
                     prefix: str | None = None) -> None:
        label: dict = {}
        if style:
            label["S"] = Name(LABEL_STYLES.get(style, "D"))
        if prefix:
            label["P"] = TextString(prefix)
        if start is not None:
            label["St"] = int(start)
        self.labels.append((page_index, label))

    # ------------------------------------------------------------ document information

    def setTitle(self, v: str) -> None:
        self.info["Title"] = v

    def setAuthor(self, v: str) -> None:
        self.info["Author"] = v

    def setSubject(self, v: str) -> None:
        self.info["Subject"] = v

    def setCreator(self, v: str) -> None:
        self.info["Creator"] = v

    def setKeywords(self, words) -> None:
        self.info["Keywords"] = ", ".join(words) if isinstance(words, (list, tuple)) else str(words)

    def setViewerPreference(self, key: str, value) -> None:
        self.viewer[key] = value in (True, "true")

    def showOutline(self) -> None:
        self.viewer["_outline"] = True

    # ------------------------------------------------------------ writing

    def save(self) -> None:
        if self._code or not self.pages:
            self.showPage()
        doc = self.doc
        page_refs = [doc.reserve() for _ in self.pages]
        font_refs = {font.name: font.write(doc) for font in self.fonts.values()}
        for ref, page in zip(page_refs, self.pages):
            annots = []
            for a in page["annots"]:
                annot = {"Type": Name("Annot"), "Subtype": Name("Link"), "Rect": a["Rect"],
                         "Border": [0, 0, 0], "F": 4}
                if "dest" in a:
                    target = self.dests.get(a["dest"])
                    if target is None:
                        continue
                    annot["Dest"] = [page_refs[target[0]], Name("XYZ"), 0, round(target[1], 2), 0]
                else:
                    annot["A"] = a["A"]
                annots.append(doc.add(annot))
            resources: dict = {}
            if page["fonts"]:
                resources["Font"] = {name: font_refs[name] for name in page["fonts"]}
            if page["images"]:
                resources["XObject"] = dict(page["images"])
            content = doc.add(Stream(page["code"].encode("latin-1")))
            obj = {"Type": Name("Page"), "Parent": self.pages_ref,
                   "MediaBox": [0, 0, round(self.width, 3), round(self.height, 3)],
                   "Resources": resources, "Contents": content}
            if annots:
                obj["Annots"] = annots
            doc.add(obj, ref)
        doc.add({"Type": Name("Pages"), "Kids": page_refs, "Count": len(page_refs)}, self.pages_ref)
        now = datetime.datetime.now().astimezone()
        stamp = now.strftime("D:%Y%m%d%H%M%S") + _tz(now)
        info = {k: TextString(v) for k, v in self.info.items()}
        info["Producer"] = TextString(self.info.get("Creator", "bulletin"))
        info["CreationDate"] = info["ModDate"] = Raw(f"({stamp})")
        info_ref = doc.add(info)
        seed = repr((self.info, len(self.pages), stamp)).encode("utf-8")
        file_id = b"".join(zlib.crc32(seed, k).to_bytes(4, "big") for k in range(4))
        catalog = {"Type": Name("Catalog"), "Pages": self.pages_ref, "Lang": TextString(self.lang)}
        if self.viewer.get("DisplayDocTitle"):
            catalog["ViewerPreferences"] = {"DisplayDocTitle": True}
        outline = self._write_outline(page_refs)
        if outline is not None:
            catalog["Outlines"] = outline
            if self.viewer.get("_outline"):
                catalog["PageMode"] = Name("UseOutlines")
        if self.labels:
            nums = []
            for index, label in sorted(dict(self.labels).items()):
                nums += [index, label]
            catalog["PageLabels"] = {"Nums": nums}
        if self.pdfa:
            from .pdfa import metadata_stream, output_intent

            catalog["Metadata"] = doc.add(metadata_stream(self.info, self.lang, now))
            catalog["OutputIntents"] = [doc.add(output_intent(doc))]
        root = doc.add(catalog)
        data = doc.bytes(root, info_ref, file_id)
        with open(self.path, "wb") as f:
            f.write(data)

    def _write_outline(self, page_refs: list[Ref]) -> Ref | None:
        entries = [e for e in self.outline if e[1] in self.dests]
        if not entries:
            return None
        doc = self.doc
        root = doc.reserve()
        nodes = [{"ref": doc.reserve(), "title": t, "key": k, "level": lvl, "children": []}
                 for t, k, lvl, _closed in entries]
        top: list[dict] = []
        stack: list[dict] = []
        for node in nodes:
            while stack and stack[-1]["level"] >= node["level"]:
                stack.pop()
            (stack[-1]["children"] if stack else top).append(node)
            stack.append(node)

        def write(siblings: list[dict], parent: Ref) -> int:
            total = 0
            for i, node in enumerate(siblings):
                page, y = self.dests[node["key"]]
                obj = {"Title": TextString(node["title"]), "Parent": parent,
                       "Dest": [page_refs[page], Name("XYZ"), 0, round(y, 2), 0]}
                if i:
                    obj["Prev"] = siblings[i - 1]["ref"]
                if i + 1 < len(siblings):
                    obj["Next"] = siblings[i + 1]["ref"]
                kids = node["children"]
                if kids:
                    obj["First"], obj["Last"] = kids[0]["ref"], kids[-1]["ref"]
                    obj["Count"] = write(kids, node["ref"])
                doc.add(obj, node["ref"])
                total += 1 + obj.get("Count", 0)
            return total

        count = write(top, root)
        doc.add({"Type": Name("Outlines"), "First": top[0]["ref"], "Last": top[-1]["ref"], "Count": count}, root)
        return root


def _tz(now: datetime.datetime) -> str:
    off = now.utcoffset() or datetime.timedelta(0)
    minutes = int(off.total_seconds() // 60)
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"
