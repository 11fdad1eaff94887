#!/usr/bin/env bash
# Shared setup steps for scripts/run and scripts/test. Everything the project
# needs is installed from the package registries (pip, apt) by these functions.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${WHATMATTERS_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"

log() { printf '\033[1m[whatmatters]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[whatmatters] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install it yourself or run as root)"; fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* with your package manager"
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq >&2; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return 0; fi
  done
  die "Python 3.11 or newer is required"
}

# Create the virtual environment and install the project with its extras.
# Third-party packages come from the hash-checked lock (requirements/*.lock,
# written by scripts/lock), so every machine resolves the same versions; the
# project itself is then installed editable without touching them.
# A stamp of pyproject.toml's and the lock's hash skips the pip step when nothing changed.
ensure_venv() {
  local extras="${1:-}"
  if [ ! -x "$PY" ]; then
    local python; python="$(find_python)"
    log "creating virtual environment in $VENV"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      log "python venv module missing; installing it with apt"
      apt_install python3-venv
      "$python" -m venv "$VENV"
    fi
    "$PY" -m pip install -q --upgrade pip >&2
  fi
  local lock="$ROOT/requirements/${extras:-base}.lock"
  [ -f "$lock" ] || die "no lock file $lock: run scripts/lock"
  local stamp="$VENV/.whatmatters-installed" want dev_stamp
  want="$(cat "$ROOT/pyproject.toml" "$lock" | sha256sum | cut -c1-16)-${extras}"
  dev_stamp="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements/dev.lock" 2>/dev/null | sha256sum | cut -c1-16)-dev"
  local have; have="$(cat "$stamp" 2>/dev/null || true)"
  # An install with the dev extras also serves a plain run.
  if [ "$have" != "$want" ] && [ "$have" != "$dev_stamp" ]; then
    log "installing What Matters${extras:+ with [$extras]} from requirements/$(basename "$lock") (pip)"
    "$PY" -m pip install -q --require-hashes -r "$lock" >&2
    "$PY" -m pip install -q --no-deps -e "$ROOT" >&2
    echo "$want" > "$stamp"
  fi
}

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# Start a throwaway PostgreSQL on a private port and print its URL.
ensure_postgres() {
  local port="${WHATMATTERS_PG_PORT:-54329}" data="${WHATMATTERS_PG_DATA:-/tmp/whatmatters-pg}"
  local bindir
  if ! bindir="$(pg_bindir)"; then
    log "PostgreSQL not found; installing it with apt"
    apt_install postgresql >/dev/null || die "could not install PostgreSQL with apt"
    bindir="$(pg_bindir)" || die "PostgreSQL installed but pg_ctl not found"
  fi
  local run=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root; use its own system user.
    id postgres >/dev/null 2>&1 || as_root useradd --system --no-create-home postgres
    run=(runuser -u postgres --)
  fi
  if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
      "${run[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null \
        || die "initdb failed for $data"
    fi
    log "starting PostgreSQL on 127.0.0.1:$port"
    # fsync=off: a throwaway server for tests, whose commits need not survive a crash.
    # Its commits never wait for the disk, so benchmark figures taken on it are not
    # those of production's durable PostgreSQL (bench/conversation.py prints fsync).
    "${run[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
      || die "PostgreSQL did not start; see $data/server.log"
  fi
  echo "postgresql://postgres@127.0.0.1:$port/postgres"
}

# Start a throwaway Redis on a private port and print its URL.
ensure_redis() {
  local port="${WHATMATTERS_REDIS_PORT:-63799}"
  if ! command -v redis-server >/dev/null; then
    log "Redis not found; installing it with apt"
    apt_install redis-server >/dev/null || die "could not install Redis with apt"
  fi
  if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
    log "starting Redis on 127.0.0.1:$port"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir /tmp --logfile /tmp/whatmatters-redis.log >/dev/null || die "Redis did not start"
  fi
  echo "redis://127.0.0.1:$port/0"
}

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    log "Chromium not found; installing Debian's chromium with apt"
    apt_install chromium fonts-dejavu-core >/dev/null || die "could not install chromium with apt"
  fi
  command -v chromium
}

# axe-core (the accessibility rules engine) from the npm registry into a
# project-local folder; the web chat's browser test injects its axe.min.js.
ensure_axe() {
  local prefix="$ROOT/.cache/npm" script
  script="$prefix/node_modules/axe-core/axe.min.js"
  if [ ! -f "$script" ]; then
    if ! command -v npm >/dev/null; then
      log "npm not found; installing it with apt"
      apt_install npm >/dev/null || die "could not install npm with apt"
    fi
    log "installing axe-core (npm) into $prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" axe-core@4.14.1 >&2 \
      || die "could not install axe-core from the npm registry"
  fi
  echo "$script"
}
