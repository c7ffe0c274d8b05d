#!/usr/bin/env bash
# Stop the OpenSearch node started by .ci/start-opensearch.sh (from this checkout).
# Safe to run when nothing is running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${CATALOG_OPENSEARCH_RUN_DIR:-$ROOT/.ci/opensearch/target/node}"
PID_FILE="$RUN_DIR/opensearch.pid"
PORT_FILE="$RUN_DIR/opensearch.port"

log() { printf '[stop-opensearch] %s\n' "$*" >&2; }

if [[ ! -f "$PID_FILE" ]]; then
  log "no pid file ($PID_FILE); nothing to stop"
  exit 0
fi
pid="$(cat "$PID_FILE")"
# Only ever signal the process we started: a JVM running the OpenSearch runner.
if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && grep -qa 'org.codelibs.opensearch.runner.OpenSearchRunner' "/proc/$pid/cmdline" 2>/dev/null; then
  log "stopping OpenSearch (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  # The runner's shutdown hook closes the node (up to ~10 s).
  for _ in $(seq 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  log "stopped"
else
  log "pid $pid is not running (stale pid file)"
fi
rm -f "$PID_FILE" "$PORT_FILE"
