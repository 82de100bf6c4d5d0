"""JavaScript's white space, where the TypeScript side trims or compares text with it (`trim()`, `\\s`):
Python's `str.strip()` and `\\s` also take U+001C–U+001F and miss U+FEFF, so names would not match."""

from __future__ import annotations

# WhiteSpace and LineTerminator of ECMAScript (what `\s` matches and `trim()` removes), as a class body.
JS_SPACE_CLASS = r"\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_SPACE_CHARS = "\t\n\x0b\x0c\r \u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + (
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def js_trim(text: str) -> str:
    """`text.trim()` in JavaScript."""
    return text.strip(_JS_SPACE_CHARS)
