#!/usr/bin/env bash
# Creates the Python environment of the test servers and tools that are Python programs: the MLflow
# tracking server (the models' tests) and PySpark (the Spark engine). A venv outside the clone, pinned
# versions, pip's own cache kept so a rebuild downloads nothing. Idempotent; prints the venv's path.
set -euo pipefail
venv="${MEDALLION_VENV:-$HOME/.cache/medallion/venv}"
# MLflow 3.6.0 accepts any SQLAlchemy 2, but its SQLite store imports a pool class SQLAlchemy 2.1 removed:
# without the third pin `mlflow server --backend-store-uri sqlite:///…` dies at start.
pins=("mlflow==3.6.0" "pyspark==3.5.3" "sqlalchemy==2.0.58")

# Already there with every pin installed: nothing to do (one quick metadata read, no pip).
installed() {
  [ -x "$venv/bin/python" ] || return 1
  "$venv/bin/python" - "${pins[@]}" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if all(version(p.split("==")[0]) == p.split("==")[1] for p in sys.argv[1:]) else 1)
PY
}

if ! installed; then
  command -v python3 >/dev/null || {
    echo "setup-python: python3 is missing; install it (Debian: apt-get install python3 python3-venv)" >&2
    exit 1
  }
  mkdir -p "$(dirname "$venv")"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet "${pins[@]}" >&2
fi
echo "$venv"
