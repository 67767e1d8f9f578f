"""Reading the user's files: only regular files, never more than a cap, never blocking.

Every file the program reads on the user's behalf (issue.toml and articles, templates, files to
import, pictures, reference .docx, fonts in the user's font folders, a sibling issue's manifest)
goes through `read_file`. It

- refuses what is not a regular file before opening it (a folder named x.docx, a FIFO, /dev/zero,
  a socket), and again after opening it (the path could have changed in between);
- opens with O_NONBLOCK where the platform has it, so that a FIFO put there after the check
  cannot stop the program waiting for a writer;
- counts the bytes as it reads, up to `limit`, instead of trusting the size the system reports
  (a device reports 0, a file being written grows);
- says why in Chinese (符号链接循环, 是文件夹, 磁盘已满 …), naming the file.

`ReadRefused` is a BulletinError: a caller that does not catch it still ends in a clean Chinese
message (exit code 2), never a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import BulletinError, os_reason

MB = 1024 * 1024
_CHUNK = 1024 * 1024
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_NOCTTY", 0)


class ReadRefused(BulletinError):
    """A file that was not read: `path`, and `reason` (Chinese, without the path)."""

    def __init__(self, path: str | os.PathLike, reason: str, missing: bool = False):
        self.path, self.reason, self.missing = Path(path), reason, missing
        super().__init__(f"{path}：{reason}")


def kind_reason(mode: int) -> str | None:
    """Why a file of this st_mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道（FIFO），不是普通文件，不能读取"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备文件，不是普通文件，不能读取"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件，不能读取"
    return "不是普通文件，不能读取"


def size_text(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{max(1, n // 1024)} KB"


def check_regular(path: str | os.PathLike) -> os.stat_result:
    """The stat of `path` (symlinks followed) if it is a regular file; ReadRefused otherwise."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ReadRefused(path, _reason(exc), missing=exc.errno == errno.ENOENT) from None
    except ValueError:                      # a NUL in the path
        raise ReadRefused(path, "路径中含有不允许的字符（NUL）") from None
    why = kind_reason(st.st_mode)
    if why is not None:
        raise ReadRefused(path, why)
    return st


def is_regular_file(path: str | os.PathLike) -> bool:
    """Whether `path` is a regular file (after symlinks); False, never an error, otherwise."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_file(path: str | os.PathLike, limit: int, what: str = "文件") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them; ReadRefused otherwise.

    `what` names the file's role in the message about its size (文章文件, 模板, 图片 …).
    """
    check_regular(path)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise ReadRefused(path, _reason(exc), missing=exc.errno == errno.ENOENT) from None
    try:
        why = kind_reason(os.fstat(fd).st_mode)
        if why is not None:                 # replaced between the check and the open
            raise ReadRefused(path, why)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except BlockingIOError:
                raise ReadRefused(path, "文件暂时无法读取（正被其他程序独占）") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ReadRefused(path, f"{what}过大（超过 {size_text(limit)}），未读取")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadRefused(path, _reason(exc)) from None
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike, limit: int, what: str = "文件") -> str:
    """`read_file` decoded as UTF-8 (a BOM dropped); ReadRefused naming the line of a bad byte."""
    data = read_file(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ReadRefused(path, f"第 {line} 行：不是 UTF-8 编码的文本（请用 UTF-8 保存）") from None


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "文件不存在"
    return os_reason(exc)


# ---------------------------------------------------------------- zip packages (.docx)

MAX_UNPACKED = 200 * MB        # all members of a Word package together, as declared
MAX_MEMBER = 100 * MB
MAX_RATIO = 200                # a large member compressed more than this is a bomb, not a document


def zip_problem(data: bytes) -> str | None:
    """Why `data` is not a zip package that may safely be unpacked (Chinese), or None.

    Judged from the central directory alone, before anything is decompressed: the declared
    sizes bound what unpacking may produce (zipfile stops a member at its declared size)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "不是有效的 zip 压缩包，文件可能已损坏"
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or total > MAX_UNPACKED or (info.file_size > 10 * MB and ratio > MAX_RATIO):
            return f"解压后过大（声明 {total / MB:.0f} MB 以上），可能是恶意构造的压缩包"
    return None


# ---------------------------------------------------------------- pictures

MAX_IMAGE_BYTES = 30 * MB          # a picture in a bulletin; a larger file is not one
MAX_IMAGE_PIXELS = 60_000_000      # 8000 × 7500: beyond it decoding costs seconds and gigabytes


class Picture:
    """A picture file read once: its bytes, format (PNG, JPEG …), size in pixels and resolution."""

    __slots__ = ("data", "format", "pixels", "dpi")

    def __init__(self, data: bytes, format: str, pixels: tuple[int, int], dpi: tuple[float, float]):
        self.data, self.format, self.pixels, self.dpi = data, format, pixels, dpi

    @property
    def points(self) -> tuple[float, float]:
        """Its size in points at its own resolution (96 dpi when it names none)."""
        return self.pixels[0] / self.dpi[0] * 72, self.pixels[1] / self.dpi[1] * 72


_PICTURES: dict[tuple[str, int, int], Picture] = {}


def read_picture(path: str | os.PathLike) -> Picture:
    """The picture at `path`, read through read_file and identified by Pillow (header only);
    ReadRefused with a Chinese reason for what is not a regular file, too large, or not a picture.
    Remembered per path, size and modification time: both writers and the page count ask."""
    st = check_regular(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    pic = _PICTURES.get(key)
    if pic is not None:
        return pic
    data = read_file(path, MAX_IMAGE_BYTES, "图片")
    import io

    try:
        from PIL import Image      # a dependency of reportlab, imported only for issues with pictures

        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
            fmt = im.format or ""
            dpi = im.info.get("dpi") or (96, 96)
    except Exception:                 # Pillow raises many kinds on what is not a picture
        raise ReadRefused(path, "不是可识别的图片（应为 PNG、JPEG、GIF、BMP 或 TIFF）") from None
    if w <= 0 or h <= 0 or w * h > MAX_IMAGE_PIXELS:
        raise ReadRefused(path, f"图片尺寸 {w}×{h} 像素超出范围（最多约 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素）")
    try:
        dx, dy = (float(d) for d in dpi[:2])
    except (TypeError, ValueError):
        dx = dy = 96.0
    dx, dy = (d if 10 <= d <= 10000 else 96.0 for d in (dx, dy))   # 0, NaN or absurd: as if unnamed
    pic = Picture(data, fmt, (w, h), (dx, dy))
    if len(_PICTURES) > 64:
        _PICTURES.clear()
    _PICTURES[key] = pic
    return pic
