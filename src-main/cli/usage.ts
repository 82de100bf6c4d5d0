/** The `medallion` command's help text. Plain values only, so `medallion --help` loads nothing else. */
import { ML_DEFAULTS } from '../../src-preload/names-ml.ts'
import { BENCH_SCALES } from '../../src-preload/values.ts'

export const USAGE = `medallion — a small medallion lakehouse (bronze → silver → gold) on nodejs-polars

Usage: medallion <command> [options]

Commands:
  demo                 generate the original-sized sources, run the whole pipeline, print a summary
  generate             write seeded clients.csv and achats.csv to <data>/sources
      --clients N  --purchases N  --scale K  --seed S  --dirty SHARE (0..0.5)  --out DIR
      --dialect fr-excel   (write as a French spreadsheet saves "CSV": ";", Windows-1252, decimal comma, 31/12/2024)
  run                  run the pipeline into <data>/lake
      --from bronze|silver|gold   (default bronze)   --input DIR (a folder with clients.csv and achats.csv)
      --engine polars|spark       (default polars; spark: SPARK_MASTER_URL, the stack's Spark, or local PySpark)
      How the files are written (detected per file unless given; given values apply to both files):
      --delimiter , ; tab |   --encoding utf-8|utf-16|windows-1252   --decimal . ,   --date-format %d/%m/%Y
      --max-reject-share 0.1  (the run fails, keeping the previous gold, when silver rejects more of a file)
  runs                 list the run history  (--limit N)
  show LAYER/TABLE     a page of any table of a kept run, e.g. silver/rejects, gold/client_scores
      --run ID (default the current run)  --limit N (default 20)  --offset N  --sort COL[:desc]
  publish              publish the current gold to MongoDB (MONGO_URL or MONGO_URI, MONGO_DB)
  bench                time the pipeline or the dashboard refresh; results go to <data>/metrics
      --kind pipeline|refresh (default pipeline)  --scales ${BENCH_SCALES.join(',')} (pipeline; default seed)
      --engine polars|spark (pipeline; default polars)
  train predictor|advisor   train a model on the current gold; tracked in MLflow when MLFLOW_TRACKING_URI answers
      --horizon N (predictor: days, default ${ML_DEFAULTS.horizonDays})  --clusters K (advisor, default ${ML_DEFAULTS.clusters})  --seed S
      credentials: MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN (a header)
  serve                the read API on http://127.0.0.1:5000 and, when the UI is built, the UI (web mode)
      --host H  --port N (or MEDALLION_API_PORT; 0 = any free port)  --web-root DIR (default: the built UI)
      prints the URL to open, with this launch's ?token=… (MEDALLION_TOKEN or --token-file FILE fix it)
      --allowed-hosts a,b (Host names accepted beyond loopback)  --tls-cert FILE --tls-key FILE (HTTPS)
  schedule add "<cron>"  run the pipeline on a schedule while the app or \`serve\` runs for this data folder
      cron: five fields, or six with seconds first ("0 7 * * *", "*/30 * * * * *")
      --input DIR | --last-import  (default: the data folder's sources)  --engine polars|spark
      --publish  --train predictor|advisor  --tz ZONE (default: this machine's)  --catch-up (run a missed tick once at start)
  schedule list        the schedules with their next run times, and which process runs them
  schedule pause|resume|remove ID
  watch DIR            run the pipeline on DIR each time its clients/achats files change and then settle
      --settle SECONDS (default 3: a file still being copied never starts a run)  --engine polars|spark
      --publish (publish to MongoDB after each run)   each run's result is printed; Ctrl+C stops
  watch add DIR        save the watch: run by the app or \`serve\` for this data folder, like the schedules
      --settle SECONDS  --engine polars|spark  --publish   (a folder named add/list/remove: give ./add)
  watch list           the saved watches, and which process runs them
  watch remove ID
  diagnostics          write a zip for a bug report (versions, settings, last runs, logs; secrets removed)
      --out FILE (default medallion-diagnostics-<time>.zip)

The stack (compose/docker-compose.yml on Docker or Podman; DOCKER_HOST picks the engine):
  up                   start MongoDB, MinIO, MLflow, Metabase; run the pipeline on MinIO; publish to MongoDB
      --profile spark (repeatable)  --skip-pipeline
                       (the first up generates their credentials into stack.env in the configuration
                       folder: $MEDALLION_CONFIG_DIR, else the OS's; reset --scope volumes renews them)
  down                 stop and remove the containers (volumes are kept)
  reset                delete by scope, after showing what:  --scope containers|volumes|data  --yes
                       (volumes includes containers; data also deletes the local lake and run history)
  status               each service's state, health, ports, image, uptime; the engine in use; where the
                       credentials are (docker compose --env-file <that file> uses them)
  logs SERVICE         --tail N  --since 10m|ISO  --search TEXT  --follow  --export FILE
      --compose FILE   another compose file (default: the one shipped with Medallion)

Options for every command:
  --data-dir DIR       the data folder (default: $MEDALLION_DATA_DIR, else ./data; the installed app's own
                       data folder when run through the app)
  --json               print one JSON document on stdout instead of text
  --verbose            also print each step's log lines
  -h, --help           this help
  --version            Medallion's version
`
