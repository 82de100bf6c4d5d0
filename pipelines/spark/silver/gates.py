"""Gates between silver and gold (pipelines/silver/gates.ts, word for word): a run may commit only when each
source kept rows and rejected no more than a share of them (10 % by default). Otherwise it fails, the previous
gold stays current, and the message names the file, the counts, the main reasons with one example each (line,
field, value) and the likely fix — a file read in the wrong dialect rejects nearly everything."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Dict, List, Mapping, Optional

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.dialect.js_text import js_trim
from pipelines.spark.errors import PipelineInputError
from pipelines.spark.quoted_text import quoted

SOURCE_TABLES = ("clients", "achats")
_REASONS_SHOWN = 3


@dataclass(frozen=True)
class FileCounts:
    """Every row of a source file accounted for: read = kept + rejected + blank (FileCounts in the contract)."""

    kept: int
    rejected: int
    blank: int

    def record(self) -> Dict[str, int]:
        read = self.kept + self.rejected + self.blank
        return {"read": read, "kept": self.kept, "rejected": self.rejected, "blank": self.blank}


@dataclass(frozen=True)
class ReasonExample:
    reason: str
    count: int
    line: int
    field: Optional[str]
    value: Optional[str]


def main_reasons(rejects: DataFrame, file: str) -> List[ReasonExample]:
    """The most frequent reasons of a file's rejects, each with its first example (the lowest line). Polars
    leaves the order of reasons with equal counts open; here the earlier first example comes first."""
    rows = (
        rejects.filter(F.col("source") == file)
        .groupBy("reason")
        .agg(F.count(F.lit(1)).alias("count"), F.min(F.struct("row_number", "field", "value")).alias("first"))
        .collect()
    )
    examples = [
        ReasonExample(row["reason"], int(row["count"]), int(first["row_number"]), first["field"], first["value"])
        for row, first in ((row, row["first"]) for row in rows)
    ]
    return sorted(examples, key=lambda e: (-e.count, e.line))[:_REASONS_SHOWN]


def _describe(example: ReasonExample) -> str:
    """A value is shown escaped and cut; a reject of a whole line (no field) by its line number only."""
    what = f": {example.field} {quoted(example.value or '')}" if example.field else ""
    return f"{example.reason} ×{example.count} (line {example.line}{what})"


def _likely_fix(reasons: List[ReasonExample], dialect: Optional[Mapping[str, Any]]) -> Optional[str]:
    """What to try, read from the first examples: the usual mistakes of a file's dialect."""
    delimiter = (dialect or {}).get("delimiter")
    for example in reasons:
        text = js_trim(example.value or "")
        if example.reason == "invalid_date" and re.match(r"\d{1,2}/\d{1,2}/\d{4}", text, re.ASCII):
            return f"the dates look like {text}: pass --date-format %d/%m/%Y (or %m/%d/%Y)"
        if (
            example.reason == "invalid_number"
            and example.field == "montant"
            and re.fullmatch(r"-?\d+,\d+", text, re.ASCII)
        ):
            return f"the amounts look like {text}: pass --decimal ,"
        if example.reason == "wrong_field_count" and delimiter == "," and re.search(r"\d,\d", text, re.ASCII):
            return (
                "numbers written with a decimal comma split into two fields in this comma-separated file: save it "
                'with ";" as the separator, or quote those numbers'
            )
        if example.reason == "wrong_field_count":
            shown = "tab" if delimiter == "\t" else (delimiter or ",")
            return (
                f"the lines do not split into the header's columns with \"{shown}\": pass --delimiter with the "
                "file's separator"
            )
    return None


def _percent(share: float) -> str:
    """`(share * 100).toFixed(share < 0.1 ? 1 : 0)` in JavaScript: half-way cases of the exact binary value
    round up, where Python's formatting would round them to even."""
    digits = 1 if share < 0.1 else 0
    rounded = Decimal(share * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{rounded} %"


def _failure(
    file: str,
    headline: str,
    reasons: List[ReasonExample],
    dialect: Optional[Mapping[str, Any]],
    rejects_at: str,
) -> PipelineInputError:
    fix = _likely_fix(reasons, dialect)
    parts = [
        f"{file}: {headline}; the previous gold stays current",
        f"main reasons: {'; '.join(_describe(r) for r in reasons)}" if reasons else None,
        f"likely fix: {fix}" if fix else None,
        f"every rejected row is in {rejects_at}",
    ]
    return PipelineInputError("rejected_input", ". ".join(part for part in parts if part))


def check_gates(
    files: Mapping[str, str],
    counts: Mapping[str, FileCounts],
    dialect: Mapping[str, Mapping[str, Any]],
    rejects: DataFrame,
    max_reject_share: float,
    rejects_at: str,
) -> None:
    """Raises for the first source, clients then purchases, that kept nothing or rejected too much."""
    for table in SOURCE_TABLES:
        file = files[table]
        kept, rejected = counts[table].kept, counts[table].rejected
        rows = kept + rejected
        what = "client" if table == "clients" else "purchase"
        share = 0 if rows == 0 else rejected / rows
        if kept == 0:
            headline = f"no {what} survived silver: all {rows} rows were rejected"
        elif share > max_reject_share:
            headline = (
                f"{rejected} of {rows} rows were rejected ({_percent(share)}, more than the "
                f"{_percent(max_reject_share)} --max-reject-share allows)"
            )
        else:
            continue
        raise _failure(file, headline, main_reasons(rejects, file), dialect.get(table), rejects_at)
