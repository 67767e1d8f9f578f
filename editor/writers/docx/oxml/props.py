"""Properties in WordprocessingML that python-docx has no API for, in schema order.

On style and document elements (python-docx objects' `.element`): East Asian
fonts with no theme font overriding them and lang zh-CN, the document defaults,
indents in characters (首行缩进 2 字符), paragraph borders and shading, CJK
line-breaking flags, outline levels, letter spacing, page-number format and
start, the document grid and the settings Word reads on open (update fields,
punctuation compression, embedded fonts).

Children are inserted in schema order (CT_PPr, CT_RPr, CT_SectPr, CT_Settings):
Word reports an out-of-order child as a damaged file.
"""

from __future__ import annotations


from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from ....records import record

TWIPS_PER_MM = 1440 / 25.4
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
             "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
             "vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()
SECTPR_ORDER = ("headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
                "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
                "printerSettings sectPrChange").split()
SETTINGS_ORDER = ("writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
                  "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
                  "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
                  "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
                  "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign "
                  "attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
                  "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
                  "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
                  "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
                  "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
                  "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
                  "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                  "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
                  "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
                  "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
                  "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
                  "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                  "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
                  "rsids m:mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
                  "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
                  "sl:schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator").split()
# CT_Settings holds two children of other namespaces in its sequence (m:mathPr from Office Math,
# sl:schemaLibrary), which Word writes; ranked by their full names, not as if they were w: ones
_RANK = {name: {qn(tag if ":" in tag else "w:" + tag): i for i, tag in enumerate(order)}
         for name, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER), ("sectPr", SECTPR_ORDER),
                             ("settings", SETTINGS_ORDER))}


def twips(points: float) -> int:
    return int(round(points * 20))


def hex_color(value: str) -> str:
    return value.lstrip("#").upper()


def tint(value: str, amount: float) -> str:
    """`value` mixed with white: amount 0 is white, 1 the colour itself."""
    v = hex_color(value)
    rgb = [int(v[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * amount):02X}" for c in rgb)


# ---------------------------------------------------------------- elements in schema order

_CLARK: dict[str, str] = {}


def _clark(tag: str) -> str:
    """qn() remembered: styles set a few dozen tags hundreds of times."""
    name = _CLARK.get(tag)
    if name is None:
        name = _CLARK[tag] = qn(tag)
    return name


def set_child(parent, tag: str, attrs: dict[str, str] | None = None, children: tuple = ()):
    """Replace `parent`'s child `tag` (e.g. "w:kinsoku") by a new one with `attrs` (prefixed names),
    placed where the schema wants it among the children already there. Returns the new element."""
    order = _RANK[parent.tag.rsplit("}", 1)[1]]
    name = _clark(tag)
    for old in parent.findall(name):
        parent.remove(old)
    new = parent.makeelement(name, {_clark(k): v for k, v in attrs.items()} if attrs else {})
    for child in children:
        new.append(child)
    rank = order[name]
    for i, child in enumerate(parent):
        # later in the sequence, or an extension element (w14:…, w15:…), which comes last
        tag_ = child.tag
        later = order.get(tag_)
        if (later is not None and later > rank) or (later is None and isinstance(tag_, str)
                                                     and not tag_.startswith(_W_CLARK)):
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


_W_CLARK = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _flag(parent, tag: str, on: bool = True) -> None:
    set_child(parent, tag, None if on else {"w:val": "0"})


# ---------------------------------------------------------------- run properties (rPr)

def east_asian_fonts(rpr, latin: str, east_asia: str) -> None:
    """Latin and East Asian faces, with no theme font attribute that Word would prefer to them."""
    set_child(rpr, "w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin})


def language(rpr, east_asia: str = "zh-CN") -> None:
    set_child(rpr, "w:lang", {"w:val": "en-US", "w:eastAsia": east_asia, "w:bidi": "ar-SA"})


def letter_spacing(rpr, points: float) -> None:
    set_child(rpr, "w:spacing", {"w:val": str(twips(points))})


def complex_script_bold(rpr, bold: bool) -> None:
    _flag(rpr, "w:bCs", bold)


def complex_script_size(rpr, points: float) -> None:
    set_child(rpr, "w:szCs", {"w:val": str(int(round(points * 2)))})


# ---------------------------------------------------------------- paragraph properties (pPr)

@record(eq=True, frozen=True)
class Border:
    """A paragraph border on one side."""

    side: str             # top / left / bottom / right
    val: str = "single"   # single, thickThinSmallGap, thinThickSmallGap …
    size: float = 0.5     # points
    color: str = "000000"
    space: int = 1        # points between border and text


def borders(ppr, sides: tuple[Border, ...]) -> None:
    order = {"top": 0, "left": 1, "bottom": 2, "right": 3}
    items = tuple(ppr.makeelement(_clark(f"w:{b.side}"), {
        _clark("w:val"): b.val, _clark("w:sz"): str(max(2, round(b.size * 8))),
        _clark("w:space"): str(max(0, min(31, round(b.space)))),
        _clark("w:color"): hex_color(b.color)}) for b in sorted(sides, key=lambda b: order[b.side]))
    set_child(ppr, "w:pBdr", children=items)


def shading(ppr, fill: str) -> None:
    set_child(ppr, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": hex_color(fill)})


def cjk_line_breaking(ppr) -> None:
    """Chinese punctuation rules (避头尾, hanging punctuation), no extra space between CJK and Latin
    text, and no snapping to the document grid (which would stretch exact line heights)."""
    _flag(ppr, "w:kinsoku")
    _flag(ppr, "w:overflowPunct")
    _flag(ppr, "w:autoSpaceDE", False)
    _flag(ppr, "w:autoSpaceDN", False)
    _flag(ppr, "w:snapToGrid", False)


def indents(ppr, *, size: float, first_chars: float = 0.0, left_chars: float = 0.0, left: float = 0.0,
            right: float = 0.0, hanging: float = 0.0) -> None:
    """Indents in characters where Word has them (firstLineChars, leftChars: 首行缩进 2 字符 stays
    two characters when the size changes), with the twips equivalent at `size` for other readers."""
    attrs = {}
    if left_chars or left:
        attrs["w:leftChars"] = str(round(left_chars * 100))
        attrs["w:left"] = str(twips(left_chars * size + left))
    if right:
        attrs["w:right"] = str(twips(right))
    if hanging:
        attrs["w:hanging"] = str(twips(hanging))
    elif first_chars:
        attrs["w:firstLineChars"] = str(round(first_chars * 100))
        attrs["w:firstLine"] = str(twips(first_chars * size))
    else:
        attrs["w:firstLineChars"] = "0"
        attrs["w:firstLine"] = "0"
    set_child(ppr, "w:ind", attrs)


def outline_level(ppr, level: int) -> None:
    """0-based outline level: the navigation pane and the PDF bookmarks of Word's export."""
    set_child(ppr, "w:outlineLvl", {"w:val": str(level)})


# ---------------------------------------------------------------- styles part

def doc_defaults(styles, latin: str, east_asia: str, size: float, lang: str) -> None:
    """The document defaults (w:docDefaults) naming the body faces and Chinese, single spacing."""
    old = styles.find(qn("w:docDefaults"))
    if old is not None:
        styles.remove(old)
    rpr = OxmlElement("w:rPr")
    east_asian_fonts(rpr, latin, east_asia)
    half = str(int(round(size * 2)))
    set_child(rpr, "w:sz", {"w:val": half})
    set_child(rpr, "w:szCs", {"w:val": half})
    language(rpr, lang)
    defaults = parse_xml(f'<w:docDefaults {nsdecls("w")}><w:rPrDefault/><w:pPrDefault><w:pPr>'
                         '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
                         '</w:docDefaults>')
    defaults[0].append(rpr)
    styles.insert(0, defaults)


def make_default(style) -> None:
    """Mark a style element as the default of its type (Normal for paragraphs)."""
    style.set(qn("w:default"), "1")


def strip_theme_fonts(root) -> int:
    """Remove theme font attributes that would override an explicit font in the same w:rFonts
    (w:eastAsiaTheme beside w:eastAsia …) under `root`. Returns how many.

    A reference document's theme-only fonts are its author's choice and stay, with its theme.
    """
    n = 0
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            explicit = "w:cs" if attr == "w:cstheme" else attr.replace("Theme", "")
            if fonts.get(qn(attr)) is not None and fonts.get(qn(explicit)) is not None:
                del fonts.attrib[qn(attr)]
                n += 1
    return n


# ---------------------------------------------------------------- sections and settings

def page_numbering(sect_pr, fmt: str | None, start: int | None) -> None:
    """Page numbers of a section: format (decimal, lowerRoman) and the number of its first page."""
    attrs = {}
    if fmt:
        attrs["w:fmt"] = fmt
    if start:
        attrs["w:start"] = str(start)
    if attrs:
        set_child(sect_pr, "w:pgNumType", attrs)


def without_page_layout(sect_pr, settings) -> None:
    """Empty a section's settings and drop the document settings that change the page layout of
    every section: even-page headers, mirrored margins, book folds."""
    for child in list(sect_pr):
        sect_pr.remove(child)
    for tag in ("w:evenAndOddHeaders", "w:mirrorMargins", "w:gutterAtTop", "w:bookFoldPrinting",
                "w:bookFoldRevPrinting"):
        for el in settings.findall(_clark(tag)):
            settings.remove(el)


def no_document_grid(sect_pr) -> None:
    """A section without the East Asian line grid, so exact line heights are what the styles say."""
    set_child(sect_pr, "w:docGrid", {"w:type": "default", "w:linePitch": "312"})


# a reference document's settings that would act on ours: protection, revision tracking, a mail
# merge's data source, proofing marks and revision ids of its own text, its variables, a preview
# of its own first page, and updating every field on open (our contents are filled in already)
NOT_CARRIED = ("w:writeProtection", "w:documentProtection", "w:trackRevisions", "w:revisionView", "w:mailMerge",
               "w:proofState", "w:rsids", "w:docVars", "w:savePreviewPicture", "w:updateFields",
               "w:attachedTemplate", "w:removePersonalInformation", "w:removeDateAndTime")
COMPAT_URI = "http://schemas.microsoft.com/office/word"
LEAST_COMPAT = 15           # Word 2013 and later: no compatibility mode
AFTER_FE_LAYOUT = ("useNormalStyleForList doNotUseIndentAsNumberingTabStop useAltKinsokuLineBreakRules "
                   "allowSpaceOfSameStyleInTable doNotSuppressIndentation doNotAutofitConstrainedTables "
                   "autofitToFirstFixedWidthCell underlineTabInNumList displayHangulFixedWidth "
                   "splitPgBreakAndParaMark doNotVertAlignCellWithSp doNotBreakConstrainedForcedTable "
                   "doNotVertAlignInTxbx useAnsiKerningPairs cachedColBalance compatSetting").split()


def prepare_settings(settings, lang: str) -> None:
    """Punctuation compressed as CJK print does; East Asian text is `lang`; Word's own layout (no
    compatibility mode below Word 2013's), and none of a reference document's settings that would act
    on our document (NOT_CARRIED)."""
    for tag in NOT_CARRIED:
        for el in settings.findall(_clark(tag)):
            settings.remove(el)
    set_child(settings, "w:defaultTabStop", {"w:val": "420"})
    set_child(settings, "w:characterSpacingControl", {"w:val": "compressPunctuation"})
    set_child(settings, "w:themeFontLang", {"w:val": "en-US", "w:eastAsia": lang})
    compat = settings.find(_clark("w:compat"))
    if compat is None:
        compat = set_child(settings, "w:compat")
    if compat.find(_clark("w:useFELayout")) is None:
        # East Asian layout on: in CT_Compat's sequence after the legacy flags, before these
        later = {_clark("w:" + t) for t in AFTER_FE_LAYOUT}
        at = next((i for i, c in enumerate(compat) if c.tag in later), len(compat))
        compat.insert(at, compat.makeelement(_clark("w:useFELayout"), {}))
    mode = next((c for c in compat.findall(_clark("w:compatSetting"))
                 if c.get(_clark("w:name")) == "compatibilityMode"), None)
    if mode is None:
        mode = compat.makeelement(_clark("w:compatSetting"), {_clark("w:name"): "compatibilityMode",
                                                              _clark("w:uri"): COMPAT_URI})
        compat.append(mode)
    try:
        current = int(mode.get(_clark("w:val"), "0"))
    except ValueError:
        current = 0
    if current < LEAST_COMPAT:
        mode.set(_clark("w:val"), str(LEAST_COMPAT))


def default_language(styles, east_asia: str) -> None:
    """The document defaults' East Asian language (a generic template says en-US), nothing else changed."""
    defaults = styles.find(_clark("w:docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(_clark("w:docDefaults"), {})
        styles.insert(0, defaults)
    rpr_default = defaults.find(_clark("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = defaults.makeelement(_clark("w:rPrDefault"), {})
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_clark("w:rPr"))
    if rpr is None:
        rpr = rpr_default.makeelement(_clark("w:rPr"), {})
        rpr_default.append(rpr)
    lang = rpr.find(_clark("w:lang"))
    if lang is None:
        set_child(rpr, "w:lang", {"w:val": "en-US", "w:eastAsia": east_asia, "w:bidi": "ar-SA"})
    else:
        lang.set(_clark("w:eastAsia"), east_asia)


def embed_fonts_setting(settings, on: bool) -> None:
    """Word keeps embedding the document's fonts, only the characters used, when it saves it again."""
    for tag in ("w:embedTrueTypeFonts", "w:saveSubsetFonts"):
        if on:
            set_child(settings, tag)
        else:
            for el in settings.findall(_clark(tag)):
                settings.remove(el)
