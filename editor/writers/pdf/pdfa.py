"""What PDF/A-2b asks beyond a well-formed PDF: XMP metadata agreeing with the Info dictionary,
and an output intent with an ICC profile (sRGB: every colour here is DeviceRGB).

The sRGB profile is made by Pillow's LittleCMS binding (ImageCms.createProfile), so no
profile file needs shipping; Pillow is imported only for a PDF/A build."""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

from .document import Name, Stream, TextString


def _xmp_date(now: datetime.datetime) -> str:
    return now.isoformat(timespec="seconds")


def metadata_stream(info: dict[str, str], lang: str, now: datetime.datetime) -> Stream:
    """The XMP packet: Dublin Core title, creator, description, language; the tools; PDF/A-2b."""
    e = lambda s: escape(s or "")  # noqa: E731
    title, author = info.get("Title", ""), info.get("Author", "")
    subject, creator = info.get("Subject", ""), info.get("Creator", "")
    keywords = info.get("Keywords", "")
    stamp = _xmp_date(now)
    xmp = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>
<dc:publisher><rdf:Bag><rdf:li>{e(author)}</rdf:li></rdf:Bag></dc:publisher>
<dc:language><rdf:Bag><rdf:li>{e(lang)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{e(keywords)}</pdf:Keywords>
<pdf:Producer>{e(creator)}</pdf:Producer>
<xmp:CreatorTool>{e(creator)}</xmp:CreatorTool>
<xmp:CreateDate>{stamp}</xmp:CreateDate>
<xmp:ModifyDate>{stamp}</xmp:ModifyDate>
<xmp:MetadataDate>{stamp}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return Stream(xmp.encode("utf-8"), {"Type": Name("Metadata"), "Subtype": Name("XML")}, compress=False)


def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def output_intent(doc) -> dict:
    profile = doc.add(Stream(srgb_profile(), {"N": 3}))
    return {"Type": Name("OutputIntent"), "S": Name("GTS_PDFA1"),
            "OutputConditionIdentifier": TextString("sRGB IEC61966-2.1"),
            "Info": TextString("sRGB IEC61966-2.1"), "DestOutputProfile": profile}
