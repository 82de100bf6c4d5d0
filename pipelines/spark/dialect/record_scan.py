"""The record scan of pipelines/dialect/record-scan.ts, on Spark: the physical line each record starts on (a
quoted field may hold line breaks), records whose field count differs from the header's, and blank lines
(nothing but spaces, tabs, CR and separators, as spreadsheets export empty rows).

The file is read as text lines split on LF alone, numbered in file order (the header is line 1). A line
break inside quotes shows as a line with an odd number of quotes: such lines pair up, and each pair opens and
closes one record that spans the lines between. Those few line numbers are collected on the driver; every
other line is a record by itself, counted and split on the executors. Fields are counted outside quotes, as
the TypeScript scan counts them (a quote anywhere toggles quoting)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from pyspark.sql import Column, DataFrame, Row, SparkSession
from pyspark.sql import functions as F

from pipelines.spark.hadoop_fs import HadoopFs
from pipelines.spark.row_numbers import with_row_numbers

KEPT = "kept"
BLANK = "blank"
MALFORMED = "malformed"
# A malformed record's raw text is cut at 2000 characters: its first 2001 lines are more than enough.
_RAW_TEXT_LINES = 2001
# Lines of spanning records are listed in chunks, so no single row holds a huge array.
_SPAN_CHUNK = 100_000
_BROADCAST_SPAN_LINES = 1_000_000


@dataclass(frozen=True)
class Scan:
    # Data records (line ≥ 2): `_line` (the line it starts on), `_text` (its lines joined by LF), `_kind`.
    records: DataFrame
    kept: int
    malformed: int
    blank: int
    # The line of the last kept record (None without one).
    last_kept_line: Optional[int]
    # True when some record spans lines: records then come out of file order.
    spanning: bool
    # The first line that is not valid UTF-8 (only looked for when asked).
    invalid_utf8_line: Optional[int] = None
    # The line of a quote left open at the end of the file, if any.
    unclosed_quote_line: Optional[int] = None


def read_lines(spark: SparkSession, path: str) -> Tuple[DataFrame, int]:
    """The file's lines split on LF only (a CR stays in its line, as the byte scan keeps it), numbered from 1."""
    lines = spark.read.option("lineSep", "\n").text(path)
    return with_row_numbers(lines, "_line", 1)


def _count(text: Column, char: str) -> Column:
    """How many times `char` occurs. Splitting on one character takes Java's fast path (no regex); Spark's
    `translate` looks every character up in a map, several times slower on every line of a big file."""
    pattern = "\\" + char if char in r"|.^$*+?()[]{}\\" else char
    return F.size(F.split(text, pattern, -1)) - 1


def _separators_outside_quotes(value: Column, inside: Column, separator: str) -> Column:
    """Separators outside quoted parts of a line; `inside` says the line starts within a quoted field."""
    text = F.when(inside, F.concat(F.lit('"'), value)).otherwise(value)
    # Each quote toggles: removing every quoted stretch (to the line's end when it stays open) leaves the rest.
    unquoted = F.regexp_replace(text, r'"[^"]*(?:"|\z)', "")
    # Most lines hold no quote at all: they are counted without the regex.
    plain = ~inside & (F.instr(value, '"') == 0)
    return F.when(plain, _count(value, separator)).otherwise(_count(unquoted, separator))


def _is_blank(value: Column, separator: str) -> Column:
    """Nothing but spaces, tabs, CR and separators (an empty line too)."""
    return value.rlike("^[ \t\r" + separator + r"]*\z")


def _is_valid_utf8(value: Column) -> Column:
    """The line's raw bytes survive a strict round trip (Spark keeps a text line's bytes as read)."""
    raw = value.cast("binary")
    return F.encode(F.decode(raw, "UTF-8"), "UTF-8") == raw


def _kind(fields: Column, blank: Column, header_fields: int) -> Column:
    return F.when(blank, F.lit(BLANK)).when(fields != header_fields, F.lit(MALFORMED)).otherwise(F.lit(KEPT))


def _spans(odd_lines: List[int], last_line: int) -> List[Tuple[int, int]]:
    """Records that span lines, as (first line, last line): odd-quote lines pair up in order; one left over
    opens a quoted field that runs to the end of the file."""
    ordered = sorted(odd_lines)
    spans = []
    for index in range(0, len(ordered), 2):
        start = ordered[index]
        end = ordered[index + 1] if index + 1 < len(ordered) else last_line
        if end > start:
            spans.append((start, end))
    return spans


def _single_line_records(lines: DataFrame, separator: str, header_fields: int) -> DataFrame:
    value = F.col("value")
    fields = _separators_outside_quotes(value, F.lit(False), separator) + 1
    return lines.select(
        "_line", value.alias("_text"), _kind(fields, _is_blank(value, separator), header_fields).alias("_kind")
    )


def _spanning_records(
    spark: SparkSession, lines: DataFrame, spans: List[Tuple[int, int]], separator: str, header_fields: int
) -> DataFrame:
    """Every record, those spanning lines joined with LF; a malformed one keeps only the lines its raw text
    needs, so a quote left open near the top of a big file does not become one huge string."""
    chunks = [
        (start, low, min(low + _SPAN_CHUNK - 1, end))
        for start, end in spans
        for low in range(start, end + 1, _SPAN_CHUNK)
    ]
    members = spark.createDataFrame(chunks, "_record long, _from long, _to long").select(
        "_record", F.explode(F.sequence("_from", "_to")).alias("_line")
    )
    if sum(end - start + 1 for start, end in spans) <= _BROADCAST_SPAN_LINES:
        members = F.broadcast(members)
    tagged = lines.join(members, "_line", "left")
    single = _single_line_records(tagged.filter(F.col("_record").isNull()), separator, header_fields)
    inner = tagged.filter(F.col("_record").isNotNull()).withColumn(
        "_separators", _separators_outside_quotes(F.col("value"), F.col("_line") > F.col("_record"), separator)
    )
    fields = inner.groupBy("_record").agg((F.sum("_separators") + 1).alias("_fields"))
    needed = inner.join(fields, "_record").filter(
        (F.col("_fields") == header_fields) | (F.col("_line") - F.col("_record") < _RAW_TEXT_LINES)
    )
    ordered = F.sort_array(F.collect_list(F.struct("_line", "value")))
    joined = needed.groupBy("_record", "_fields").agg(
        F.array_join(F.transform(ordered, lambda line: line["value"]), "\n").alias("_text")
    )
    spanning = joined.select(
        F.col("_record").alias("_line"), "_text", _kind(F.col("_fields"), F.lit(False), header_fields).alias("_kind")
    )
    return single.unionByName(spanning)


def _tally_columns() -> List[Column]:
    kind = F.col("_kind")
    return [
        F.sum((kind == KEPT).cast("long")).alias("kept"),
        F.sum((kind == MALFORMED).cast("long")).alias("malformed"),
        F.sum((kind == BLANK).cast("long")).alias("blank"),
        F.max(F.when(kind == KEPT, F.col("_line"))).alias("last_kept"),
    ]


def _counts(row: Row) -> Tuple[int, int, int, Optional[int]]:
    return int(row["kept"] or 0), int(row["malformed"] or 0), int(row["blank"] or 0), row["last_kept"]


def scan_records(
    spark: SparkSession, path: str, separator: str, header_fields: int, check_utf8: bool
) -> Scan:
    """One pass counts the lines as single-line records and lists the lines with an odd number of quotes (and,
    when asked, the first line that is not UTF-8); only when some record spans lines is there a second."""
    lines, line_count = read_lines(spark, path)
    single = _single_line_records(lines, separator, header_fields)
    text = F.col("_text")
    odd_quotes = (F.instr(text, '"') > 0) & (_count(text, '"') % 2 == 1)
    first = (
        single.withColumn("_kind", F.when(F.col("_line") >= 2, F.col("_kind")))
        .agg(
            F.collect_list(F.when(odd_quotes, F.col("_line"))).alias("odd"),
            (F.min(F.when(~_is_valid_utf8(text), F.col("_line"))) if check_utf8 else F.lit(None)).alias("invalid"),
            *_tally_columns(),
        )
        .first()
    )
    invalid = first["invalid"]
    odd = sorted(first["odd"])
    unclosed = odd[-1] if len(odd) % 2 == 1 else None
    spans = _spans(odd, line_count)
    if invalid is not None or not spans:
        # Each line is a record by itself (a file that is not UTF-8 is read again, decoded, by the caller).
        records = _with_final_line_feed(spark, path, single, unclosed).filter(F.col("_line") >= 2)
        return Scan(records, *_counts(first), False, invalid, unclosed)
    records = _spanning_records(spark, lines, spans, separator, header_fields).filter(F.col("_line") >= 2)
    records = _with_final_line_feed(spark, path, records, unclosed)
    return Scan(records, *_counts(records.agg(*_tally_columns()).first()), True, None, unclosed)


def _with_final_line_feed(spark: SparkSession, path: str, records: DataFrame, unclosed: Optional[int]) -> DataFrame:
    """A quote left open runs to the end of the file, so its record keeps the file's last line feed, which the
    line reader drops (the byte scan keeps it in the raw text)."""
    if unclosed is None or not HadoopFs(spark).ends_with(path, b"\n"):
        return records
    text = F.col("_text")
    return records.withColumn("_text", F.when(F.col("_line") == unclosed, F.concat(text, F.lit("\n"))).otherwise(text))
