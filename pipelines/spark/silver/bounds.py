"""Silver's date bounds: from 2000-01-01 to "now" + 14 h (the widest UTC offset), as microseconds."""

from __future__ import annotations

from pyspark.sql import Column

from pipelines.spark.schema import DATE_LOWER_BOUND_MICROS, MAX_UTC_OFFSET_MICROS
from pipelines.spark.time_math import micros


def out_of_range(date_column: str, now_micros: int) -> Column:
    value = micros(date_column)
    return (value < DATE_LOWER_BOUND_MICROS) | (value > now_micros + MAX_UTC_OFFSET_MICROS)
