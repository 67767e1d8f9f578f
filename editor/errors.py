"""Errors a user can see. Every message is Simplified Chinese and names the place."""

from __future__ import annotations

import errno

from .records import record


@record(eq=True, frozen=True)
class Problem:
    """One thing wrong with an input file: where, and what was expected."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class BulletinError(Exception):
    """Base of every error shown to users; str() is the Chinese message."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        super().__init__(message)

    def __str__(self) -> str:
        head = self.args[0]
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  {p}" for p in self.problems)


class ContentError(BulletinError):
    """An issue folder that cannot be loaded; nothing of it is loaded."""


class TemplateError(BulletinError):
    """A template with a missing, unknown or mistyped field."""


class ExportError(BulletinError):
    """A build that failed; the previous output file is left untouched."""


class ImportError_(BulletinError):
    """An input file that cannot be imported."""


def toml_error_location(exc: Exception, source: str = "") -> tuple[int | None, str]:
    """Line and a Chinese description of a tomllib.TOMLDecodeError in `source`."""
    import re

    text = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)", text)
    line = int(m.group(1)) if m else None
    if line is None and "end of document" in text and source:
        line = source.count("\n") + (0 if source.endswith("\n") else 1)
    col = int(m.group(2)) if m else None
    reason = re.sub(r"\s*\(at .*?\)", "", text)
    translations = {
        "Invalid value": "值的写法不对（字符串要加双引号，日期写成 2023-07-21）",
        "Expected '=' after a key in a key/value pair": "键后面缺少“=”",
        "Unterminated string": "字符串缺少结尾的引号",
        "Cannot overwrite a value": "同一个键写了两次",
        "Cannot declare": "同一个表头写了两次",
        "Cannot mutate immutable namespace": "不能再往这个表里添加键（它已写成行内表或数组）",
        "Invalid statement": "无法识别的语句",
        "Expected newline or end of document after a statement": "值的写法不对，或一行写了多个“键 = 值”",
        "Unclosed array": "数组缺少结尾的“]”",
        "Unclosed table": "表头缺少结尾的“]”",
        "Expected ']' at the end of a table declaration": "表头缺少结尾的“]”",
        "Expected ']]' at the end of an array declaration": "表头缺少结尾的“]]”",
        "Invalid initial character for a key part": "键名以不允许的字符开头",
        "Illegal character": "包含不允许的控制字符",
        "Invalid date or datetime": "日期无效",
    }
    if reason.startswith(("Illegal character '\\n'", "Illegal character '\\r'", 'Expected "\'"')):
        # tomllib's words for a string whose closing quote is missing: the line ends inside it
        reason = "Unterminated string"
    zh = next((v for k, v in translations.items() if reason.startswith(k)), f"TOML 语法错误（{reason}）")
    if col:
        zh = f"第 {col} 列：{zh}"
    return line, zh


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese: the usual causes by name, any other by its code."""
    code = exc.errno or 0
    reason = _OS_REASONS.get(code)
    if reason is not None:
        return reason
    name = errno.errorcode.get(code)
    return f"系统错误 {name}" if name else "系统错误"


_OS_REASONS = {getattr(errno, name): text for name, text in (   # getattr: not every code exists everywhere
    ("ENOENT", "路径不存在"), ("EACCES", "没有访问权限"), ("EPERM", "没有访问权限"), ("ENOSPC", "磁盘已满"),
    ("EROFS", "磁盘是只读的"), ("ENOTDIR", "路径中有一段不是文件夹"), ("EEXIST", "已有同名文件"),
    ("EISDIR", "这是一个文件夹，不是文件"), ("ELOOP", "符号链接循环：链接直接或间接指向自己"),
    ("ENAMETOOLONG", "文件名或路径过长"), ("EMFILE", "同时打开的文件过多"), ("ENFILE", "系统打开的文件过多"),
    ("EIO", "读写磁盘出错（输入/输出错误）"), ("ENXIO", "设备不存在或没有连接"), ("ENODEV", "设备不存在"),
    ("EAGAIN", "文件暂时无法访问，请稍后重试"), ("EBUSY", "文件或设备正忙"), ("ETXTBSY", "文件正在被使用"),
    ("EFBIG", "文件过大"), ("EDQUOT", "磁盘配额已用完"), ("EINVAL", "参数无效（文件名或路径不被系统接受）"),
    ("EXDEV", "不能跨磁盘移动文件"), ("ENOTEMPTY", "文件夹不为空"), ("ENOMEM", "内存不足"),
    ("EINTR", "操作被中断"), ("ESPIPE", "不是普通文件（无法定位）"), ("EPIPE", "管道已关闭"),
    ("ENOTSUP", "文件系统不支持此操作"), ("ESTALE", "网络文件已失效，请重新打开"),
    ("ETIMEDOUT", "访问超时（网络磁盘？）"), ("ECONNRESET", "连接被重置（网络磁盘？）"),
) if hasattr(errno, name)}
