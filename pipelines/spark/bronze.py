"""Bronze: a source file lands as Parquet, every column as text exactly as it came, with lineage columns
(source file, the physical line the row starts on, ingestion time, batch id), as pipelines/bronze.ts does.

A CSV file is read in its dialect (pipelines/spark/dialect/): its encoding (decoded on the driver's JVM into a
UTF-8 copy beside the run's bronze when it is not UTF-8), its separator and header, found on the driver from
the file's first bytes; its records scanned on Spark for their lines, their field count and blank lines; how
its numbers and dates are written, read from the landed columns. Nothing is dropped silently: a line with
more or fewer fields than the header is set aside as a `wrong_field_count` reject with its raw text, and
blank lines are counted apart."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from py4j.protocol import Py4JJavaError
from pyspark.errors import PySparkException
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from pipelines.spark.dialect.date_format import ISO_DATE
from pipelines.spark.dialect.delimiter import detect_delimiter, head_lines, split_line
from pipelines.spark.dialect.encoding import (
    UTF8,
    EncodingMark,
    byte_order_mark,
    given_encoding,
    guess_single_byte,
)
from pipelines.spark.dialect.header import first_line_names, header_names, required_found
from pipelines.spark.dialect.record_scan import KEPT, MALFORMED, Scan, scan_records
from pipelines.spark.dialect.value_formats import detect_date_format, detect_decimal
from pipelines.spark.errors import PipelineInputError
from pipelines.spark.hadoop_fs import HadoopFs
from pipelines.spark.row_numbers import with_row_numbers
from pipelines.spark.silver.build import SetAside
from pipelines.spark.tables import Written, read_table, write_table
from pipelines.spark.time_math import ntz_from_micros

SNIFF_BYTES = 64 * 1024
# The raw text of a malformed line kept in its reject (longer lines are cut, and say so).
RAW_LINE_CHARS = 2000
# Unquoted empty fields become this, then null; quoted empty fields stay "" (Polars reads them so).
_NULL_TOKEN = "\u0000"
_REJECT_COLUMNS = (
    "source string, row_number long, reason string, field string, value string, record string, batch_id string"
)


@dataclass(frozen=True)
class Lineage:
    batch_id: str
    ingested_at_micros: int


@dataclass(frozen=True)
class BronzeSource:
    path: str
    # The columns the source must have (extra columns are kept).
    required: Sequence[str]
    # The columns holding dates, and numbers with decimals: their formats are detected from them.
    date_column: str
    decimal_column: Optional[str] = None
    # What the user said of the file's dialect (delimiter, encoding, decimal, dateFormat); the rest is detected.
    dialect: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Landed:
    written: Written
    # How the file was read (FileDialect in src-preload/contract.ts).
    dialect: Dict[str, Any]
    set_aside: SetAside
    blank: int


@dataclass(frozen=True)
class _Read:
    frame: DataFrame
    kept: int
    dialect: Dict[str, Any]
    set_aside: SetAside
    blank: int
    # Rows come in file order (one text read, no join): the write needs no sort.
    in_order: bool


@dataclass(frozen=True)
class _Header:
    # The first line, without CR: the header's names.
    first_line: str
    # The first record's fields (a quoted name may hold a line break): what every record must have.
    fields: int


def _check_file(fs: HadoopFs, path: str, name: str) -> None:
    if not fs.exists(path):
        raise PipelineInputError("missing_file", f"{path} does not exist")
    if fs.size(path) == 0:
        raise PipelineInputError("empty_file", f"{name} is empty: expected a header line and data rows")


def _first_record_end(text: str, delimiter: str) -> Tuple[Optional[int], int]:
    """Where the first record ends (its LF, or None when the text ends first) and its field count, walked as
    the byte scan walks: a quote toggles quoting; separators and line feeds count outside quotes only."""
    fields = 1
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == delimiter:
            fields += 1
        elif not quoted and char == "\n":
            return index, fields
    return None, fields


def _header(fs: HadoopFs, path: str, delimiter: str) -> _Header:
    """The header from the file's first bytes (more of them when a quoted name holds a long text)."""
    limit = SNIFF_BYTES
    while True:
        head = fs.head(path, limit)
        text = head.decode("utf-8", errors="replace")
        end, fields = _first_record_end(text, delimiter)
        if end is not None or len(head) < limit:
            break
        limit *= 4
    return _Header(head_lines(head)[0], fields)


def _as_utf8(fs: HadoopFs, path: str, mark: EncodingMark, work_dir: str, table: str, scratch: List[str]) -> str:
    """The path of the file's UTF-8 text: itself, or a decoded copy in the run's bronze folder (where every
    executor reads it, on the lake's own file system), removed once silver is written."""
    if mark.charset is None:
        return path
    decoded = f"{work_dir.rstrip('/')}/medallion-decoded-{table}.csv"
    scratch.append(decoded)
    fs.decode_to_utf8(path, decoded, mark.charset)
    return decoded


def _delimiter(fs: HadoopFs, path: str, source: BronzeSource) -> str:
    given = source.dialect.get("delimiter")
    if given:
        return given
    lines = head_lines(fs.head(path, SNIFF_BYTES))
    return detect_delimiter(lines, lambda header: required_found(header, source.required))


def _record_options(delimiter: str) -> Dict[str, str]:
    """Doubled quotes escape a quote; an unquoted empty field is null, a quoted one stays "" (as Polars)."""
    return {"sep": delimiter, "escape": '"', "nullValue": _NULL_TOKEN, "mode": "PERMISSIVE"}


def _without_final_cr(column: str) -> Column:
    return F.regexp_replace(F.col(column), r"\r\z", "")


def _kept_rows(scan: Scan, names: Sequence[str], delimiter: str, row_numbers_last: bool) -> DataFrame:
    """Each kept record split into its fields (Spark's CSV parser, one record at a time), with its line."""
    ddl = ", ".join(f"_c{index} STRING" for index in range(len(names)))
    parsed = scan.records.filter(F.col("_kind") == KEPT).select(
        F.col("_line").cast("long").alias("_row_number"),
        F.from_csv(_without_final_cr("_text"), ddl, _record_options(delimiter)).alias("_r"),
    )
    columns = [F.col("_r").getField(f"_c{index}").alias(name) for index, name in enumerate(names)]
    # Polars appends `_row_number` when some line was set aside or spanned lines, else puts it first.
    return parsed.select(*columns, "_row_number") if row_numbers_last else parsed.select("_row_number", *columns)


def _malformed_rejects(scan: Scan, name: str, lineage: Lineage) -> DataFrame:
    """Rejects of records with the wrong field count: the raw record (cut when long) is the value, and the
    record is `{"line": <raw>}`."""
    raw = _without_final_cr("_text")
    value = F.when(
        F.length(raw) > RAW_LINE_CHARS, F.concat(F.substring(raw, 1, RAW_LINE_CHARS), F.lit("… (cut)"))
    ).otherwise(raw)
    return scan.records.filter(F.col("_kind") == MALFORMED).select(
        F.lit(name).alias("source"),
        F.col("_line").cast("long").alias("row_number"),
        F.lit("wrong_field_count").alias("reason"),
        F.lit(None).cast("string").alias("field"),
        value.alias("value"),
        F.to_json(F.struct(value.alias("line"))).alias("record"),
        F.lit(lineage.batch_id).alias("batch_id"),
    )


def _check_closed_quotes(scan: Scan, name: str) -> None:
    """A kept record whose quote stays open to the end of the file: Polars' reader refuses such a file (a
    malformed one was set aside, and is only a reject)."""
    line = scan.unclosed_quote_line
    if line is None:
        return
    kept = scan.records.filter((F.col("_line") == line) & (F.col("_kind") == KEPT)).limit(1).count()
    if kept > 0:
        raise PipelineInputError(
            "not_csv", f"{name} could not be read as CSV: the quote opened on line {line} is never closed"
        )


def _read_csv(
    spark: SparkSession,
    fs: HadoopFs,
    source: BronzeSource,
    name: str,
    lineage: Lineage,
    work_dir: str,
    table: str,
    scratch: List[str],
) -> _Read:
    given = source.dialect
    detected: List[str] = []
    head = fs.head(source.path, SNIFF_BYTES)
    mark = given_encoding(head, given["encoding"], name) if given.get("encoding") else byte_order_mark(head)
    if not given.get("encoding"):
        detected.append("encoding")
    mark = mark or UTF8
    if mark.encoding != "utf-16" and b"\x00" in head:
        raise PipelineInputError("not_csv", f"{name} is not a CSV file (it contains binary data)")
    path = _as_utf8(fs, source.path, mark, work_dir, table, scratch)
    delimiter = _delimiter(fs, path, source)
    header = _header(fs, path, delimiter)
    scan = scan_records(spark, path, delimiter, header.fields, check_utf8=mark.charset is None)
    if scan.invalid_utf8_line is not None:
        if given.get("encoding") or mark.charset is not None:
            raise PipelineInputError(
                "invalid_encoding",
                f"{name}, line {scan.invalid_utf8_line}: not valid {mark.encoding}: pass --encoding windows-1252 if "
                'the file comes from a spreadsheet saved as "CSV"',
            )
        mark = guess_single_byte(head, name, scan.invalid_utf8_line)
        path = _as_utf8(fs, source.path, mark, work_dir, table, scratch)
        delimiter = _delimiter(fs, path, source)
        header = _header(fs, path, delimiter)
        scan = scan_records(spark, path, delimiter, header.fields, check_utf8=False)
    if not given.get("delimiter"):
        detected.append("delimiter")
    _check_closed_quotes(scan, name)
    # The header's names as the file writes them (its first line), so a repeated name is refused.
    names = header_names(first_line_names(split_line(header.first_line, delimiter)), source.required, name)
    row_numbers_last = scan.kept > 0 and scan.last_kept_line != scan.kept + 1
    dialect: Dict[str, Any] = {
        "format": "csv",
        "delimiter": delimiter,
        "encoding": mark.encoding,
        "bom": mark.bom_bytes > 0,
        "decimal": given.get("decimal") or ".",
        "dateFormat": given.get("dateFormat") or ISO_DATE,
        "detected": detected,
    }
    return _Read(
        frame=_kept_rows(scan, names, delimiter, row_numbers_last),
        kept=scan.kept,
        dialect=dialect,
        set_aside=SetAside(_malformed_rejects(scan, name, lineage), scan.malformed),
        blank=scan.blank,
        in_order=not scan.spanning,
    )


def _read_parquet(spark: SparkSession, source: BronzeSource, name: str) -> _Read:
    try:
        frame = spark.read.parquet(source.path)
        frame.schema  # noqa: B018 - resolving the schema reads the footer: a bad file fails here
    except (PySparkException, Py4JJavaError) as err:
        # The reader's own message is left out (the Polars wording): it may quote the file.
        raise PipelineInputError(
            "not_parquet", f"{name} could not be read as Parquet: it is damaged or not Parquet"
        ) from err
    names = header_names(frame.columns, source.required, name)
    text = frame.select(*[F.col(f"`{c}`").cast("string").alias(n) for c, n in zip(frame.columns, names)])
    numbered, rows = with_row_numbers(text, "_row_number", 1)
    empty = SetAside(spark.createDataFrame([], _REJECT_COLUMNS), 0)
    # Parquet's values are typed: written as text, numbers have a point and dates are ISO.
    dialect = {"format": "parquet", "decimal": ".", "dateFormat": ISO_DATE, "detected": []}
    return _Read(numbered.select("_row_number", *[F.col(f"`{n}`") for n in names]), rows, dialect, empty, 0, True)


def land_source(
    spark: SparkSession,
    source: BronzeSource,
    table: str,
    lineage: Lineage,
    out: str,
    scratch: List[str],
) -> Landed:
    """Reads one source file into the bronze table `<out>/<table>.parquet`, or raises a PipelineInputError naming
    the file. Decoded copies it makes are listed in `scratch` for the caller to remove once silver is written
    (the set-aside lines are read from them then)."""
    fs = HadoopFs(spark)
    name = posixpath.basename(source.path)
    _check_file(fs, source.path, name)
    if source.path.lower().endswith(".parquet"):
        read = _read_parquet(spark, source, name)
    else:
        read = _read_csv(spark, fs, source, name, lineage, out, table, scratch)
    if read.kept == 0 and read.set_aside.count == 0:
        raise PipelineInputError("empty_file", f"{name} has a header but no data rows")
    frame = read.frame.withColumns(
        {
            "_source_file": F.lit(name),
            "_ingested_at": ntz_from_micros(F.lit(lineage.ingested_at_micros)),
            "_batch_id": F.lit(lineage.batch_id),
        }
    )
    written = write_table(spark, frame, out, table, ["_row_number"], presorted=read.in_order)
    dialect = read.dialect
    if dialect["format"] == "csv":
        formats, detected = _value_formats(spark, source, out, table, name)
        dialect = {**dialect, **formats, "detected": dialect["detected"] + detected}
    return Landed(written, dialect, read.set_aside, read.blank)


def _value_formats(
    spark: SparkSession, source: BronzeSource, out: str, table: str, name: str
) -> Tuple[Dict[str, str], List[str]]:
    """The decimal mark and date format, given or read from the landed table (its columns only: Parquet reads
    just those), keeping `detected` in the order the TypeScript side lists it."""
    given = source.dialect
    landed = read_table(spark, out, table)
    formats: Dict[str, Any] = {}
    detected: List[str] = []
    if given.get("decimal"):
        formats["decimal"] = given["decimal"]
    elif source.decimal_column:
        formats["decimal"] = detect_decimal(landed, source.decimal_column)
        detected.append("decimal")
    if given.get("dateFormat"):
        formats["dateFormat"] = given["dateFormat"]
    else:
        formats["dateFormat"] = detect_date_format(landed, source.date_column, name)
        detected.append("dateFormat")
    return formats, detected
