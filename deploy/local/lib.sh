# shellcheck shell=bash disable=SC2034
# Shared settings and helpers of deploy/local/up, down and test. Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"

# ---- ports and settings, every one overridable from the environment ----
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
GATEWAY_BIND="${GATEWAY_BIND:-127.0.0.1}"
CONTRIBUTOR_PORT="${CONTRIBUTOR_PORT:-8081}"
ATOM_PORT="${ATOM_PORT:-8082}"
PRIVACY_PORT="${PRIVACY_PORT:-8083}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
# 5433, not 5432: the stack runs its own cluster and leaves a system PostgreSQL alone.
PG_PORT="${PG_PORT:-5433}"
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.5.6}"
KEYCLOAK_ADMIN="${KEYCLOAK_ADMIN:-kcadmin}"
KEYCLOAK_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-kcadmin}"
FRONTEND_ORIGINS="${FRONTEND_ORIGINS:-http://localhost:3000}"
GATEWAY_MAX_BODY="${GATEWAY_MAX_BODY:-65536}"
# a body over GATEWAY_MAX_BODY but under this is read before the 413, so that the client sees it
GATEWAY_DRAIN_MAX="${GATEWAY_DRAIN_MAX:-1048576}"
# the gateway: its public origin (what Location headers name), request limits, time a service has to
# answer, threads, access-log retention, how often it checks the provider's keys
GATEWAY_PUBLIC_URL="${GATEWAY_PUBLIC_URL:-http://127.0.0.1:$GATEWAY_PORT}"
GATEWAY_MAX_URL="${GATEWAY_MAX_URL:-8192}"
GATEWAY_MAX_HEADERS="${GATEWAY_MAX_HEADERS:-16384}"
GATEWAY_TIMEOUT="${GATEWAY_TIMEOUT:-15s}"
# one HAProxy thread where the whole suite shares two cores or fewer: the bench measured less CPU per
# request and a shorter tail with one thread than with two there (deploy/bench/RESULTS.md, issue 15)
GATEWAY_THREADS="${GATEWAY_THREADS:-$(if [ "$(nproc 2>/dev/null || echo 2)" -le 2 ]; then echo 1; else echo 2; fi)}"
GATEWAY_LOG_RETENTION_DAYS="${GATEWAY_LOG_RETENTION_DAYS:-7}"
GATEWAY_KEYS_INTERVAL="${GATEWAY_KEYS_INTERVAL:-60}"
# rate limits: requests per client and class of route in a window of GATEWAY_RATE_WINDOW seconds
GATEWAY_RATE_WINDOW="${GATEWAY_RATE_WINDOW:-10}"
GATEWAY_RATE_PUBLIC="${GATEWAY_RATE_PUBLIC:-300}"
GATEWAY_RATE_READ="${GATEWAY_RATE_READ:-600}"
GATEWAY_RATE_WRITE="${GATEWAY_RATE_WRITE:-100}"
GATEWAY_RATE_CI="${GATEWAY_RATE_CI:-300}"
GATEWAY_RATE_PRIVACY="${GATEWAY_RATE_PRIVACY:-20}"
# how long the gateway holds a request over its limit before answering 429 (HAProxy time)
GATEWAY_RATE_PAUSE="${GATEWAY_RATE_PAUSE:-1s}"
# open connections one address may hold at the gateway (beyond: refused at once)
GATEWAY_RATE_CONNECTIONS="${GATEWAY_RATE_CONNECTIONS:-200}"
# the local mail server (GreenMail): Keycloak sends its verification mails to its SMTP port; its API
# (and a web page) shows what it received
MAIL_VERSION="${MAIL_VERSION:-2.1.13}"
MAIL_SMTP_PORT="${MAIL_SMTP_PORT:-2525}"
MAIL_API_PORT="${MAIL_API_PORT:-2526}"
# Local stack only: seconds a first brute-force lockout lasts (the realm's own value, for production,
# is 60; deploy/README.md). Empty: keep the realm's value.
KEYCLOAK_LOCKOUT_WAIT="${KEYCLOAK_LOCKOUT_WAIT-10}"
PLUGIN_CACHE_DIR="${PLUGIN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/plugin}"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
# the longest wait between two attempts of durable work (the deactivation outbox, erasure jobs): a
# local stack recovers within a minute of an outage (the services' own defaults: 1 h and 30 min)
RETRY_MAX="${RETRY_MAX:-PT1M}"
# seconds each part may take to become ready
READY_TIMEOUT="${READY_TIMEOUT:-240}"

SERVICES=(contributor-service atom-service privacy-service)
# Processes of each service. Replica n listens on the service's port + (n - 1) * REPLICA_PORT_STEP;
# the gateway balances across them. With more than one, the services call each other through the
# gateway's internal listeners (the service's port + MESH_PORT_OFFSET), which balance the same way:
# what a cluster's Service objects do.
# A stack keeps the number it was started with: a later up or down without REPLICAS (a test that
# restarts one part, say) must not re-render the gateway for another number.
REPLICAS="${REPLICAS:-$(cat "$RUN_DIR/replicas" 2>/dev/null || echo 1)}"
REPLICA_PORT_STEP="${REPLICA_PORT_STEP:-10}"
MESH_PORT_OFFSET="${MESH_PORT_OFFSET:-100}"
ISSUER="http://127.0.0.1:$KEYCLOAK_PORT/realms/plugin"

service_port() {
  case "$1" in
    contributor-service) echo "$CONTRIBUTOR_PORT" ;;
    atom-service) echo "$ATOM_PORT" ;;
    privacy-service) echo "$PRIVACY_PORT" ;;
  esac
}

# The port of replica n of a service.
replica_port() {
  echo $(($(service_port "$1") + ($2 - 1) * REPLICA_PORT_STEP))
}

# The name of replica n of a service in pid and log files: the service's own for the first.
replica_name() {
  if [ "$2" -eq 1 ]; then echo "$1"; else echo "$1-$2"; fi
}

# Where a service's peers call it: the replica itself, or the gateway's internal listener.
service_url() {
  if [ "$REPLICAS" -gt 1 ]; then
    echo "http://127.0.0.1:$(($(service_port "$1") + MESH_PORT_OFFSET))"
  else
    echo "http://127.0.0.1:$(service_port "$1")"
  fi
}

# database, role and password of a service (local only: the password is the name)
service_db() {
  case "$1" in
    contributor-service) echo contributor ;;
    atom-service) echo atom ;;
    privacy-service) echo privacy ;;
  esac
}

log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "${SCRIPT_NAME:-local}" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

as_root() {
  if is_root; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages named that are missing (apt-get, as root or through sudo), without
# letting apt start a distribution service (the stack runs its own HAProxy and PostgreSQL).
install_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get: install them by hand"
  log "installing ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { [ -n "$added_policy" ] && as_root rm -f "$policy"; die "apt-get install ${missing[*]} failed"; }
  [ -n "$added_policy" ] && as_root rm -f "$policy"
  return 0
}

# The pid recorded in a pid file, if that process is alive.
live_pid() {
  local file="$1" pid
  [ -s "$file" ] || return 1
  pid="$(head -n1 "$file" | tr -dc '0-9')"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# Whether something listens on 127.0.0.1:port (bash's /dev/tcp, no extra tool needed).
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits until url answers 2xx; fails early if the process behind pid_file died.
wait_http() {
  local name="$1" url="$2" pid_file="${3:-}" log_file="${4:-}" deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    if [ -n "$pid_file" ] && ! live_pid "$pid_file" >/dev/null; then
      [ -n "$log_file" ] && tail -n 40 "$log_file" >&2
      die "$name exited before it was ready (log: ${log_file:-none})"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      [ -n "$log_file" ] && tail -n 40 "$log_file" >&2
      die "$name not ready after ${READY_TIMEOUT}s at $url (log: ${log_file:-none})"
    fi
    sleep 1
  done
}

# The directory of the newest PostgreSQL server binaries installed.
pg_bin_dir() {
  local dir
  # shellcheck disable=SC2012
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] || return 1
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user (from /, a
# folder it can enter whatever the checkout's permissions).
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

GATEWAY_DIR="$RUN_DIR/gateway"
KEYCLOAK_HOME="$RUN_DIR/keycloak"

# Where a system user (postgres for the database, haproxy for the gateway's workers) keeps what it
# must read: under .run/ when that user can reach it, else in a folder of its own named after this
# checkout (a clone under a private home folder, say).
reachable_base() {
  local user="$1" fallback="$2"
  if ! is_root || runuser -u "$user" -- test -x "$RUN_DIR" 2>/dev/null; then
    echo "$RUN_DIR"
  else
    echo "$fallback/plugin-stack-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
  fi
}
