# shellcheck shell=bash disable=SC2034
# Settings and helpers of deploy/bench/run. Sourced, not run. Ports and the stack's layout come
# from deploy/local/lib.sh, so the bench talks to the stack that deploy/local/up starts.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$BENCH_DIR/../local/lib.sh"
SCRIPT_NAME=bench

KC_URL="http://127.0.0.1:$KEYCLOAK_PORT"
TOKEN_URL="$ISSUER/protocol/openid-connect/token"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
CONTRIBUTOR_URL="http://127.0.0.1:$CONTRIBUTOR_PORT"
ATOM_URL="http://127.0.0.1:$ATOM_PORT"
PRIVACY_URL="http://127.0.0.1:$PRIVACY_PORT"

# JVM options of the services while they are measured: the full JIT (C1 then C2), the heap the k8s
# image gives them (40 % of the 512Mi limit: deploy/k8s/Dockerfile.jvm) and its two malloc arenas, the
# serial collector that the JVM itself picks in such a container. Not the dev stack's
# -XX:TieredStopAtLevel=1 nor its 384 MiB heap.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms64m -Xmx205m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# The bench drives one client per scenario at full speed: under the gateway's per-client rate limits
# (deploy/README.md) it would measure 429s. Every deploy/local/up the bench runs renders the gateway
# with limits no scenario reaches (BENCH_GATEWAY_RATE requests per window for every class); the flood
# test (deploy/bench/flood, BENCH_REAL_RATE_LIMITS=1) measures the real ones.
BENCH_GATEWAY_RATE="${BENCH_GATEWAY_RATE:-10000000}"
if [ -z "${BENCH_REAL_RATE_LIMITS:-}" ]; then
  export GATEWAY_RATE_PUBLIC="$BENCH_GATEWAY_RATE" GATEWAY_RATE_READ="$BENCH_GATEWAY_RATE" \
    GATEWAY_RATE_WRITE="$BENCH_GATEWAY_RATE" GATEWAY_RATE_CI="$BENCH_GATEWAY_RATE" GATEWAY_RATE_PRIVACY="$BENCH_GATEWAY_RATE" \
    GATEWAY_RATE_CONNECTIONS="$BENCH_GATEWAY_RATE"
fi

# Passwords of the bench's own Keycloak users (a local stack only).
BENCH_PASSWORD="${BENCH_PASSWORD:-bench-password}"

# ---------------------------------------------------------------------------------------------
# PostgreSQL: each service's database, as that service's own role (password = name locally).
psql_db() {
  local db="$1"
  shift
  PGPASSWORD="$db" psql -h 127.0.0.1 -p "$PG_PORT" -U "$db" -d "$db" -v ON_ERROR_STOP=1 -qAtX "$@"
}

# ---------------------------------------------------------------------------------------------
# Tokens. Each scenario fetches its own: they live 5 minutes (Keycloak's master realm: 1 minute).
token_password() {
  local user="$1" password="${2:-$BENCH_PASSWORD}"
  curl -fsS -d grant_type=password -d client_id=plugin-frontend -d "username=$user" --data-urlencode "password=$password" \
    "$TOKEN_URL" | jq -er .access_token
}

token_client() {
  local client="$1" secret="${2:-$1-secret}"
  curl -fsS -d grant_type=client_credentials -d "client_id=$client" --data-urlencode "client_secret=$secret" \
    "$TOKEN_URL" | jq -er .access_token
}

kc_admin_token() {
  curl -fsS -d grant_type=password -d client_id=admin-cli -d "username=$KEYCLOAK_ADMIN" \
    --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" "$KC_URL/realms/master/protocol/openid-connect/token" | jq -er .access_token
}

# api METHOD URL TOKEN [BODY]: prints the status code, the body goes to $API_BODY.
API_BODY="${TMPDIR:-/tmp}/bench-api-body.$$"
api() {
  local method="$1" url="$2" token="$3" body="${4:-}"
  local args=(-sS -o "$API_BODY" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$url"
}

# ---------------------------------------------------------------------------------------------
# Machine state recorded with every figure.
loadavg1() { cut -d' ' -f1 /proc/loadavg; }

# Share of the two cores busy over the next N seconds (all processes, ours included), in percent.
cpu_busy() {
  local seconds="${1:-3}" a b
  read -r -a a < <(head -n1 /proc/stat)
  sleep "$seconds"
  read -r -a b < <(head -n1 /proc/stat)
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  [ "$total" -gt 0 ] || { echo 0; return; }
  echo $(( 100 * (total - idle) / total ))
}

# Resident set of a process in MiB (current, and peak when $2 = peak).
rss_mib() {
  local pid="$1" field=VmRSS
  [ "${2:-}" = peak ] && field=VmHWM
  awk -v f="$field:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"
}

# What a service's JVM holds, from jstat -gc (KB columns): "heap_committed_mib=.. heap_used_mib=..
# metaspace_mib=.." (metaspace committed, class space included), for the part of RSS that is not heap.
jvm_memory() {
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    NR == 2 { printf "heap_committed_mib=%.0f heap_used_mib=%.0f metaspace_mib=%.0f",
      ($col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"]) / 1024,
      ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024, $col["MC"] / 1024 }'
}

service_pid() { live_pid "$PID_DIR/$1.pid"; }

# CPU time (user + system, in clock ticks) of processes: the sum over the pids given.
pids_cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    # fields 14 and 15 after the command name (which may hold spaces, hence the cut at ") ")
    total=$(( total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }') ))
  done
  echo "$total"
}

# The CPU time of each part of the local stack, a line per process: "<part> <pid> <ticks>". Parts:
# contributor_service, atom_service, privacy_service, keycloak, postgres (the postmaster and its
# backends), gateway. stack_cpu_delta turns two such lists into each part's CPU per unit of work.
stack_cpu_list() {
  local service pid postmaster data
  for service in "${SERVICES[@]}"; do
    pid="$(service_pid "$service")" && echo "${service//-/_} $pid $(pids_cpu_ticks "$pid")"
  done
  for pid in $(process_tree "$PID_DIR/keycloak.pid"); do echo "keycloak $pid $(pids_cpu_ticks "$pid")"; done
  data="$(cat "$RUN_DIR/pgdata.path" 2>/dev/null || true)"
  postmaster="$(head -n1 "$data/postmaster.pid" 2>/dev/null || true)"
  if [[ "$postmaster" =~ ^[0-9]+$ ]]; then
    for pid in "$postmaster" $(pgrep -P "$postmaster" || true); do echo "postgres $pid $(pids_cpu_ticks "$pid")"; done
  fi
  for pid in $(process_tree "$GATEWAY_DIR/haproxy.pid"); do echo "gateway $pid $(pids_cpu_ticks "$pid")"; done
}

# stack_cpu_delta BEFORE AFTER N: "<part>_cpu_ms=<ms per unit>" for each part and the total, over N
# units of work. A process in both lists counts its difference; one started in between (a new database
# backend) all of its time; one gone in between is not counted (the services' pools keep theirs).
stack_cpu_delta() {
  awk -v n="$3" -v hz="$CLOCK_TICKS" 'NR == FNR { before[$2] = $3; next }
    { d = $3 - ($2 in before ? before[$2] : 0); t[$1] += d; total += d }
    END { for (p in t) printf "%s_cpu_ms=%.2f\n", p, 1000 * t[p] / hz / n; printf "total_cpu_ms=%.2f\n", 1000 * total / hz / n }' "$1" "$2" | sort
}

# A process named by a pid file, and its children (HAProxy's master and workers, Apache's parent
# and children).
process_tree() {
  local master
  master="$(live_pid "$1" 2>/dev/null || true)"
  [ -n "$master" ] || return 0
  echo "$master" $(pgrep -P "$master" || true)
}

# CPU time (user + system, in clock ticks) of the gateway: HAProxy's master and its workers.
gateway_cpu_ticks() {
  # shellcheck disable=SC2046
  pids_cpu_ticks $(process_tree "$GATEWAY_DIR/haproxy.pid")
}

# The stack's gateway's access log writer (deploy/gateway/log-writer, fed by HAProxy's standard
# output): its CPU is the access log's cost beside HAProxy's own (read only; found by its command line).
gateway_log_writer_pids() {
  local pid
  for pid in $(pgrep -x 'perl|rotatelogs' || true); do
    grep -qaF -- "$LOG_DIR/gateway-access.log" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
  done
  return 0
}
CLOCK_TICKS="$(getconf CLK_TCK)"


# ---------------------------------------------------------------------------------------------
# Raw results: one JSON object per line in $RAW (set by run).
record() {
  # record KEY=VALUE... (values that look like numbers are stored as numbers)
  local args=() kv key value
  for kv in "$@"; do
    key="${kv%%=*}"
    value="${kv#*=}"
    if [[ "$value" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then
      args+=(--argjson "$key" "$value")
    else
      args+=(--arg "$key" "$value")
    fi
  done
  jq -cn "${args[@]}" '$ARGS.named' >>"$RAW"
}

# Adds the fields of a JSON object (a wrk or pgbench report) to a record line.
record_json() {
  local json="$1"
  shift
  local line
  line="$(record_to_stdout "$@")"
  jq -c --argjson extra "$json" '. + $extra' <<<"$line" >>"$RAW"
}

record_to_stdout() {
  local RAW=/dev/stdout
  record "$@"
}
