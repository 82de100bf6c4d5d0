"""A source file's text encoding (pipelines/dialect/encoding.ts): a byte order mark says UTF-8 or UTF-16;
otherwise UTF-8 unless its bytes are not (the record scan checks every line), and then Windows-1252 when the
text reads as a Western single-byte encoding. Spark reads UTF-8 only, so another encoding is decoded into a
UTF-8 copy beside the run's bronze, where every executor can read it (a folder, or the bronze bucket)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipelines.spark.errors import PipelineInputError


@dataclass(frozen=True)
class EncodingMark:
    encoding: str
    # Bytes of the byte order mark at the start of the file (0 without one).
    bom_bytes: int
    # The Java charset that decodes the file into a UTF-8 copy; None when it is read as it is (UTF-8).
    charset: Optional[str]


UTF8 = EncodingMark("utf-8", 0, None)
# Java's "UTF-16" reads the byte order from the mark and drops it, as iconv-lite's stripBOM does.
_UTF16 = EncodingMark("utf-16", 2, "UTF-16")
_WINDOWS_1252 = EncodingMark("windows-1252", 0, "windows-1252")


def byte_order_mark(head: bytes) -> Optional[EncodingMark]:
    """What the byte order mark says, if the file has one."""
    if head.startswith(b"\xef\xbb\xbf"):
        return EncodingMark("utf-8", 3, None)
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        return _UTF16
    return None


def given_encoding(head: bytes, encoding: str, name: str) -> EncodingMark:
    """The explicit encoding's reading: UTF-16 must come with its byte order mark."""
    mark = byte_order_mark(head)
    if encoding == "utf-16":
        if mark is None or mark.encoding != "utf-16":
            raise PipelineInputError(
                "invalid_encoding",
                f"{name} was given as UTF-16, but it does not start with a UTF-16 byte order mark: UTF-16 files "
                "are read with one",
            )
        return mark
    if encoding == "utf-8":
        return EncodingMark("utf-8", 3 if mark is not None and mark.encoding == "utf-8" else 0, None)
    return _WINDOWS_1252


# A Western text's letters outside ASCII come alone or in pairs (é, ß, "ção"); Cyrillic or Greek saved in
# their own single-byte encodings, or multi-byte ones, read as Windows-1252 give long runs of them instead.
_LONG_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_MULTI_BYTE = (
    ("shift_jis", "Shift_JIS"),
    ("euc_jp", "EUC-JP"),
    ("gb18030", "GB18030"),
    ("big5", "Big5"),
    ("euc_kr", "EUC-KR"),
)


def _western(head: bytes) -> bool:
    if _valid_utf8(head) and any(byte > 0x7F for byte in head):
        # UTF-8 text up to here (chardet's "UTF-8"): the file mixes encodings, and is not Windows-1252.
        return False
    try:
        text = head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    outside = sum(1 for char in text if ord(char) > 0x7F)
    in_long_runs = sum(len(run) for run in _LONG_RUN.findall(text))
    # A head in plain ASCII (the first other byte comes later) says nothing against it, as chardet's
    # ISO-8859-1 for such a head does not.
    return in_long_runs <= 0.1 * outside


def _valid_utf8(head: bytes) -> bool:
    """The head is UTF-8 (a character cut by its end aside): the bytes that are not come later."""
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3 and err.reason == "unexpected end of data"


def _likely(head: bytes) -> str:
    if _valid_utf8(head):
        return "UTF-8"
    for codec, label in _MULTI_BYTE:
        try:
            head.decode(codec)
            return label
        except UnicodeDecodeError:
            continue
    return "a single-byte encoding other than Windows-1252"


def guess_single_byte(head: bytes, name: str, line: int) -> EncodingMark:
    """The encoding of a file that is not UTF-8 and has no byte order mark, from its first bytes. The Polars
    pipeline asks chardet; the driver may run where chardet is not installed (the stack's Spark image), so
    this is a small test of the same question: does it read as Windows-1252?"""
    if _western(head):
        return _WINDOWS_1252
    raise PipelineInputError(
        "unsupported_encoding",
        f"{name} is not UTF-8 (first at line {line}) and looks like {_likely(head)}, which Medallion does not "
        'read: save it as UTF-8 or Windows-1252 ("CSV" in a Western-locale spreadsheet), or pass --encoding',
    )
