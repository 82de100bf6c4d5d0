"""Python's str.title() (every run of letters capitalised, the rest lower-cased) with one fix: a run of at
most three capitals is an acronym and stays as written, so "UK" stays "UK" (pipelines/silver/title-case.ts).
Mapped on the distinct values in the driver, then applied as a lookup: no Python runs on the executors."""

from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import Dict, Iterable

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def _title_run(run: str) -> str:
    if len(run) <= 3 and run == run.upper() and run != run.lower():
        return run
    return run[:1].upper() + run[1:].lower()


def title_case(text: str) -> str:
    return "".join(
        _title_run(run) if letters else run
        for letters, run in ((key, "".join(chars)) for key, chars in groupby(text, key=_is_letter))
    )


def _changes(values: Iterable[str]) -> Dict[str, str]:
    return {value: title_case(value) for value in values if title_case(value) != value}


def title_case_column(frame: DataFrame, column: str) -> DataFrame:
    distinct = [row[0] for row in frame.select(column).distinct().collect() if row[0] is not None]
    changes = _changes(distinct)
    if not changes:
        return frame
    lookup = F.create_map(*[F.lit(part) for pair in changes.items() for part in pair])
    return frame.withColumn(column, F.coalesce(lookup[F.col(column)], F.col(column)))
