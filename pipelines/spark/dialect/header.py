"""Header names as people write them (pipelines/dialect/header.ts): "Date Achat", "date_achat" and
"DATE-ACHAT" name the same column. Names are compared ignoring case, spaces, `_`, `-` and accents; two columns
that become one name that way are refused, naming both; a column with no name is `column_<position>`."""

from __future__ import annotations

import re
import unicodedata
from typing import Dict, List, Sequence

from pipelines.spark.dialect.diacritics import is_diacritic
from pipelines.spark.dialect.js_text import JS_SPACE_CLASS, js_trim
from pipelines.spark.errors import PipelineInputError
from pipelines.spark.quoted_text import quoted, quoted_names

_SEPARATORS = re.compile(f"[{JS_SPACE_CLASS}_-]+")
_BOM = "\ufeff"


def _without_bom(name: str) -> str:
    return name[1:] if name.startswith(_BOM) else name


def header_key(name: str) -> str:
    """The name compared: lower case, without accents, spaces, `_` or `-`, nor a byte order mark."""
    decomposed = unicodedata.normalize("NFD", _without_bom(name))
    bare = "".join(char for char in decomposed if not is_diacritic(char))
    return _SEPARATORS.sub("", bare.lower())


def required_found(header: Sequence[str], required: Sequence[str]) -> int:
    """How many of the required columns are among `header`."""
    keys = {header_key(name) for name in header}
    return sum(1 for column in required if header_key(column) in keys)


def header_names(header: Sequence[str], required: Sequence[str], file: str) -> List[str]:
    """The name each header column gets: the required column it matches, else its own name trimmed. Raises
    when two columns match the same name, or a required column is missing (the Polars messages, word for word)."""
    canonical = {header_key(column): column for column in required}
    seen: Dict[str, str] = {}
    names: List[str] = []
    for index, raw in enumerate(header):
        key = header_key(raw)
        if key == "":
            # A column without a name (a trailing separator in the header) keeps its place under a made-up one.
            names.append(f"column_{index + 1}")
            continue
        if key in seen:
            raise PipelineInputError(
                "duplicate_column",
                f"{file}: the columns {quoted(seen[key])} and {quoted(raw)} have the same name once case, spaces "
                "and accents are ignored: rename or remove one",
            )
        seen[key] = raw
        names.append(canonical.get(key, js_trim(_without_bom(raw))))
    missing = [column for column in required if column not in names]
    if missing:
        found = quoted_names([js_trim(_without_bom(name)) for name in header])
        raise PipelineInputError(
            "missing_column", f"{file}: missing required column(s) {', '.join(missing)}; found {found}"
        )
    return names


def first_line_names(fields: Sequence[str]) -> List[str]:
    """The header's names as the file writes them: its first line's fields without quotes at their ends (what
    pipelines/bronze.ts `headerFields` does)."""
    return [re.sub(r'^"|"$', "", field) for field in fields]
