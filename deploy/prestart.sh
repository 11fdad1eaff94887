#!/usr/bin/env bash
# Run once before the web processes start (the compose `migrate` service):
# wait for the database to accept connections, then apply every migration.
# Web processes never migrate by themselves, so two replicas cannot race.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must be set}"
TRIES="${PRESTART_DB_TRIES:-60}"

python - "$TRIES" <<'PY'
import os
import sys
import time

from sqlalchemy import text

from storage.db import make_engine

tries = int(sys.argv[1])
engine = make_engine(os.environ["DATABASE_URL"])
for attempt in range(1, tries + 1):
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        print(f"prestart: database is up (attempt {attempt})", flush=True)
        break
    except Exception as error:  # any driver error: not up yet
        print(f"prestart: waiting for the database ({type(error).__name__})", flush=True)
        time.sleep(1)
else:
    sys.exit(f"prestart: database not reachable after {tries} attempts")
engine.dispose()
PY

whatmatters db upgrade
