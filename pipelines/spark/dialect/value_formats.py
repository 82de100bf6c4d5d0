"""How a file writes its numbers and dates, read from its bronze columns (pipelines/dialect/value-formats.ts).
The shape comes from a sample of the first rows, judged on the driver with Python's regular expressions
(Unicode digits and spaces, as the Rust ones Polars runs); whether "03/04/2025" is the 3rd of April or the
4th of March is decided from the whole column on Spark, and a column that never settles it is refused."""

from __future__ import annotations

import re
from collections import Counter
from typing import List, Tuple

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from pipelines.spark.dialect.date_format import ISO_DATE
from pipelines.spark.errors import PipelineInputError
from pipelines.spark.quoted_text import quoted
from pipelines.spark.silver.parse import text

SAMPLE_ROWS = 10_000

_COMMA_DECIMAL = re.compile(r"^-?[\d\s\u00a0\u202f.]*\d,\d+$")
_POINT_DECIMAL = re.compile(r"^-?[\d\s,]*\d\.\d+$")
# In the TypeScript order: the first family with the most matches wins a tie.
_FAMILIES = (
    ("iso", re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T]|$)")),
    ("yearFirst", re.compile(r"^\d{4}([/.])\d{1,2}[/.]\d{1,2}([ T]|$)")),
    ("dayOrMonthFirst", re.compile(r"^\d{1,2}([/.\-])\d{1,2}[/.\-]\d{4}([ T]|$)")),
)
# Java regexes for the whole column; `(?U)` makes \d and \s Unicode, as in Rust.
_FIRST_NUMBER = r"(?U)^\s*(\d{1,2})[/.\-]"
_SECOND_NUMBER = r"(?U)^\s*\d{1,2}[/.\-](\d{1,2})[/.\-]"


def _sample(frame: DataFrame, column: str) -> List[str]:
    """The first non-blank values of the column in file order, trimmed."""
    values = (
        frame.select("_row_number", text(column).alias("v"))
        .filter(F.col("v").isNotNull() & (F.length("v") > 0))
        .orderBy("_row_number")
        .limit(SAMPLE_ROWS)
        .collect()
    )
    return [row["v"] for row in values]


def detect_decimal(frame: DataFrame, column: str) -> str:
    """A comma when more sampled values are written 56,22 than 56.22 (whole numbers say nothing)."""
    values = _sample(frame, column)
    commas = sum(1 for v in values if _COMMA_DECIMAL.search(v))
    points = sum(1 for v in values if _POINT_DECIMAL.search(v))
    return "," if commas > points else "."


def _largest(frame: DataFrame, column: str) -> Tuple[int, int]:
    """The largest numbers written first and second in the column's dates: a day when above 12."""

    def largest(pattern: str) -> Column:
        return F.max(F.regexp_extract(F.col(column), pattern, 1).cast("long"))

    row = frame.agg(largest(_FIRST_NUMBER).alias("first"), largest(_SECOND_NUMBER).alias("second")).first()
    return int(row["first"] or 0), int(row["second"] or 0)


def detect_date_format(frame: DataFrame, column: str, file: str) -> str:
    """The column's date format (ISO unless its dates say otherwise); `file` and `column` name it in errors."""
    values = _sample(frame, column)
    counts = {family: sum(1 for v in values if pattern.search(v)) for family, pattern in _FAMILIES}
    family, pattern = _FAMILIES[0]
    for candidate, candidate_pattern in _FAMILIES[1:]:
        if counts[candidate] > counts[family]:
            family, pattern = candidate, candidate_pattern
    if counts[family] == 0 or family == "iso":
        return ISO_DATE
    separators = Counter(m.group(1) for m in (pattern.search(v) for v in values) if m and m.group(1))
    sep = separators.most_common(1)[0][0] if separators else "/"
    if family == "yearFirst":
        return f"%Y{sep}%m{sep}%d"
    first, second = _largest(frame, column)
    if first <= 12 and second <= 12:
        raise PipelineInputError(
            "ambiguous_dates",
            f"{file}: the dates in {column} (e.g. {quoted(values[0])}) read as well day first as month first: pass "
            f"--date-format %d{sep}%m{sep}%Y or --date-format %m{sep}%d{sep}%Y",
        )
    return f"%d{sep}%m{sep}%Y" if first > 12 else f"%m{sep}%d{sep}%Y"
