"""Time arithmetic on naive timestamps as exact integer microseconds (the session time zone is UTC, so a
TIMESTAMP_NTZ and its UTC instant share their microseconds). "Days between" is the floor of elapsed 24 h
periods (pandas `Timedelta.days`), not `datediff`'s calendar days."""

from __future__ import annotations

import datetime as dt
from typing import Union

from pyspark.sql import Column
from pyspark.sql import functions as F

from pipelines.spark.schema import MICROS_PER_DAY

ColumnOrName = Union[Column, str]


def _column(value: ColumnOrName) -> Column:
    return F.col(value) if isinstance(value, str) else value


def micros(value: ColumnOrName) -> Column:
    """A TIMESTAMP_NTZ as Int64 microseconds since the epoch."""
    return F.unix_micros(_column(value).cast("timestamp_ltz"))


def ntz_from_micros(value: Column) -> Column:
    return F.timestamp_micros(value.cast("long")).cast("timestamp_ntz")


def _floor_mod_day(value: Column) -> Column:
    return F.pmod(value, F.lit(MICROS_PER_DAY))


def start_of_day(value: ColumnOrName) -> Column:
    """The timestamp's midnight, as Int64 microseconds."""
    t = micros(value)
    return t - _floor_mod_day(t)


def midnight(reference_micros: int) -> int:
    return reference_micros - reference_micros % MICROS_PER_DAY


def days_since(reference_micros: int, value: ColumnOrName) -> Column:
    """floor((reference − t) / 24 h) as Int64, exact (negative gaps floor down)."""
    gap = F.lit(reference_micros) - micros(value)
    # An exact multiple of a day divided by a day (exact below 2^53 µs, ~285 years, as in Polars).
    return F.round((gap - _floor_mod_day(gap)) / F.lit(MICROS_PER_DAY)).cast("long")


def in_window(reference_micros: int, horizon_days: int, value: ColumnOrName) -> Column:
    """t >= reference − horizon days (inclusive)."""
    return micros(value) >= F.lit(reference_micros - horizon_days * MICROS_PER_DAY)


def format_timestamp(epoch_micros: int) -> str:
    """'YYYY-MM-DD HH:MM:SS' of naive epoch microseconds (sub-second digits dropped)."""
    moment = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=epoch_micros)
    return moment.strftime("%Y-%m-%d %H:%M:%S")
