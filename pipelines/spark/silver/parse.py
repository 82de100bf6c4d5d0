"""Expressions that read bronze's text into typed values, null where a value does not parse, accepting
exactly what pipelines/silver/parse.ts accepts (Polars' number grammar, the same timestamp shapes)."""

from __future__ import annotations

from typing import Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

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


def as_number(column: str) -> Column:
    value = trimmed(column)
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


def as_timestamp(column: str) -> Column:
    """Naive timestamps read as UTC wall clocks; impossible dates ("2024-13-45") give null.

    Once the text has an accepted shape its parts sit at fixed places. As chrono does, fractions are cut to
    microseconds, and a second of 60 is a leap second (the next minute).
    """
    value = trimmed(column)
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
