#!/usr/bin/env bash
# Make sure a PostgreSQL server from Debian packages is running on 127.0.0.1:5432, with a
# login role `catalog` (password `catalog`, CREATEDB, not superuser) and a database
# `catalog_test` owned by it. Idempotent: safe to run again while the server is up.
#
#   bash .ci/start-postgres.sh             # as root (installs/starts the server if needed)
#   eval "$(bash .ci/start-postgres.sh)"   # ... and export CATALOG_TEST_POSTGRES_URL
#
# Progress goes to stderr; stdout carries only the export line. The test suite creates one
# extra database per xdist worker with the same role, hence CREATEDB.
#
# It uses Debian's cluster tooling (pg_lsclusters / pg_createcluster / pg_ctlcluster): the
# package already creates a "main" cluster on 5432 owned by the postgres user, and
# pg_ctlcluster works with or without systemd. When this script starts the server itself,
# it disables fsync & co for that run only (throwaway test data; nothing is written to the
# cluster's configuration).
#
# Environment knobs: CATALOG_PG_PORT (default 5432), CATALOG_PG_CLUSTER (default: the cluster
# on that port, else a new one named "catalog").
set -euo pipefail

PORT="${CATALOG_PG_PORT:-5432}"
ROLE=catalog
PASSWORD=catalog
DB=catalog_test
URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"

log() { printf '[start-postgres] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

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

# Quick exit for non-root developers whose server is already set up.
login_ok() {
  PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -w -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" \
    -tAc 'SELECT 1' >/dev/null 2>&1
}
if [[ $(id -u) -ne 0 ]]; then
  if command -v psql >/dev/null && login_ok; then
    log "PostgreSQL on 127.0.0.1:$PORT already accepts $ROLE@$DB"
    echo "export CATALOG_TEST_POSTGRES_URL=$URL"
    exit 0
  fi
  die "run as root (it installs/starts PostgreSQL and creates the $ROLE role)"
fi

t0=$SECONDS

# --- install ---------------------------------------------------------------------------------
have_server() {
  command -v pg_ctlcluster >/dev/null && command -v pg_lsclusters >/dev/null \
    && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}
if ! have_server; then
  log "installing PostgreSQL from Debian packages"
  apt_get update -q
  apt_get install -y -q postgresql
  have_server || die "PostgreSQL binaries still missing after apt-get install"
fi
VERSION="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"

# --- pick or create the cluster -----------------------------------------------------------------
# pg_lsclusters -h: "version cluster port status owner datadir logfile"
read -r CVER CNAME < <(pg_lsclusters -h | awk -v p="$PORT" '$3 == p { print $1, $2 }' | sort -V | tail -n 1) || true
if [[ -n "${CATALOG_PG_CLUSTER:-}" ]]; then
  read -r CVER CNAME < <(pg_lsclusters -h | awk -v c="$CATALOG_PG_CLUSTER" '$2 == c { print $1, $2 }' | tail -n 1) || true
  [[ -n "${CNAME:-}" ]] || die "no cluster named $CATALOG_PG_CLUSTER"
fi
if [[ -z "${CNAME:-}" ]]; then
  CVER="$VERSION"; CNAME=catalog
  log "no cluster on port $PORT; creating $CVER/$CNAME"
  pg_createcluster --port "$PORT" --locale C.UTF-8 "$CVER" "$CNAME" >&2
fi
log "using cluster $CVER/$CNAME"

# --- start (if not running) -------------------------------------------------------------------
if pg_ctlcluster "$CVER" "$CNAME" status >/dev/null 2>&1; then
  log "cluster $CVER/$CNAME is already running"
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is taken by another server; set CATALOG_PG_PORT or stop it"
  fi
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  log "starting cluster $CVER/$CNAME"
  # Test data is disposable: trade durability for speed (applies to this run only).
  pg_ctlcluster -o '-c fsync=off -c synchronous_commit=off -c full_page_writes=off' \
    "$CVER" "$CNAME" start >&2 \
    || { tail -n 30 "/var/log/postgresql/postgresql-$CVER-$CNAME.log" >&2 || true; die "could not start PostgreSQL"; }
fi

# The cluster's own unix socket directory (Debian default /var/run/postgresql).
SOCKDIR="$(sed -nE "s/^[[:space:]]*unix_socket_directories[[:space:]]*=[[:space:]]*'([^,']*).*/\1/p" \
  "/etc/postgresql/$CVER/$CNAME/postgresql.conf" | tail -n 1)"
SOCKDIR="${SOCKDIR:-/var/run/postgresql}"
as_postgres() { runuser -u postgres -- "$@"; }

for _ in $(seq 60); do
  as_postgres pg_isready -q -h "$SOCKDIR" -p "$PORT" && break
  sleep 1
done
as_postgres pg_isready -q -h "$SOCKDIR" -p "$PORT" || die "PostgreSQL did not become ready"

# --- UTF-8 template ----------------------------------------------------------------------------
# A cluster initialised under the C/POSIX locale (e.g. apt on a machine without LANG) gets a
# SQL_ASCII template1, and every database the tests create from it would be SQL_ASCII too.
# Rebuild template1 from template0 as UTF8 in that case only.
T1_ENC="$(as_postgres psql -X -tA -h "$SOCKDIR" -p "$PORT" -d postgres \
  -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'")"
if [[ "$T1_ENC" != "UTF8" ]]; then
  log "template1 is $T1_ENC; recreating it as UTF8 (C.UTF-8)"
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKDIR" -p "$PORT" -d postgres >&2 <<'SQL'
UPDATE pg_database SET datistemplate = false WHERE datname = 'template1';
DROP DATABASE template1;
CREATE DATABASE template1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';
UPDATE pg_database SET datistemplate = true WHERE datname = 'template1';
SQL
fi

# --- role and database ------------------------------------------------------------------------
as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKDIR" -p "$PORT" -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE;
  END IF;
END
\$\$;
ALTER ROLE $ROLE WITH LOGIN PASSWORD '$PASSWORD' NOSUPERUSER CREATEDB NOCREATEROLE;
SELECT 'CREATE DATABASE $DB OWNER $ROLE ENCODING ''UTF8'' LC_COLLATE ''C.UTF-8'' LC_CTYPE ''C.UTF-8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB') \gexec
ALTER DATABASE $DB OWNER TO $ROLE;
SQL

# --- check the URL the tests will use (password auth over TCP) -------------------------------
login_ok || die "cannot log in as $ROLE to $DB on 127.0.0.1:$PORT with a password (check pg_hba.conf)"
log "PostgreSQL $CVER ready on 127.0.0.1:$PORT in $((SECONDS - t0)) s"
echo "export CATALOG_TEST_POSTGRES_URL=$URL"
