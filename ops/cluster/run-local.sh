#!/usr/bin/env bash
# Starts the docker-compose topology on this machine, on loopback: a local PostgreSQL (run as the postgres
# user when invoked as root) and three ActorTrust nodes on 127.0.0.1:5081-5083. State lives in ./.cluster.
#
#   ops/cluster/run-local.sh start    build, start PostgreSQL and three nodes, wait until all are ready
#   ops/cluster/run-local.sh status   show the processes and `actortrust cluster status`
#   ops/cluster/run-local.sh stop     stop the nodes gracefully (they hand their shards off), then PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/../.."

STATE="${ACTORTRUST_CLUSTER_DIR:-$PWD/.cluster}"
PG_PORT="${ACTORTRUST_PG_PORT:-55432}"
NODES="${ACTORTRUST_NODES:-3}"
BASE_PORT="${ACTORTRUST_BASE_PORT:-5080}"
CLI_DIR="$STATE/cli"
PG_DATA="$STATE/pg"
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=actortrust"

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] %s\n' "$*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  [ -x "$dir/initdb" ] || dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$dir/initdb" ] || die "PostgreSQL server binaries not found (install postgresql-15)"
  printf '%s' "$dir"
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$STATE"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown -R postgres "$PG_DATA"
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA" start >/dev/null
  fi
  if ! as_postgres "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='actortrust'" | grep 1 >/dev/null; then
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres actortrust
  fi
}

stop_postgres() {
  local bin; bin="$(pg_bin)"
  if [ -f "$PG_DATA/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "stopping PostgreSQL"
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

build_cli() {
  log "building the CLI"
  dotnet build src/ActorTrust.Cli -c Release -o "$CLI_DIR" -v q -nologo >/dev/null
}

start_nodes() {
  for i in $(seq 1 "$NODES"); do
    local port=$((BASE_PORT + i)) dir="$STATE/node$i"
    mkdir -p "$dir"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then continue; fi
    log "starting node$i on http://127.0.0.1:$port"
    ACTORTRUST_POSTGRESQL="$CONNECTION" ACTORTRUST_URLS="http://127.0.0.1:$port" \
      ACTORTRUST_CLUSTER_LISTEN="http://127.0.0.1:$((port + 1000))" \
      nohup dotnet "$CLI_DIR/actortrust.dll" node --insecure --config ops/cluster/cluster.conf --data "$dir/data" \
      >"$dir/node.log" 2>&1 &
    echo $! >"$dir/pid"
  done
  for i in $(seq 1 "$NODES"); do
    local port=$((BASE_PORT + i)) deadline=$((SECONDS + 60))
    until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
      [ "$SECONDS" -lt "$deadline" ] || die "node$i did not become ready; see $STATE/node$i/node.log"
      kill -0 "$(cat "$STATE/node$i/pid")" 2>/dev/null || die "node$i exited; see $STATE/node$i/node.log"
      sleep 0.5
    done
  done
  log "cluster ready: $(seq -s ' ' -f "http://127.0.0.1:%g" $((BASE_PORT + 1)) $((BASE_PORT + NODES)))"
}

stop_nodes() {
  for i in $(seq 1 "$NODES"); do
    local pidfile="$STATE/node$i/pid"
    [ -f "$pidfile" ] || continue
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping node$i (pid $pid)"
      kill -TERM "$pid"
      local deadline=$((SECONDS + 60))
      while kill -0 "$pid" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || { log "node$i did not stop in 60 s; killing it"; kill -KILL "$pid"; break; }
        sleep 0.2
      done
    fi
    rm -f "$pidfile"
  done
}

case "${1:-}" in
  start) start_postgres; build_cli; start_nodes ;;
  stop) stop_nodes; stop_postgres ;;
  status)
    for i in $(seq 1 "$NODES"); do
      pidfile="$STATE/node$i/pid"
      if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "node$i running (pid $(cat "$pidfile"))"; else echo "node$i stopped"; fi
    done
    [ -x "$CLI_DIR/actortrust" ] || [ -f "$CLI_DIR/actortrust.dll" ] && dotnet "$CLI_DIR/actortrust.dll" cluster status --node "http://127.0.0.1:$((BASE_PORT + 1))" || true
    ;;
  *) die "usage: $0 start|status|stop" ;;
esac
