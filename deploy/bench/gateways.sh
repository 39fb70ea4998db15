# shellcheck shell=bash
# The gateway comparison of deploy/bench/run (issue 15): gateway variants beside the stack's own
# gateway, each on a port of its own, measured with the same Atom-detail load. Sourced, not run.
#
# Variants (BENCH_GATEWAY_VARIANTS, in this order; "direct" is always measured first):
#   haproxy              the stack's gateway as deploy/local/up runs it (deploy/gateway/haproxy.cfg.template)
#   haproxy+EDIT[+EDIT]  the stack's rendered configuration (signing keys included) with edits, started
#                        by the bench on its own port, its access log through deploy/gateway/log-writer
#                        as the stack's:
#                          1thread / 2threads   nbthread 1 / 2
#                          nolog                no access log
#                          rotatelogs           the access log through rotatelogs (a read and a wake-up
#                                               per line), the stack's writer before issue 15's last step
#                          reuse-always         http-reuse always (default: safe)
#                          server-close         option http-server-close (a new connection to the
#                                               service per request) instead of keep-alive
#                          bufsize16k           tune.bufsize 16384 (the template has 32768)
#                          nopatcache           tune.pattern.cache-size 0 (no LRU cache of regex and
#                                               pattern results; the template has it since issue 15)
#                          patcache             tune.pattern.cache-size 10000 (HAProxy's default cache)
#   apache               Apache httpd + mod_oauth2, tuned (deploy/bench/apache/httpd.conf.template)

# "haproxy" is the stack's own gateway (one thread on a 2-core host, no pattern cache);
# "haproxy+2threads+patcache" is the configuration before that step
GW_VARIANTS="${BENCH_GATEWAY_VARIANTS:-haproxy haproxy+2threads+patcache haproxy+nolog apache}"
GW_ROUNDS="${BENCH_GATEWAY_ROUNDS:-2}"
# the variants' ports: the first one, then one more per variant
GW_FIRST_PORT="${BENCH_GATEWAY_VARIANT_PORT:-$((GATEWAY_PORT + 4))}"
APACHE_THREADS="${BENCH_APACHE_THREADS:-64}"
GW_STARTED=()

# sed script of a variant's edits (on the stack's rendered haproxy.cfg)
haproxy_variant_edits() {
  local name="$1" edit
  IFS=+ read -r -a edits <<<"${name#haproxy+}"
  for edit in "${edits[@]}"; do
    case "$edit" in
      1thread) echo 's/^  nbthread .*/  nbthread 1/' ;;
      2threads) echo 's/^  nbthread .*/  nbthread 2/' ;;
      nolog) echo '/^  log stdout /d'; echo 's/^  log global$/  no log/' ;;
      rotatelogs) ;; # not an edit of the configuration: start_haproxy_variant picks the writer
      reuse-always) echo 's/^defaults$/defaults\n  http-reuse always/' ;;
      server-close) echo 's/^  option http-keep-alive$/  option http-server-close/' ;;
      bufsize16k) echo 's/^  tune.bufsize .*/  tune.bufsize 16384/' ;;
      nopatcache) echo 's/^  tune.pattern.cache-size .*/  tune.pattern.cache-size 0/' ;;
      patcache) echo 's/^  tune.pattern.cache-size .*/  tune.pattern.cache-size 10000/' ;;
      *) die "unknown HAProxy variant edit '$edit' in '$name'" ;;
    esac
  done
}

variant_dir() { echo "$WORK/gateways/$1"; }

variant_port() {
  local name="$1" i=0 v
  for v in $GW_VARIANTS; do
    [ "$v" = "$name" ] && { echo $((GW_FIRST_PORT + i)); return; }
    i=$((i + 1))
  done
  die "no such gateway variant: $name"
}

variant_url() {
  case "$1" in
    direct) echo "$ATOM_URL" ;;
    haproxy) echo "$GATEWAY_URL" ;;
    *) echo "http://127.0.0.1:$(variant_port "$1")" ;;
  esac
}

# The processes whose CPU is the variant's: the gateway's and its access log writer's.
variant_pids() {
  local dir
  dir="$(variant_dir "$1")"
  case "$1" in
    direct) ;;
    haproxy) process_tree "$GATEWAY_DIR/haproxy.pid"; gateway_log_writer_pids ;;
    apache) process_tree "$dir/httpd.pid" ;;
    haproxy+*) process_tree "$dir/haproxy.pid"; live_pid "$dir/log.pid" 2>/dev/null || true ;;
  esac
}

start_haproxy_variant() {
  local name="$1" port dir conf
  port="$(variant_port "$name")"
  dir="$(variant_dir "$name")"
  conf="$dir/haproxy.cfg"
  mkdir -p "$dir"
  [ -f "$GATEWAY_DIR/haproxy.cfg" ] || die "no rendered gateway configuration in $GATEWAY_DIR"
  # its own port and no admin socket; the internal listeners of a stack with replicas are left out
  sed -e "s/^\(  bind [^ ]*\):$GATEWAY_PORT\$/\1:$port/" -e '/^  stats socket /d' -e '/^frontend mesh-/,/^$/d' \
    -e "$(haproxy_variant_edits "$name")" "$GATEWAY_DIR/haproxy.cfg" >"$conf"
  grep -q "^  bind .*:$port\$" "$conf" || die "gateway variant $name: no bind line for port $port"
  haproxy -c -q -f "$conf" >"$dir/configtest.log" 2>&1 || { cat "$dir/configtest.log" >&2; die "gateway variant $name: invalid configuration"; }
  rm -f "$dir/log.fifo" "$dir/haproxy.pid"
  mkfifo "$dir/log.fifo"
  if [[ "+${name#haproxy+}+" == *+rotatelogs+* ]]; then
    (exec rotatelogs -f "$dir/access.%Y-%m-%d.log" 86400 <"$dir/log.fifo" >>"$dir/error.log" 2>&1 9>&-) &
  else
    (exec perl "$ROOT/deploy/gateway/log-writer" "$dir/access.%Y-%m-%d.log" <"$dir/log.fifo" >>"$dir/error.log" 2>&1 9>&-) &
  fi
  echo $! >"$dir/log.pid"
  (cd / && exec haproxy -W -f "$conf" -p "$dir/haproxy.pid" </dev/null >"$dir/log.fifo" 2>>"$dir/error.log" 9>&-) &
  GW_STARTED+=("$name")
  wait_variant "$name"
}

# The Apache variant's programs: true when both are installed; otherwise prints what to install.
apache_variant_ready() {
  [ -x /usr/sbin/apache2 ] && [ -f /usr/lib/apache2/modules/mod_oauth2.so ] && return
  echo "Apache and mod_oauth2 (apt-get install apache2 libapache2-mod-oauth2)"
  return 1
}

# Whether this run's variants include Apache.
apache_variant_selected() { [[ " $GW_VARIANTS " == *" apache "* ]]; }

start_apache_variant() {
  local dir port conf content user_group=""
  dir="$(variant_dir apache)"
  port="$(variant_port apache)"
  conf="$dir/httpd.conf"
  apache_variant_ready || die "the gateway comparison's Apache variant needs $(apache_variant_ready)"
  mkdir -p "$dir/run" "$dir/empty"
  is_root && user_group=$'User www-data\nGroup www-data'
  content="$(cat "$BENCH_DIR/apache/httpd.conf.template")"
  content="${content//@@APACHE_DIR@@/$dir}"
  content="${content//@@APACHE_PORT@@/$port}"
  content="${content//@@APACHE_THREADS@@/$APACHE_THREADS}"
  content="${content//@@USER_GROUP@@/$user_group}"
  content="${content//@@PUBLIC_HOST@@/127.0.0.1:$GATEWAY_PORT}"
  content="${content//@@CONTRIBUTOR_PORT@@/$CONTRIBUTOR_PORT}"
  content="${content//@@ATOM_PORT@@/$ATOM_PORT}"
  content="${content//@@PRIVACY_PORT@@/$PRIVACY_PORT}"
  content="${content//@@JWKS_URI@@/$ISSUER/protocol/openid-connect/certs}"
  content="${content//@@ISSUER@@/$ISSUER}"
  content="${content//@@AUDIENCE@@/plugin-api}"
  content="${content//@@ROOT@@/$ROOT}"
  printf '%s\n' "$content" >"$conf"
  /usr/sbin/apache2 -f "$conf" -t >"$dir/configtest.log" 2>&1 || { cat "$dir/configtest.log" >&2; die "the Apache variant's configuration is invalid"; }
  /usr/sbin/apache2 -f "$conf" -k start 9>&- || die "the Apache variant did not start (log: $dir/error.log)"
  GW_STARTED+=(apache)
  wait_variant apache
}

wait_variant() {
  local url deadline=$((SECONDS + 20))
  url="$(variant_url "$1")"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/api/atoms" 2>/dev/null)" = 401 ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "gateway variant $1 does not answer on $url (logs: $(variant_dir "$1"))"
    sleep 0.2
  done
}

start_gateway_variants() {
  local v
  mkdir -p "$WORK/gateways"
  trap stop_gateway_variants EXIT
  for v in $GW_VARIANTS; do
    case "$v" in
      haproxy) ;;
      haproxy+*) start_haproxy_variant "$v" ;;
      apache) start_apache_variant ;;
      *) die "unknown gateway variant '$v' (haproxy, haproxy+EDIT..., apache)" ;;
    esac
  done
}

# Stops what start_gateway_variants started (by its pid files), never the stack's gateway.
stop_gateway_variants() {
  local v dir pid
  for v in "${GW_STARTED[@]}"; do
    dir="$(variant_dir "$v")"
    case "$v" in
      apache) /usr/sbin/apache2 -f "$dir/httpd.conf" -k stop 2>/dev/null || true ;;
      haproxy+*)
        if pid="$(live_pid "$dir/haproxy.pid" 2>/dev/null)"; then
          kill -TERM "$pid" 2>/dev/null || true
        fi
        if pid="$(live_pid "$dir/log.pid" 2>/dev/null)"; then
          sleep 0.5
          kill -TERM "$pid" 2>/dev/null || true
        fi
        ;;
    esac
  done
  GW_STARTED=()
}

# What every variant refuses: no token, a tampered one, one for another audience, an expired one
# (e2e-short-lived's tokens live 5 s: used once while valid, so that a validation cache holds it,
# then again after its exp). A variant that does not refuse them all is not a candidate.
variant_refusals() {
  local reader tampered no_aud short exp v url status
  reader="$(token_password bench-reader)"
  # a character in the middle of the signature changed
  tampered="$(printf '%s' "$reader" | awk -F. '{ s = $3; m = int(length(s) / 2); c = substr(s, m, 1); r = (c == "A" ? "B" : "A");
    printf "%s.%s.%s%s%s", $1, $2, substr(s, 1, m - 1), r, substr(s, m + 1) }')"
  no_aud="$(token_client e2e-no-audience)"
  short="$(token_client e2e-short-lived)"
  exp="$(printf '%s' "$short" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r .exp || true)"
  local path
  path="$(head -n1 "$DETAIL_PATHS")"
  declare -A before
  for v in $GW_VARIANTS; do
    url="$(variant_url "$v")$path"
    before[$v]="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $short" "$url")"
  done
  while [ "$(date +%s)" -le "${exp:-0}" ]; do sleep 0.5; done
  sleep 1
  for v in $GW_VARIANTS; do
    url="$(variant_url "$v")$path"
    local valid missing bad aud expired ok=true
    valid="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $reader" "$url")"
    missing="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
    bad="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tampered" "$url")"
    aud="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $no_aud" "$url")"
    expired="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $short" "$url")"
    [ "$valid" = 200 ] && [ "${before[$v]}" = 200 ] && [ "$missing" = 401 ] && [ "$bad" = 401 ] && [ "$aud" = 401 ] \
      && [ "$expired" = 401 ] || ok=false
    record kind=gateway-refusals variant="$v" valid="$valid" missing="$missing" tampered="$bad" no_audience="$aud" \
      short_lived_before_exp="${before[$v]}" expired="$expired" ok="$ok"
    log "$(printf 'gateway variant %-28s valid %s, missing %s, tampered %s, no audience %s, short-lived %s then expired %s: %s' \
      "$v" "$valid" "$missing" "$bad" "$aud" "${before[$v]}" "$expired" "$([ "$ok" = true ] && echo refuses what it must || echo 'DOES NOT refuse what it must')")"
  done
}

# One target at saturation (wrk, as every scenario: a warm-up run, then the measured run), with the
# CPU the variant's processes and atom-service used over the measured run, per request.
compare_saturation() {
  local v="$1" round="$2" token="$3" url result load cpu pids service ticks_before ticks_after service_before service_after
  url="$(variant_url "$v")"
  result="$WORK/compare-wrk-$v-$round.json"
  BENCH_TOKEN="$token" BENCH_PATHS="$DETAIL_PATHS" BENCH_RESULT=/dev/null \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_S}s" --timeout 10s -s "$BENCH_WRK/get.lua" "$url" >/dev/null
  cpu="$(cpu_busy 2)"
  load="$(loadavg1)"
  read -r -a pids <<<"$(variant_pids "$v" | tr '\n' ' ')"
  service="$(service_pid atom-service)"
  ticks_before="$(pids_cpu_ticks "${pids[@]}")"
  service_before="$(pids_cpu_ticks "$service")"
  BENCH_TOKEN="$token" BENCH_PATHS="$DETAIL_PATHS" BENCH_RESULT="$result" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${MEASURE_S}s" --timeout 10s --latency -s "$BENCH_WRK/get.lua" "$url" \
    >"$WORK/compare-wrk-$v-$round.txt"
  ticks_after="$(pids_cpu_ticks "${pids[@]}")"
  service_after="$(pids_cpu_ticks "$service")"
  record_json "$(cat "$result")" kind=gateway-compare mode=saturation variant="$v" round="$round" load1="$load" cpu_busy_pct="$cpu" \
    gateway_cpu_us_per_request="$(per_request_us "$((ticks_after - ticks_before))" "$result" requests)" \
    service_cpu_us_per_request="$(per_request_us "$((service_after - service_before))" "$result" requests)"
  log "$(printf 'compare %-28s round %s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s  gateway CPU %s us/request' "$v" "$round" \
    "$(jq -r .rps "$result")" "$(jq -r .p50_ms "$result")" "$(jq -r .p99_ms "$result")" \
    "$(jq -r '.non2xx + .socket_errors' "$result")" "$(per_request_us "$((ticks_after - ticks_before))" "$result" requests)")"
}

# The same target at a fixed rate (FixedRate.java): the warm-up and the measured run in one generator
# JVM, the variant's CPU read from when the measured run starts (its marker file) to its end.
compare_fixed_rate() {
  local v="$1" round="$2" token="$3" rate="$4" url result load cpu pids ticks_before ticks_after marker generator
  url="$(variant_url "$v")"
  result="$WORK/compare-fixed-$v-$round.json"
  marker="$WORK/compare-fixed-$v-$round.measuring"
  rm -f "$marker" "$result"
  cpu="$(cpu_busy 2)"
  load="$(loadavg1)"
  read -r -a pids <<<"$(variant_pids "$v" | tr '\n' ' ')"
  java "$BENCH_DIR/FixedRate.java" --base "$url" --paths "$DETAIL_PATHS" --token "$token" --rate "$rate" \
    --warm-seconds "$WARM_S" --seconds "$MEASURE_S" --connections "$CONNECTIONS" --measuring "$marker" --out "$result" >/dev/null &
  generator=$!
  while [ ! -e "$marker" ] && kill -0 "$generator" 2>/dev/null; do sleep 0.05; done
  ticks_before="$(pids_cpu_ticks "${pids[@]}")"
  wait "$generator" || die "FixedRate.java failed ($v)"
  ticks_after="$(pids_cpu_ticks "${pids[@]}")"
  record_json "$(cat "$result")" kind=gateway-compare mode=fixed-rate variant="$v" round="$round" load1="$load" cpu_busy_pct="$cpu" \
    gateway_cpu_us_per_request="$(per_request_us "$((ticks_after - ticks_before))" "$result" completed)"
  log "$(printf 'compare %-28s round %s fixed %s req/s: achieved %s, p50 %s ms, p99 %s ms, errors %s%s' "$v" "$round" "$rate" \
    "$(jq -r .rps "$result")" "$(jq -r .p50_ms "$result")" "$(jq -r .p99_ms "$result")" "$(jq -r '.non2xx + .failed' "$result")" \
    "$(jq -r 'if .kept_rate then "" else "  RATE NOT KEPT (" + .behind + "): latency not valid" end' "$result")")"
}

# CPU ticks over a run, per request of its result file, in microseconds ("" when nothing ran).
per_request_us() {
  local ticks="$1" result="$2" field="$3"
  jq -r --argjson t "$ticks" --argjson hz "$CLOCK_TICKS" --arg f "$field" \
    'if (.[$f] // 0) > 0 then ($t / $hz * 1e6 / .[$f] * 10 | round / 10) else "" end' "$result"
}

# The comparison: every target at saturation (direct first, then each variant), then every target
# at one fixed rate (half the stack gateway's saturation rate in this comparison, or
# BENCH_FIXED_RATE); with BENCH_GATEWAY_ROUNDS > 1, further rounds in reverse order, so that no
# variant always comes last (the service's JIT keeps improving over a run).
# round_order ROUND TARGET...: the targets in order for odd rounds, reversed for even ones
round_order() {
  local round="$1" i
  shift
  local targets=("$@")
  if [ $((round % 2)) = 0 ]; then
    for ((i = ${#targets[@]} - 1; i >= 0; i--)); do echo "${targets[$i]}"; done
  else
    printf '%s\n' "${targets[@]}"
  fi
}

gateway_comparison() {
  local targets=(direct $GW_VARIANTS) round v reader rate
  log "gateway comparison: direct, $GW_VARIANTS ($GW_ROUNDS round(s), ${WARM_S} s warm-up + ${MEASURE_S} s each)"
  start_gateway_variants
  variant_refusals
  for round in $(seq 1 "$GW_ROUNDS"); do
    for v in $(round_order "$round" "${targets[@]}"); do
      reader="$(token_password bench-reader)"
      compare_saturation "$v" "$round" "$reader"
    done
  done
  rate="$(jq -rs 'map(select(.kind == "gateway-compare" and .mode == "saturation" and .variant == "haproxy") | .rps) | if length > 0 then add / length / 2 | floor else 0 end' "$RAW")"
  [ -n "${BENCH_FIXED_RATE:-}" ] && rate="$BENCH_FIXED_RATE"
  [ "$rate" -gt 0 ] || rate=500
  for round in $(seq 1 "$GW_ROUNDS"); do
    for v in $(round_order "$round" "${targets[@]}"); do
      reader="$(token_password bench-reader)"
      compare_fixed_rate "$v" "$round" "$reader" "$rate"
    done
  done
  stop_gateway_variants
  trap - EXIT
}
