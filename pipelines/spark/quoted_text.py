"""Text from a file as an error message shows it (pipelines/quoted-text.ts): escaped (JSON) and cut, so a message
names what it found without carrying a file's lines."""

from __future__ import annotations

import json
from typing import Sequence

MAX_QUOTED_CHARS = 40
MAX_QUOTED_NAMES = 8


def quoted(text: str) -> str:
    """`text` in double quotes, escaped as JSON.stringify does, cut after MAX_QUOTED_CHARS with "…"."""
    cut = text[:MAX_QUOTED_CHARS] + "…" if len(text) > MAX_QUOTED_CHARS else text
    return json.dumps(cut, ensure_ascii=False)


def quoted_names(names: Sequence[str]) -> str:
    """The first MAX_QUOTED_NAMES names, each quoted, then how many more there are."""
    shown = ", ".join(quoted(name) for name in names[:MAX_QUOTED_NAMES])
    more = len(names) - MAX_QUOTED_NAMES
    return f"{shown} … and {more} more" if more > 0 else shown
