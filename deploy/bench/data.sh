# shellcheck shell=bash
# The bench's data sets. Sourced by deploy/bench/run (after lib.sh). Each function says which path
# it uses: the public API (what a user or a CI pipeline would call), the provider's admin API, or a
# bulk path (SQL into the service's own database, writing what the service itself would write).
#
#   persistent (made once, reused by later runs)
#     Keycloak   users bench-reader, bench-big, bench-small, bench-ci (passwords), bench-d0001..bench-d1000
#                (no password); CI clients bench-ci-big, bench-ci-small, bench-ci-load
#     directory  1,000 ACTIVE contributors bench-d0001..d1000                     SQL (+ Keycloak users)
#     catalog    1,000 Atoms bench-atom-1..1000 owned by them, 1-3 versions each     SQL
#     big        bench-big: 100 Atoms x 100 versions, 9,000 comments, 1,000 ratings  API (CI client, user)
#     small      bench-small: 1 Atom x 10 versions, 9 comments, 1 rating             API
#   per run (tag $RUN_TAG)
#     scale      99,000 more Atoms bench-scale-*, removed after the scale scenarios   SQL
#     pool       privacy requesters bench-p<tag>-NNN with passwords                   Keycloak admin API
#     erasure    1,000 deactivated contributors bench-e<tag>-NNNN, one Atom and two comments each
#                                                                                     SQL, then the internal API

REPLAY=(java "$BENCH_DIR/Replay.java" --token-url "$TOKEN_URL")
DIRECTORY_SIZE=1000
CATALOG_SIZE=1000
SCALE_SIZE=100000
BIG_ATOMS=100
BIG_VERSIONS_PER_ATOM=100
BIG_COMMENTS=9000
BIG_RATINGS=1000

kc_import() {
  local json="$1" admin
  admin="$(kc_admin_token)"
  curl -fsS -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' --data-binary @"$json" \
    "$KC_URL/admin/realms/plugin/partialImport" | jq -c '{added, skipped}'
}

kc_user_exists() {
  local admin
  admin="$(kc_admin_token)"
  [ "$(curl -fsS -H "Authorization: Bearer $admin" "$KC_URL/admin/realms/plugin/users?username=$1&exact=true" | jq length)" = 1 ]
}

# A CI client publishing for an account, shaped like the realm's ci-bob (audience, contributor claim, role ci).
ci_client_json() {
  jq -n --arg id "$1" --arg account "$2" '{
    clientId: $id, name: $id, description: ("Bench CI pipeline publishing for " + $account), enabled: true,
    protocol: "openid-connect", publicClient: false, clientAuthenticatorType: "client-secret", secret: ($id + "-secret"),
    serviceAccountsEnabled: true, standardFlowEnabled: false, implicitFlowEnabled: false, directAccessGrantsEnabled: false,
    attributes: {"use.refresh.tokens": "false", "client_credentials.use_refresh_token": "false"},
    protocolMappers: [
      {name: "audience plugin-api", protocol: "openid-connect", protocolMapper: "oidc-audience-mapper",
       config: {"included.custom.audience": "plugin-api", "access.token.claim": "true", "id.token.claim": "false", "introspection.token.claim": "true"}},
      {name: "plugin_contributor", protocol: "openid-connect", protocolMapper: "oidc-hardcoded-claim-mapper",
       config: {"claim.name": "plugin_contributor", "claim.value": $account, "jsonType.label": "String", "access.token.claim": "true",
                "id.token.claim": "false", "introspection.token.claim": "true"}}]}'
}

# Keycloak admin API (partial import, existing entries skipped).
keycloak_setup() {
  if kc_user_exists "bench-d$(printf %04d "$DIRECTORY_SIZE")" && kc_user_exists bench-ci; then
    log "Keycloak: bench users and clients already there"
    return 0
  fi
  log "Keycloak: importing the bench users and CI clients"
  keycloak_import_json SKIP >"$WORK/kc-import.json"
  kc_import "$WORK/kc-import.json" >/dev/null
}

# The partial import of the bench's users and clients (ifResourceExists: SKIP or OVERWRITE).

keycloak_import_json() {
  jq -n --arg mode "$1" --arg pw "$BENCH_PASSWORD" --argjson n "$DIRECTORY_SIZE" \
    --argjson clients "[$(ci_client_json bench-ci-big bench-big),$(ci_client_json bench-ci-small bench-small),$(ci_client_json bench-ci-load bench-ci)]" '
    def first: ["Alice","Bruno","Chloe","David","Emma","Farid","Gaelle","Hugo","Ines","Jules","Karim","Lea","Marc","Nadia","Oscar","Paula"];
    def last: ["Martin","Bernard","Dubois","Thomas","Robert","Richard","Petit","Durand","Leroy","Moreau","Simon","Laurent","Lefebvre","Michel"];
    def person($u; $i; $pw): {username: $u, enabled: true, email: ($u + "@example.org"), emailVerified: true,
        firstName: first[$i % (first|length)], lastName: last[$i % (last|length)], requiredActions: [],
        realmRoles: ["default-roles-plugin", "user"]}
      + (if $pw then {credentials: [{type: "password", value: $pw, temporary: false}]} else {} end);
    {ifResourceExists: $mode,
     clients: $clients,
     users: (([["bench-reader", 0], ["bench-big", 1], ["bench-small", 2], ["bench-ci", 3]] | map(person(.[0]; .[1]; $pw)))
       + [range(1; $n + 1) | person("bench-d" + (tostring | ("0000" + .)[-4:]); .; null)]
       + ([$clients[].clientId] | map({username: ("service-account-" + .), enabled: true, serviceAccountClientId: ., realmRoles: ["ci"]})))}'
}

# Registration through the public API, with the user's own token: 201, or 409 when already registered.
register_contributor() {
  local user="$1" token status
  token="$(token_password "$user")"
  status="$(api POST "$GATEWAY_URL/api/contributors" "$token" \
    "$(jq -cn --arg u "$user" '{accountName: $u, firstName: "Bench", lastName: ($u | sub("bench-"; "") | ascii_upcase), email: ($u + "@example.org")}')")"
  case "$status" in
    201 | 409) ;;
    *) die "registering contributor $user answered $status: $(cat "$API_BODY")" ;;
  esac
}

contributor_id() {
  psql_db contributor -c "SELECT id FROM contributor WHERE account_name = '$1' AND status = 'ACTIVE'"
}

# The directory: the Keycloak users bench-d*, registered by SQL with exactly the row registration
# writes (their subject is their Keycloak id), because registering them through the API would need
# each one's own login (a password hash each on Keycloak's side, about 80 ms apiece here).
directory_setup() {
  local have
  have="$(psql_db contributor -c "SELECT count(*) FROM contributor WHERE account_name LIKE 'bench-d%'")"
  if [ "$have" -ge "$DIRECTORY_SIZE" ]; then
    log "directory: $have bench contributors already there"
    return 0
  fi
  log "directory: registering $DIRECTORY_SIZE contributors (SQL, subjects from Keycloak)"
  local admin
  admin="$(kc_admin_token)"
  curl -fsS -H "Authorization: Bearer $admin" \
    "$KC_URL/admin/realms/plugin/users?search=bench-d&max=$((DIRECTORY_SIZE * 2))&briefRepresentation=true" |
    jq -r '[.[] | select(.username | test("^bench-d[0-9]{4}$"))]
      | "INSERT INTO contributor (id, subject, account_name, first_name, last_name, email, status, created_at, updated_at, version, restricted) VALUES "
        + (map("(gen_random_uuid(), \u0027\(.id)\u0027, \u0027\(.username)\u0027, \u0027\(.firstName)\u0027, \u0027\(.lastName)\u0027, \u0027\(.email)\u0027, \u0027ACTIVE\u0027, now(), now(), 0, false)") | join(",\n"))
        + " ON CONFLICT DO NOTHING;"' | psql_db contributor >/dev/null
  have="$(psql_db contributor -c "SELECT count(*) FROM contributor WHERE account_name LIKE 'bench-d%'")"
  [ "$have" -ge "$DIRECTORY_SIZE" ] || die "directory: only $have of $DIRECTORY_SIZE contributors"
}

owners_array() {
  psql_db contributor -c "SELECT '{' || string_agg(id::text, ',' ORDER BY account_name) || '}' FROM contributor
                           WHERE account_name LIKE '$1%' AND status <> 'ERASED'"
}

# n Atoms named prefix<first..last> (SQL, see sql/catalog.sql).
insert_atoms() {
  local prefix="$1" first="$2" last="$3" seed="$4" owners="$5"
  psql_db atom -v textsql="$BENCH_DIR/sql/text.sql" -v prefix="$prefix" -v first="$first" -v last="$last" \
    -v seed="$seed" -v owners="$owners" -f "$BENCH_DIR/sql/catalog.sql" | tail -n1
}

catalog_setup() {
  local have
  scale_cleanup  # a run interrupted during the scale scenarios left them: the 1,000-Atom figures come first
  have="$(psql_db atom -c "SELECT count(*) FROM atom WHERE name LIKE 'bench-atom-%'")"
  if [ "$have" -eq "$CATALOG_SIZE" ]; then
    log "catalog: $have bench Atoms already there"
    return 0
  fi
  [ "$have" -eq 0 ] || die "catalog: $have bench Atoms, not $CATALOG_SIZE: start from a fresh stack (deploy/local/down --purge)"
  log "catalog: $CATALOG_SIZE Atoms (SQL)"
  insert_atoms bench-atom- 1 "$CATALOG_SIZE" 0.42 "$(owners_array bench-d)" >/dev/null
  vacuum_catalog
}

# A version descriptor as deploy/ci/register-atom.sh sends it (the PUT body), as one JSON line.
descriptor_lines() {
  # descriptor_lines ATOM_PREFIX ATOMS VERSIONS_PER_ATOM: METHOD<TAB>PATH<TAB>BODY lines
  jq -rn --arg p "$1" --argjson atoms "$2" --argjson per "$3" '
    range(0; $per) as $k | range(1; $atoms + 1) as $a
    | ($p + ($a | tostring)) as $name | ("1." + ($k | tostring) + ".0") as $v
    | ["PUT", "/api/atoms/\($name)/versions/\($v)", ({
        atom: {displayName: ("Bench " + $name), summary: "A VNF of the bench: packet routing for the user plane",
               description: "Routes user plane traffic of 5G test networks. Exposes Prometheus metrics and a REST management interface.",
               kind: "VNF", category: "networking", tags: ["bench", "routing", "user-plane"], license: "Apache-2.0",
               sourceUrl: ("https://git.example.org/bench/" + $name)},
        artifacts: [{type: "CONTAINER_IMAGE", reference: ("registry.example.org/bench/\($name):\($v)"),
                     digest: ("sha256:" + ("\($name)\($v)" | explode | map(. % 16) | map(if . < 10 then . + 48 else . + 87 end) | implode
                              | (. + "0000000000000000000000000000000000000000000000000000000000000000")[:64]))}],
        languages: ["Go"],
        connectionPoints: [{name: "n3", protocol: "GTP-U", direction: "IN"}, {name: "n6", protocol: "IP", direction: "OUT"}],
        releaseNotes: ("Version " + $v), state: "PUBLISHED"} | tojson)] | @tsv'
}

count_atom_sql() { psql_db atom -c "$1"; }

# A contributor with many contributions, made through the public API: versions by its CI client
# (PUT /api/atoms/{name}/versions/{v}), comments and ratings by the user themself.
contributions_setup() {
  local user="$1" client="$2" atoms="$3" per_atom="$4" comments="$5" ratings="$6" id have want
  register_contributor "$user"
  id="$(contributor_id "$user")"
  [ -n "$id" ] || die "$user is not an ACTIVE contributor"
  want=$((atoms * per_atom))
  have="$(count_atom_sql "SELECT count(*) FROM atom_version WHERE registered_by = '$id'")"
  if [ "$have" -lt "$want" ]; then
    log "$user: registering $want versions through the API (CI client $client)"
    descriptor_lines "$user-" "$atoms" "$per_atom" |
      "${REPLAY[@]}" --base "$GATEWAY_URL" --client "$client" --secret "$client-secret" --concurrency 4 --expect 200,201 ||
      die "$user: version registration failed"
  fi
  have="$(count_atom_sql "SELECT count(*) FROM feedback_comment WHERE author_contributor_id = '$id'")"
  if [ "$have" -lt "$comments" ]; then
    log "$user: posting $((comments - have)) comments through the API"
    jq -rn --argjson n "$((comments - have))" --argjson size "$CATALOG_SIZE" --arg u "$user" '
      range(0; $n) | ["POST", "/api/atoms/bench-atom-\(1 + (. * 7919) % $size)/comments",
        ({body: "Comment \(.) by \($u): deployed it on our testbed, the user plane throughput is fine; see the logs for the handover case."} | tojson)] | @tsv' |
      "${REPLAY[@]}" --base "$GATEWAY_URL" --client plugin-frontend --user "$user" --password "$BENCH_PASSWORD" --concurrency 4 --expect 201 ||
      die "$user: comments failed"
  fi
  have="$(count_atom_sql "SELECT count(*) FROM rating WHERE author_contributor_id = '$id'")"
  if [ "$have" -lt "$ratings" ]; then
    log "$user: rating $ratings Atoms through the API"
    jq -rn --argjson n "$ratings" 'range(1; $n + 1) | ["PUT", "/api/atoms/bench-atom-\(.)/ratings/mine", ({stars: (1 + . % 5)} | tojson)] | @tsv' |
      "${REPLAY[@]}" --base "$GATEWAY_URL" --client plugin-frontend --user "$user" --password "$BENCH_PASSWORD" --concurrency 4 --expect 200,201 ||
      die "$user: ratings failed"
  fi
}

vacuum_catalog() {
  psql_db atom -c "VACUUM ANALYZE atom" -c "VACUUM ANALYZE atom_version" -c "VACUUM ANALYZE atom_rating_stats" -c "VACUUM ANALYZE feedback_comment"
}

# The erasure set of this run: contributors deactivated just now (SQL in contributor-service's
# database, as its deactivation writes them), each owning one Atom and two comments (SQL in
# atom-service's database), their deactivations delivered to privacy-service through its internal
# API with contributor-service's own token, exactly as the outbox would (login subject included, as it
# is sent since the erasure job stopped asking for it). Writes $WORK/erasure.tsv
# (id, event, deactivatedAt, subject, account name).
erasure_setup() {
  local count="$1" owners
  log "erasure: $count deactivated contributors bench-e$RUN_TAG-* (SQL), one Atom and two comments each"
  psql_db contributor -v tag="$RUN_TAG" -v count="$count" -f "$BENCH_DIR/sql/erasure-contributors.sql" | tail -n "$count" >"$WORK/erasure.tsv"
  [ "$(wc -l <"$WORK/erasure.tsv")" -eq "$count" ] || die "erasure: the set was not created"
  owners="{$(cut -d'|' -f1 "$WORK/erasure.tsv" | paste -sd, -)}"
  insert_atoms "bench-e$RUN_TAG-" 1 "$count" 0.7 "$owners" >/dev/null
  {
    echo "CREATE TEMP TABLE bench_authors (id uuid, subject text);"
    echo "COPY bench_authors FROM STDIN;"
    awk -F'|' '{ print $1 "\t" $4 }' "$WORK/erasure.tsv"
    echo '\.'
    cat "$BENCH_DIR/sql/erasure-comments.sql"
  } | psql_db atom -v catalog="$CATALOG_SIZE" >/dev/null
  log "erasure: delivering $count deactivations to privacy-service (internal API, contributor-service's token)"
  awk -F'|' '{ printf "POST\t/internal/privacy/deactivations\t{\"eventId\":\"%s\",\"contributorId\":\"%s\",\"deactivatedAt\":\"%s\",\"subject\":\"%s\"}\n", $2, $1, $3, $4 }' \
    "$WORK/erasure.tsv" |
    "${REPLAY[@]}" --base "$PRIVACY_URL" --client contributor-service --secret contributor-service-secret --concurrency 4 --expect 201 ||
    die "erasure: delivering the deactivations failed"
}

# After the erasure: the set's Atoms, now attributed to no one, are removed by an admin through the
# API (as an operator would clean up), so that the catalog keeps its size from run to run.
erasure_cleanup() {
  log "erasure: removing the set's Atoms (DELETE /api/atoms/{name} as admin)"
  psql_db atom -c "SELECT name FROM atom WHERE name LIKE 'bench-e$RUN_TAG-%'" | awk '{ print "DELETE\t/api/atoms/" $1 }' |
    "${REPLAY[@]}" --base "$GATEWAY_URL" --client plugin-frontend --user admin --password admin --concurrency 4 --expect 200,204 ||
    log "WARNING: some Atoms of the erasure set were not removed"
}

# Requesters for the privacy scenario: n new Keycloak users with a password (admin API), and a token
# for each in $WORK/pool-tokens.txt (password grant; Keycloak hashes each password, about 80 ms here).
pool_setup() {
  local count="$1" json="$WORK/pool.json"
  log "privacy pool: $count requesters bench-p$RUN_TAG-* (Keycloak admin API) and their tokens"
  jq -n --arg tag "$RUN_TAG" --arg pw "$BENCH_PASSWORD" --argjson n "$count" '{ifResourceExists: "SKIP",
    users: [range(1; $n + 1) | ("bench-p" + $tag + "-" + (tostring | ("000" + .)[-3:])) as $u
      | {username: $u, enabled: true, email: ($u + "@example.org"), emailVerified: true, firstName: "Pool", lastName: "Requester",
         requiredActions: [], realmRoles: ["default-roles-plugin", "user"],
         credentials: [{type: "password", value: $pw, temporary: false}]}]}' >"$json"
  kc_import "$json" >/dev/null
  seq -f "bench-p$RUN_TAG-%03g" 1 "$count" |
    xargs -P 4 -I{} curl -fsS -d grant_type=password -d client_id=plugin-frontend -d username={} \
      --data-urlencode "password=$BENCH_PASSWORD" "$TOKEN_URL" | jq -r .access_token >"$WORK/pool-tokens.txt"
  [ "$(grep -c . "$WORK/pool-tokens.txt")" -eq "$count" ] || die "privacy pool: not every requester got a token"
}

# The scale set: Atoms bench-scale-(CATALOG_SIZE+1)..SCALE_SIZE (SQL, as the catalog), removed by
# scale_cleanup once measured (they have no ledger entries, versions and rating rows go with them).
scale_setup() {
  scale_cleanup quiet
  log "scale: $((SCALE_SIZE - CATALOG_SIZE)) more Atoms (SQL)"
  insert_atoms bench-scale- "$((CATALOG_SIZE + 1))" "$SCALE_SIZE" 0.43 "$(owners_array bench-d)" >/dev/null
  vacuum_catalog
}

scale_cleanup() {
  local have
  have="$(psql_db atom -c "SELECT count(*) FROM atom WHERE name LIKE 'bench-scale-%'")"
  [ "$have" -gt 0 ] || return 0
  [ "${1:-}" = quiet ] || log "scale: removing the $have scale Atoms (SQL)"
  psql_db atom -c "DELETE FROM atom WHERE name LIKE 'bench-scale-%'"
  vacuum_catalog
}
