"""The look of the template's styles in CSS: font stacks from the reader's system, sizes, colours.

No web font is loaded: each font role becomes a stack of the names its faces have on Windows,
macOS and Linux (the template's own names first), ending in the generic family. Sizes are the
template's points: on screen relative to the body text (the body is 1em), in print as points.
"""

from __future__ import annotations

import re

from ...template import Style, Template

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_BARE = re.compile(r"(?:[^\W\d][\w-]*)(?: [^\W\d][\w-]*)*")   # CSS identifiers: a name needing no quotes
_NAME_OK = re.compile(r"[^\w \-.]")       # what a face's name may keep in CSS: letters (CJK too), digits, - _ .

# Names of each role's faces as the systems know them: Windows, macOS, then Linux's free faces.
SYSTEM_FACES: dict[str, tuple[str, ...]] = {
    "song": ("SimSun", "宋体", "NSimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Noto Serif SC",
             "Source Han Serif SC", "AR PL UMing CN"),
    "fangsong": ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC",
                 "Noto Serif SC", "Source Han Serif SC"),
    "kai": ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "Kaiti SC", "LXGW WenKai", "霞鹜文楷",
            "AR PL UKai CN", "Noto Serif CJK SC"),
    "hei": ("SimHei", "黑体", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Heiti SC", "STHeiti",
            "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei"),
    "title": ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "Songti SC", "SimSun", "宋体",
              "Noto Serif CJK SC", "Noto Serif SC"),
}
GENERIC = {"hei": "sans-serif"}


def font_stack(template: Template, role: str) -> str:
    """A CSS font-family value for a font role: the template's faces, then the systems' names."""
    names = [_NAME_OK.sub("", n).strip() for n in [*template.fonts.get(role, []),
                                                   *SYSTEM_FACES.get(role, SYSTEM_FACES["song"])]]
    quoted = [n if _BARE.fullmatch(n) else f"'{n}'" for n in dict.fromkeys(names) if n]
    return ", ".join(quoted + [GENERIC.get(role, "serif")])


def color(template: Template, value: str) -> str:
    """A style's colour as #RRGGBB (a name from the template's [colors] resolved); black if it is not one."""
    c = template.color(value)
    return c.upper() if _COLOR.fullmatch(c) else "#000000"


def declarations(template: Template, style: Style, *, unit: str, base: float, fonts: bool = True,
                 spacing: bool = True) -> list[str]:
    """CSS declarations for `style`. unit "rem": sizes relative to `base` points (the body's size);
    "pt" (print) or "px" (a WeChat fragment: `base` is the pixel size of the body)."""
    def size(points: float) -> str:
        if unit == "rem":
            return f"{points / base:.3g}rem"
        if unit == "px":
            return f"{points / template.styles['body'].size * base:.3g}px"
        return f"{points:.3g}pt"

    out = []
    if fonts:
        out.append(f"font-family: {font_stack(template, style.font)}")
    out.append(f"font-size: {size(style.size)}")
    out.append(f"line-height: {style.leading:.3g}")
    if style.bold:
        out.append("font-weight: bold")
    c = color(template, style.color)
    if c != "#000000":
        out.append(f"color: {c}")
    align = {"justify": "justify", "center": "center", "right": "right"}.get(style.align, "left")
    out.append(f"text-align: {align}")
    if style.first_indent:
        out.append(f"text-indent: {style.first_indent:g}em")
    if style.left_indent:
        out.append(f"padding-left: {style.left_indent:g}em")
    if spacing:
        out.append(f"margin: {size(style.space_before) if style.space_before else 0} 0 "
                   f"{size(style.space_after) if style.space_after else 0}")
    return out


def tint(color: str, amount: float) -> str:
    """`color` (#RRGGBB) mixed with white; amount 0 = white, 1 = the colour."""
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return color
    return "#{:02X}{:02X}{:02X}".format(*(round(255 - (255 - c) * amount) for c in (r, g, b)))
