"""Images as PDF XObjects: a JPEG as it is (DCTDecode), anything else through Pillow as deflated
8-bit RGB (or grey) with its alpha channel as a soft mask."""

from __future__ import annotations

from .document import Name, Stream


def image_xobject(path: str, doc) -> Stream:
    from io import BytesIO

    from PIL import Image as PILImage          # imported only for issues with images

    from ...errors import ExportError
    from ...safeio import ReadRefused, read_picture

    try:       # the bytes the layout measured, read once through the bounded reader
        data = read_picture(path).data
    except ReadRefused as exc:
        raise ExportError(f"图片“{path}”无法读取（{exc.reason}）") from None
    with PILImage.open(BytesIO(data)) as im:
        if im.format == "JPEG" and im.mode in ("RGB", "L", "CMYK"):
            space = {"RGB": "DeviceRGB", "L": "DeviceGray", "CMYK": "DeviceCMYK"}[im.mode]
            extra = {"Type": Name("XObject"), "Subtype": Name("Image"), "Width": im.width, "Height": im.height,
                     "ColorSpace": Name(space), "BitsPerComponent": 8, "Filter": Name("DCTDecode")}
            if im.mode == "CMYK":
                extra["Decode"] = [1, 0, 1, 0, 1, 0, 1, 0]      # Adobe's inverted CMYK JPEGs
            return Stream(data, extra, compressed=True)
        im.load()
        alpha = None
        if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
            im = im.convert("RGBA")
            alpha = im.getchannel("A")
            if alpha.getextrema() == (255, 255):
                alpha = None
        grey = im.mode in ("L", "1", "LA")
        im = im.convert("L" if grey else "RGB")
        extra = {"Type": Name("XObject"), "Subtype": Name("Image"), "Width": im.width, "Height": im.height,
                 "ColorSpace": Name("DeviceGray" if grey else "DeviceRGB"), "BitsPerComponent": 8}
        if alpha is not None:
            extra["SMask"] = doc.add(Stream(alpha.tobytes(), {
                "Type": Name("XObject"), "Subtype": Name("Image"), "Width": im.width, "Height": im.height,
                "ColorSpace": Name("DeviceGray"), "BitsPerComponent": 8}))
        return Stream(im.tobytes(), extra)
