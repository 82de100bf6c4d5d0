"""Date formats in strftime, as Polars writes them (pipelines/dialect/date-format.ts): the ISO default
(%Y-%m-%d) or the date's parts in another order with one separator (%d/%m/%Y, %m/%d/%Y, %d.%m.%Y…). A time
after the date (H:MM or HH:MM:SS) is read whatever the format says of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.spark.errors import PipelineInputError

ISO_DATE = "%Y-%m-%d"

# `(?U)`: Java's \d then matches any decimal digit, as the Rust regex Polars runs does.
_PART = {"%Y": r"(\d{4})", "%m": r"(\d{1,2})", "%d": r"(\d{1,2})"}
_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"


@dataclass(frozen=True)
class DateOrder:
    # Matches a whole value (Java regex): groups 1–3 the date's parts as written, 4–6 hours, minutes, seconds.
    pattern: str
    # Which group holds the year, the month, the day.
    year: int
    month: int
    day: int


def date_part(date_format: str) -> str:
    """The date part of a format (before any time), e.g. %d/%m/%Y of "%d/%m/%Y %H:%M"."""
    return re.split(r"\s+|T", date_format.strip())[0]


def date_order(date_format: str) -> DateOrder:
    parts = re.fullmatch(r"(%[Ymd])([/.-])(%[Ymd])\2(%[Ymd])", date_part(date_format))
    order = [parts.group(1), parts.group(3), parts.group(4)] if parts else []
    if not parts or len(set(order)) != 3:
        raise PipelineInputError(
            "invalid_date_format",
            f'the date format "{date_format}" is not one Medallion reads: the day (%d), month (%m) and year (%Y) '
            "with one separator, e.g. %d/%m/%Y or %Y-%m-%d",
        )
    separator = re.sub(r"[.-]", lambda m: "\\" + m.group(0), parts.group(2))
    pattern = "(?U)^" + separator.join(_PART[p] for p in order) + _TIME + "$"
    return DateOrder(pattern, order.index("%Y") + 1, order.index("%m") + 1, order.index("%d") + 1)
