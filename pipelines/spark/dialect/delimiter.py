"""The field separator of a CSV file, from its first lines (pipelines/dialect/delimiter.ts): the candidate
that splits the header into the most required columns, then into the most columns, then gives the most sample
lines the header's field count. A French spreadsheet writes `;`, since `,` is its decimal mark."""

from __future__ import annotations

from typing import Callable, List, Sequence, Tuple

from pipelines.spark.dialect.js_text import js_trim

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_LINES = 50


def split_line(line: str, delimiter: str) -> List[str]:
    """The fields of one line, split on `delimiter` outside double quotes (quotes kept; enough to count)."""
    fields: List[str] = []
    field: List[str] = []
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        if char == delimiter and not quoted:
            fields.append("".join(field))
            field = []
        else:
            field.append(char)
    fields.append("".join(field))
    return fields


def detect_delimiter(lines: Sequence[str], found: Callable[[List[str]], int]) -> str:
    """A file that lacks a required column still gets its likeliest separator, so the error can name what is
    missing. Ties keep the earlier candidate, as the TypeScript reduce does."""
    header = lines[0] if lines else ""
    sample = [line for line in lines[1 : 1 + _SAMPLE_LINES] if js_trim(line) != ""]

    def score(delimiter: str) -> Tuple[int, int, int]:
        columns = split_line(header, delimiter)
        consistent = sum(1 for line in sample if len(split_line(line, delimiter)) == len(columns))
        return (found(columns), len(columns), consistent)

    best = DELIMITERS[0]
    for delimiter in DELIMITERS[1:]:
        if score(delimiter) > score(best):
            best = delimiter
    return best


def head_lines(head: bytes) -> List[str]:
    """The first lines of a file's head as text (a line cut by the head's end is left out)."""
    lines = head.decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
    return lines[:-1] if len(lines) > 1 else lines
