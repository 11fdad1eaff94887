#!/usr/bin/env bash
# The production topology without containers: PostgreSQL and Redis from apt
# (started on private loopback ports by scripts/lib.sh), N uvicorn web
# processes and M job workers. Arguments go to `python -m app.topology`:
#   deploy/local-topology.sh --web 2 --workers 1 --base-port 8100
# Stop it with Ctrl-C (or SIGTERM); PostgreSQL and Redis keep running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/lib.sh
source "$ROOT/scripts/lib.sh"

DATABASE_URL="${DATABASE_URL:-$(ensure_postgres)}"
REDIS_URL="${REDIS_URL:-$(ensure_redis)}"
export DATABASE_URL REDIS_URL
export SEED_DEMO="${SEED_DEMO:-false}"

cd "$ROOT"
exec "$PY" -m app.topology "$@"
