"""File operations through Hadoop's FileSystem API, so one code path serves local folders and s3a:// URLs."""

from __future__ import annotations

from typing import Any, List

from pyspark.sql import SparkSession


class HadoopFs:
    def __init__(self, spark: SparkSession) -> None:
        self._jvm = spark.sparkContext._jvm
        self._conf = spark.sparkContext._jsc.hadoopConfiguration()

    def _path(self, path: str) -> Any:
        return self._jvm.org.apache.hadoop.fs.Path(path)

    def _fs(self, path: str) -> Any:
        return self._path(path).getFileSystem(self._conf)

    def exists(self, path: str) -> bool:
        return bool(self._fs(path).exists(self._path(path)))

    def size(self, path: str) -> int:
        return int(self._fs(path).getFileStatus(self._path(path)).getLen())

    def head(self, path: str, limit: int) -> bytes:
        """The first `limit` bytes (fewer for a shorter file)."""
        stream = self._fs(path).open(self._path(path))
        try:
            # A Java byte[] returned through py4j arrives as Python bytes (arrays passed in are copies).
            return bytes(stream.readNBytes(limit))
        finally:
            stream.close()

    def parquet_rows(self, path: str) -> int:
        """A Parquet file's row count, read from its footer in the driver (no Spark job)."""
        parquet = self._jvm.org.apache.parquet.hadoop
        reader = parquet.ParquetFileReader.open(parquet.util.HadoopInputFile.fromPath(self._path(path), self._conf))
        try:
            return int(reader.getRecordCount())
        finally:
            reader.close()

    def list_names(self, folder: str) -> List[str]:
        return [status.getPath().getName() for status in self._fs(folder).listStatus(self._path(folder))]

    def rename(self, source: str, target: str) -> None:
        if not self._fs(source).rename(self._path(source), self._path(target)):
            raise OSError(f"could not move {source} to {target}")

    def delete(self, path: str) -> None:
        self._fs(path).delete(self._path(path), True)
