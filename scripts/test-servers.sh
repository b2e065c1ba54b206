#!/usr/bin/env bash
# Throwaway PostgreSQL and MariaDB servers on loopback for the integration tests.
#
#   scripts/test-servers.sh start   # initialise (first time) and start both servers; fine when already running
#   eval "$(scripts/test-servers.sh env)"
#   IC_TEST_REQUIRE_SERVERS=1 ctest --test-dir build --output-on-failure
#   scripts/test-servers.sh stop    # stop both and delete their data
#
# PostgreSQL 15 listens on 127.0.0.1:55432 with trust authentication (user postgres). MariaDB listens on
# 127.0.0.1:53306; the tests connect as user `ic` with a random password (so the password path is exercised),
# generated at the first start and kept in the state directory.
#
# Environment:
#   IC_TEST_SERVERS_DIR   state directory (default: ${TMPDIR:-/tmp}/ic-test-servers); must be reachable by the
#                         postgres and mysql users when run as root
#   IC_TEST_PG_PORT       PostgreSQL port (default 55432)
#   IC_TEST_MYSQL_PORT    MariaDB port (default 53306)
#
# Runs as root (the servers then run as the postgres and mysql users) or as a normal user. Needs no network.
set -euo pipefail

state_dir=${IC_TEST_SERVERS_DIR:-${TMPDIR:-/tmp}/ic-test-servers}
pg_port=${IC_TEST_PG_PORT:-55432}
mysql_port=${IC_TEST_MYSQL_PORT:-53306}

pg_dir=$state_dir/postgresql
pg_data=$pg_dir/data
pg_log=$pg_dir/server.log
mysql_dir=$state_dir/mariadb
mysql_data=$mysql_dir/data
mysql_log=$mysql_dir/server.log
mysql_socket=$mysql_dir/mysqld.sock
mysql_pid=$mysql_dir/mysqld.pid
mysql_password_file=$state_dir/mysql-password

die() {
    printf 'test-servers: %s\n' "$*" >&2
    exit 1
}

is_root() {
    [[ $(id -u) -eq 0 ]]
}

# Runs a command as the given system user when we are root, as ourselves otherwise.
as_user() {
    local user=$1
    shift
    if is_root; then
        # From /, which every user may enter (the caller's folder may be private, e.g. under /root).
        (cd / && runuser -u "$user" -- "$@")
    else
        "$@"
    fi
}

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [[ -x $dir/pg_ctl ]]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    die "PostgreSQL server binaries not found (Debian: apt-get install postgresql)"
}

show_log_tail() {
    local log=$1
    if [[ -f $log ]]; then
        printf -- '--- last lines of %s ---\n' "$log" >&2
        tail -n 30 "$log" >&2
    fi
}

pg_running() {
    local bin
    bin=$(pg_bin)
    [[ -f $pg_data/PG_VERSION ]] && as_user postgres "$bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1
}

start_postgresql() {
    local bin
    bin=$(pg_bin)
    mkdir -p "$pg_dir/run"
    if is_root; then
        chown -R postgres: "$pg_dir"
    fi
    if [[ ! -f $pg_data/PG_VERSION ]]; then
        as_user postgres "$bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 ||
            {
                show_log_tail "$pg_dir/initdb.log"
                die "initdb failed"
            }
    fi
    if pg_running; then
        echo "PostgreSQL already running on 127.0.0.1:$pg_port"
    else
        as_user postgres "$bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 \
            -o "-p $pg_port -k $pg_dir/run -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
            {
                show_log_tail "$pg_log"
                die "PostgreSQL did not start"
            }
    fi
    local attempt
    for attempt in $(seq 1 60); do
        if psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
            echo "PostgreSQL ready on 127.0.0.1:$pg_port"
            return 0
        fi
        sleep 0.5
        : "$attempt"
    done
    show_log_tail "$pg_log"
    die "PostgreSQL does not answer on 127.0.0.1:$pg_port"
}

mysql_pid_alive() {
    [[ -f $mysql_pid ]] && kill -0 "$(cat "$mysql_pid")" 2>/dev/null
}

mysql_root() {
    mariadb --no-defaults --protocol=socket --socket="$mysql_socket" -uroot "$@"
}

start_mariadb() {
    mkdir -p "$mysql_dir"
    if is_root; then
        chown -R mysql: "$mysql_dir"
    fi
    local user_args=()
    if is_root; then
        user_args=(--user=mysql)
    fi
    if [[ ! -d $mysql_data/mysql ]]; then
        mariadb-install-db --no-defaults "${user_args[@]}" --datadir="$mysql_data" \
            --auth-root-authentication-method=normal --skip-test-db >"$mysql_dir/install.log" 2>&1 ||
            {
                show_log_tail "$mysql_dir/install.log"
                die "mariadb-install-db failed"
            }
    fi
    if mysql_pid_alive; then
        echo "MariaDB already running on 127.0.0.1:$mysql_port"
    else
        setsid mariadbd --no-defaults "${user_args[@]}" --datadir="$mysql_data" --socket="$mysql_socket" \
            --port="$mysql_port" --bind-address=127.0.0.1 --pid-file="$mysql_pid" --log-error="$mysql_log" \
            --skip-name-resolve --innodb-flush-log-at-trx-commit=2 </dev/null >>"$mysql_log" 2>&1 &
    fi
    local attempt ready=0
    for attempt in $(seq 1 120); do
        if mysql_root -e 'SELECT 1' >/dev/null 2>&1; then
            ready=1
            break
        fi
        sleep 0.5
        : "$attempt"
    done
    if [[ $ready -ne 1 ]]; then
        show_log_tail "$mysql_log"
        die "MariaDB does not answer on $mysql_socket"
    fi

    if [[ ! -s $mysql_password_file ]]; then
        (
            umask 077
            od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$mysql_password_file"
        )
    fi
    local password
    password=$(cat "$mysql_password_file")
    mysql_root <<SQL
CREATE USER IF NOT EXISTS 'ic'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS 'ic'@'localhost' IDENTIFIED BY '$password';
ALTER USER 'ic'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER 'ic'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'ic'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'ic'@'localhost' WITH GRANT OPTION;
SQL
    for attempt in $(seq 1 60); do
        if MYSQL_PWD=$password mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$mysql_port" -uic \
            -e 'SELECT 1' >/dev/null 2>&1; then
            echo "MariaDB ready on 127.0.0.1:$mysql_port (user ic)"
            return 0
        fi
        sleep 0.5
    done
    show_log_tail "$mysql_log"
    die "MariaDB does not accept user ic on 127.0.0.1:$mysql_port"
}

stop_postgresql() {
    if pg_running; then
        as_user postgres "$(pg_bin)/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >/dev/null
        echo "PostgreSQL stopped"
    fi
}

stop_mariadb() {
    if mysql_pid_alive; then
        local pid attempt
        pid=$(cat "$mysql_pid")
        kill "$pid"
        for attempt in $(seq 1 120); do
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "MariaDB stopped"
                return 0
            fi
            sleep 0.5
            : "$attempt"
        done
        die "MariaDB (pid $pid) did not stop"
    fi
}

print_env() {
    [[ -s $mysql_password_file ]] || die "the servers have not been started (run: $0 start)"
    printf 'export IC_TEST_POSTGRESQL_URL=%s\n' "postgresql://postgres@127.0.0.1:$pg_port/postgres"
    printf 'export IC_TEST_MYSQL_URL=%s\n' "mysql://ic@127.0.0.1:$mysql_port/mysql"
    printf 'export IC_TEST_MYSQL_PASSWORD=%s\n' "$(cat "$mysql_password_file")"
}

usage() {
    echo "usage: $0 start|stop|env" >&2
    exit 2
}

[[ $# -eq 1 ]] || usage
case $1 in
start)
    mkdir -p "$state_dir"
    chmod 755 "$state_dir"
    start_postgresql
    start_mariadb
    ;;
stop)
    stop_postgresql
    stop_mariadb
    rm -rf "$state_dir"
    ;;
env)
    print_env
    ;;
*)
    usage
    ;;
esac
