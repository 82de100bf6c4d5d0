"""How a source writes its numbers and dates (its dialect, detected in bronze or given), which silver's
parsers follow (pipelines/silver/silver-options.ts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from pipelines.spark.dialect.date_format import ISO_DATE


@dataclass(frozen=True)
class ValueFormats:
    decimal: str = "."
    # strftime of the date part, e.g. %Y-%m-%d (the default) or %d/%m/%Y.
    date_format: str = ISO_DATE

    @staticmethod
    def of(dialect: Optional[Mapping[str, Any]]) -> "ValueFormats":
        """From a file's dialect as the run record keeps it (FileDialect); absent fields take the defaults."""
        dialect = dialect or {}
        return ValueFormats(dialect.get("decimal") or ".", dialect.get("dateFormat") or ISO_DATE)
