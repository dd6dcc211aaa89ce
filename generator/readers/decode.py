"""Bytes to text: a capture is UTF-8 (with or without BOM), or UTF-16 with a BOM."""

from __future__ import annotations

import codecs

from ..model import Diagnostic, Level


def decode_listing(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a listing's bytes as UTF-8 (with or without BOM; UTF-16 if it has a BOM).

    Anything else is not decoded with a guess: the file is skipped with a warning naming the
    line and column of the first byte that is not UTF-8, because a fallback such as Latin-1
    would show the curator text the page never said.
    """
    # UTF-32's byte-order marks begin like UTF-16's: test them first, and say so plainly
    # rather than decode the text as UTF-16 garbage.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None, Diagnostic(Level.WARNING, path, 1, (
            "UTF-32 text (it starts with a UTF-32 byte-order mark); file skipped. "
            "Re-encode it, e.g. `iconv -f utf-32 -t utf-8`"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return None, _undecodable(data, exc.start, path, "UTF-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        return None, _undecodable(data, offset, path, "UTF-8")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, Diagnostic(Level.WARNING, path, line,
                                "contains NUL bytes: looks binary, not a text listing; skipped")
    return text, None


def _undecodable(data: bytes, offset: int, path: str, encoding: str) -> Diagnostic:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Diagnostic(
        Level.WARNING, path, line,
        f"not {encoding} text (byte 0x{data[offset]:02x} at column {column}, byte offset "
        f"{offset}); file skipped. Re-encode it, e.g. `iconv -f latin1 -t utf-8`",
    )
