"""Expressions that read bronze's text into typed values, null where a value does not parse, accepting
exactly what pipelines/silver/parse.ts accepts (Polars' number grammar, the same timestamp shapes)."""

from __future__ import annotations

from typing import Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from pipelines.spark.dialect.date_format import ISO_DATE, date_order
from pipelines.spark.schema import MAX_SAFE_INTEGER

# Unicode white space at either end, as Rust's `trim` (Spark's `trim` strips spaces only).
_EDGE_SPACE = r"(?U)^\s+|\s+$"
# What Polars' string → Float64 cast accepts besides inf/infinity/nan (Java's parser is laxer: "12d", hex).
_NUMBER = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_POSITIVE_INFINITY = ("inf", "+inf", "infinity", "+infinity")
_NEGATIVE_INFINITY = ("-inf", "-infinity")
_NOT_A_NUMBER = ("nan", "+nan", "-nan")
# Accepted shapes: 2025-01-20, 2025-01-20 10:58, 2025-01-20 10:58:40, 2025-01-20T10:58:40.123Z.
_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?Z?)?$"
# Digits grouped by dots ("1.234.567,89"): with a decimal comma, those dots only group thousands.
_DOT_GROUPED = r"(?U)^-?\d{1,3}(\.\d{3})+(,\d*)?$"
# Spaces that group thousands: any white space, no-break and narrow no-break included.
_GROUPING_SPACE = r"(?U)[\s\u00a0\u202f]"


def text(column: str) -> Column:
    """The text without surrounding white space (null stays null)."""
    return F.regexp_replace(F.col(column), _EDGE_SPACE, "")


def trimmed_name(column: str) -> str:
    return f"_text_{column}"


def with_trimmed_text(frame: DataFrame, columns: Sequence[str]) -> DataFrame:
    """Adds each column's trimmed text once (`_text_<column>`): every parser below reads it."""
    return frame.withColumns({trimmed_name(c): text(c) for c in columns})


def trimmed(column: str) -> Column:
    return F.col(trimmed_name(column))


def is_blank(column: str) -> Column:
    """Absent or only white space."""
    return F.col(column).isNull() | (F.length(trimmed(column)) == 0)


def as_number(column: str, decimal: str = ".") -> Column:
    """A number written with the file's decimal mark. With a comma, grouping spaces and grouping dots are
    dropped, then the first comma becomes a point (pipelines/silver/parse.ts), and the result must still
    match Polars' grammar."""
    value = trimmed(column)
    if decimal == ",":
        compact = F.regexp_replace(value, _GROUPING_SPACE, "")
        ungrouped = F.when(compact.rlike(_DOT_GROUPED), F.regexp_replace(compact, r"\.", "")).otherwise(compact)
        value = F.regexp_replace(ungrouped, "^([^,]*),", "$1.")
    return _number(value)


def _number(value: Column) -> Column:
    lowered = F.lower(value)
    return (
        F.when(value.rlike(_NUMBER), value.cast("double"))
        .when(lowered.isin(*_POSITIVE_INFINITY), F.lit(float("inf")))
        .when(lowered.isin(*_NEGATIVE_INFINITY), F.lit(float("-inf")))
        .when(lowered.isin(*_NOT_A_NUMBER), F.lit(float("nan")))
    )


def is_whole(number_column: str) -> Column:
    """A parsed number that is whole and fits an Int64 without loss ("12" and "12.0", not "12.5").

    Spark orders NaN above every number, so the bound check also rules out NaN and infinities.
    """
    n = F.col(number_column)
    return F.when(F.abs(n) <= F.lit(float(MAX_SAFE_INTEGER)), n == F.floor(n)).otherwise(F.lit(False))


def is_nan_or_null(number_column: str) -> Column:
    n = F.col(number_column)
    return n.isNull() | F.isnan(n)


def as_timestamp(column: str, date_format: str = ISO_DATE) -> Column:
    """Naive timestamps read as UTC wall clocks; impossible dates ("2024-13-45") give null. Dates written in
    another order than ISO (`date_format`, e.g. %d/%m/%Y) are rebuilt as ISO text first."""
    value = trimmed(column)
    return _iso_timestamp(value) if date_format == ISO_DATE else _ordered_timestamp(value, date_format)


def _iso_timestamp(value: Column) -> Column:
    """Once the text has an accepted shape its parts sit at fixed places. As chrono does, fractions are cut to
    microseconds, and a second of 60 is a leap second (the next minute)."""
    length = F.length(value)

    def number_at(start: int, present: Column) -> Column:
        return F.when(present, F.substring(value, start, 2).cast("int")).otherwise(F.lit(0))

    year = F.substring(value, 1, 4).cast("int")
    month, day = (F.substring(value, start, 2).cast("int") for start in (6, 9))
    hour, minute = (number_at(start, length >= 16) for start in (12, 15))
    seconds = number_at(18, length >= 19)
    micros_text = F.rpad(F.substring(F.regexp_extract(value, r"\.([0-9]+)", 1), 1, 6), 6, "0")
    whole_second = F.least(seconds, F.lit(59))
    seconds_decimal = F.concat(whole_second.cast("string"), F.lit("."), micros_text).cast("decimal(8,6)")
    stamp = F.make_timestamp_ntz(year, month, day, hour, minute, seconds_decimal)
    leap_aware = F.when(seconds == 60, stamp + F.expr("INTERVAL 1 SECOND")).when(seconds < 60, stamp)
    return F.when(value.rlike(_TIMESTAMP), leap_aware)


def _ordered_timestamp(value: Column, date_format: str) -> Column:
    """Dates in another order (%d/%m/%Y, %m/%d/%Y, %d.%m.%Y…), with or without a time (H:MM or HH:MM:SS)
    after them, rebuilt as ISO text and read as ISO. The day and month read back must be those written (the
    Polars side needs the check because its strptime rolls "31/02/2025" over; here it costs nothing)."""
    order = date_order(date_format)

    def group(index: int) -> Column:
        # regexp_extract gives "" where a group took no part; the value must match as a whole anyway.
        return F.regexp_extract(value, order.pattern, index)

    def padded(index: int, width: int, fallback: str) -> Column:
        return F.when(group(index) == "", F.lit(fallback)).otherwise(F.lpad(group(index), width, "0"))

    iso = F.concat(
        padded(order.year, 4, ""),
        F.lit("-"),
        padded(order.month, 2, ""),
        F.lit("-"),
        padded(order.day, 2, ""),
        F.lit(" "),
        padded(4, 2, "00"),
        F.lit(":"),
        padded(5, 2, "00"),
        F.lit(":"),
        padded(6, 2, "00"),
    )
    parsed = _iso_timestamp(iso)
    written_as_read = (F.month(parsed) == group(order.month).cast("int")) & (
        F.dayofmonth(parsed) == group(order.day).cast("int")
    )
    return F.when(value.rlike(order.pattern) & written_as_read, parsed)
