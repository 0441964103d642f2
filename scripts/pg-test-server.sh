#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for civicnb's tests and benchmarks.
#
#   scripts/pg-test-server.sh start   # init (once) and start; idempotent
#   scripts/pg-test-server.sh stop    # stop (the data dir is kept)
#   scripts/pg-test-server.sh destroy # stop and delete the data dir
#   scripts/pg-test-server.sh status
#   scripts/pg-test-server.sh url     # postgresql+psycopg://civicnb@127.0.0.1:54329/civicnb
#
# Typical use:
#   scripts/pg-test-server.sh start
#   CIVICNB_TEST_PG_URL=$(scripts/pg-test-server.sh url) pytest tests/store
#
# The cluster listens on 127.0.0.1 only (port $CIVICNB_PG_PORT, default 54329) with
# trust authentication, its unix socket inside the data dir, and data in
# $CIVICNB_PG_DIR (default /tmp/civicnb-pg-$UID). If no PostgreSQL binaries are found
# under /usr/lib/postgresql/*/bin (or on PATH) and we are root on Debian/Ubuntu, the
# `postgresql` package is installed with apt-get (the Debian service is not started).
# PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user.
set -euo pipefail

PORT="${CIVICNB_PG_PORT:-54329}"
DATA="${CIVICNB_PG_DIR:-/tmp/civicnb-pg-$(id -u)}"
ROLE=civicnb
DB=civicnb

die() { echo "pg-test-server: $*" >&2; exit 1; }
log() { echo "pg-test-server: $*" >&2; }

find_bindir() {
    local d
    # newest version first
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            echo "$d"
            return 0
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    return 1
}

install_postgres() {
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed; install it (apt-get install postgresql) or run as root"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available"
    log "installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    # keep the Debian service from starting (no init system, or policy-rc.d says no)
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod +x "$policy"
        created_policy=1
    fi
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends postgresql >&2 || {
        [[ $created_policy -eq 1 ]] && rm -f "$policy"
        die "apt-get install postgresql failed"
    }
    [[ $created_policy -eq 1 ]] && rm -f "$policy"
    return 0
}

BINDIR=""
need_bindir() {
    if [[ -z $BINDIR ]]; then
        BINDIR=$(find_bindir) || { install_postgres; BINDIR=$(find_bindir) || die "no initdb/pg_ctl found after installing PostgreSQL"; }
    fi
}

# run a command as the cluster's owner (postgres when we are root)
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

superuser() { if [[ $(id -u) -eq 0 ]]; then echo postgres; else id -un; fi; }

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] || return 1
    need_bindir
    as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_admin() {
    as_owner "$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U "$(superuser)" -d postgres \
        -v ON_ERROR_STOP=1 -qAt "$@"
}

do_start() {
    need_bindir
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql \
            --shell /bin/bash postgres
    fi
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        log "creating cluster in $DATA"
        mkdir -p "$DATA"
        chmod 700 "$DATA"
        [[ $(id -u) -eq 0 ]] && chown postgres: "$DATA"
        as_owner "$BINDIR/initdb" -D "$DATA" -U "$(superuser)" --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>&1 ||
            as_owner "$BINDIR/initdb" -D "$DATA" -U "$(superuser)" --auth=trust \
                --encoding=UTF8 --no-locale >/dev/null
        # trust on 127.0.0.1 and the socket only
        cat >"$DATA/pg_hba.conf" <<EOF
local   all all              trust
host    all all 127.0.0.1/32 trust
EOF
        cat >>"$DATA/postgresql.conf" <<EOF
# civicnb test server
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
EOF
        [[ $(id -u) -eq 0 ]] && chown postgres: "$DATA/pg_hba.conf" "$DATA/postgresql.conf"
    fi
    if is_running; then
        log "already running on 127.0.0.1:$PORT"
    else
        log "starting on 127.0.0.1:$PORT"
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
            -o "-p $PORT -k $DATA -h 127.0.0.1" start >/dev/null ||
            { cat "$DATA/server.log" >&2 || true; die "could not start PostgreSQL"; }
    fi
    local i
    for i in $(seq 1 60); do
        if "$BINDIR/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then break; fi
        [[ $i -eq 60 ]] && die "PostgreSQL did not become ready"
        sleep 0.5
    done
    if [[ $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'") != 1 ]]; then
        psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB"
    fi
    # DROP DATABASE ... WITH (FORCE) must be able to end an autovacuum worker that is
    # still in a test's database; without this the drop fails with "must be a member
    # of the role whose process is being terminated".
    if [[ $(psql_admin -c "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = '$ROLE' AND g.rolname = 'pg_signal_backend'") != 1 ]]; then
        psql_admin -c "GRANT pg_signal_backend TO $ROLE"
    fi
    if [[ $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'") != 1 ]]; then
        psql_admin -c "CREATE DATABASE $DB OWNER $ROLE"
    fi
    log "ready: $(do_url)"
}

do_stop() {
    if is_running; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        log "stopped"
    else
        log "not running"
    fi
}

do_url() { echo "postgresql+psycopg://$ROLE@127.0.0.1:$PORT/$DB"; }

case "${1:-}" in
start) do_start ;;
stop) do_stop ;;
destroy)
    do_stop
    rm -rf "$DATA"
    ;;
status)
    if is_running; then echo running; else echo stopped; exit 3; fi
    ;;
url) do_url ;;
*)
    echo "usage: $0 start|stop|destroy|status|url" >&2
    exit 2
    ;;
esac
