#!/usr/bin/env bash
# Registers an Atom version with Plug'in from a descriptor file: the call a CI pipeline makes.
#
#   register-atom.sh [--dry-run] descriptor.json
#
# Needs bash, curl and jq. Reads from the environment:
#   PLUGIN_API_URL          the gateway, e.g. https://plugin.example.org (no trailing path)
#   PLUGIN_TOKEN_URL        the provider's token endpoint,
#                           e.g. https://sso.example.org/realms/plugin/protocol/openid-connect/token
#   PLUGIN_CI_CLIENT_ID     the pipeline's confidential client (it publishes for one contributor)
#   PLUGIN_CI_CLIENT_SECRET its secret (never printed, never passed on a command line)
#
# The descriptor is the JSON body of PUT /api/atoms/{name}/versions/{version} plus "name" and
# "version" (see example-descriptor.json). Exit status: 0 when the version is registered (created,
# or already there with the same content) or, with --dry-run, when it would be accepted; 1 when
# the API refuses it (its problem detail is printed); 2 for a usage or configuration error; 3 when
# the provider or the API cannot be reached or is unavailable (5xx, after curl's retries), gives no
# token, or answers something that is not the API's JSON.
set -euo pipefail

dry_run=false
if [[ "${1:-}" == "--dry-run" ]]; then
  dry_run=true
  shift
fi
if [[ $# -ne 1 ]]; then
  echo "usage: $0 [--dry-run] descriptor.json" >&2
  exit 2
fi
descriptor="$1"

for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 2; }
done
for var in PLUGIN_API_URL PLUGIN_TOKEN_URL PLUGIN_CI_CLIENT_ID PLUGIN_CI_CLIENT_SECRET; do
  [[ -n "${!var:-}" ]] || { echo "error: $var is not set" >&2; exit 2; }
done
[[ -r "$descriptor" ]] || { echo "error: cannot read $descriptor" >&2; exit 2; }
jq -e 'type == "object"' "$descriptor" >/dev/null 2>&1 || { echo "error: $descriptor is not a JSON object" >&2; exit 2; }

name=$(jq -r '.name // empty | strings' "$descriptor")
version=$(jq -r '.version // empty | strings' "$descriptor")
[[ -n "$name" && -n "$version" ]] || { echo "error: $descriptor needs string fields \"name\" and \"version\"" >&2; exit 2; }

work=$(mktemp -d)
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT

# --- client-credentials token; the secret goes through stdin, not argv ---
jq -jn '"grant_type=client_credentials&client_id=" + (env.PLUGIN_CI_CLIENT_ID | @uri)
        + "&client_secret=" + (env.PLUGIN_CI_CLIENT_SECRET | @uri)' > "$work/form"
token_status=$(curl -sS --connect-timeout 10 --max-time 30 -o "$work/token.json" -w '%{http_code}' \
  -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$work/form" "$PLUGIN_TOKEN_URL") || {
  echo "error: the provider at $PLUGIN_TOKEN_URL cannot be reached" >&2; exit 3; }
rm -f "$work/form"
if [[ "$token_status" != 200 ]]; then
  reason=$(jq -r '.error_description // .error // empty' "$work/token.json" 2>/dev/null || true)
  echo "error: no token for client $PLUGIN_CI_CLIENT_ID (HTTP $token_status${reason:+: $reason})" >&2
  exit 3
fi
token=$(jq -r '.access_token // empty' "$work/token.json" 2>/dev/null || true)
[[ -n "$token" ]] || { echo "error: the provider answered without an access token" >&2; exit 3; }
printf 'Authorization: Bearer %s\n' "$token" > "$work/auth"

# --- the call ---
jq 'del(.name, .version)' "$descriptor" > "$work/body.json"
path="/api/atoms/$(jq -rn --arg v "$name" '$v | @uri')/versions/$(jq -rn --arg v "$version" '$v | @uri')"
if $dry_run; then
  method=POST
  path="$path/validation"
else
  method=PUT
fi
status=$(curl -sS --connect-timeout 10 --max-time 60 --retry 2 -X "$method" -o "$work/answer.json" -w '%{http_code}' \
  -H @"$work/auth" -H 'Content-Type: application/json' -H 'Accept: application/json' \
  --data-binary @"$work/body.json" "${PLUGIN_API_URL%/}$path") || {
  echo "error: the API at $PLUGIN_API_URL cannot be reached" >&2; exit 3; }

problem() {
  # a problem+json answer: status, title, detail, and each field violation
  jq -r --arg status "$status" '"error: HTTP \(.status // $status) \(.title // "")" + (if .detail then ": " + .detail else "" end),
         (.violations // [] | .[] | "  \(.field): \(.message)"),
         (.errors // [] | .[] | "  \(.code): \(.detail)")' "$work/answer.json" 2>/dev/null \
    || echo "error: HTTP $status from $method $path"
}

unreadable() {
  echo "error: HTTP $status from $method $path, but not the JSON answer of the API (is PLUGIN_API_URL the gateway?)" >&2
  exit 3
}

if $dry_run; then
  if [[ "$status" != 200 ]]; then
    problem >&2
    [[ "$status" == 5* ]] && exit 3
    exit 1
  fi
  jq -e 'type == "object" and has("accepted")' "$work/answer.json" >/dev/null 2>&1 || unreadable
  if [[ $(jq -r '.accepted' "$work/answer.json") == true ]]; then
    jq -r '"would be accepted: \(.outcome) (HTTP \(.status))" + (if .atomCreated then ", the Atom would be created" else "" end)' "$work/answer.json"
    exit 0
  fi
  jq -r '"would be refused (HTTP \(.status)):", (.problems[] | "  " + (if .field then .field + ": " else "" end) + .detail)' "$work/answer.json" >&2
  [[ $(jq -r '.status' "$work/answer.json") == 5* ]] && exit 3
  exit 1
fi

case "$status" in
  200|201)
    jq -e 'type == "object" and has("outcome")' "$work/answer.json" >/dev/null 2>&1 || unreadable
    jq -r '"\(.outcome): \(.version.atom) \(.version.version) (\(.version.state), content digest \(.version.contentDigest))"
           + (if .atomCreated then "; Atom created" elif .atomUpdated then "; Atom fields updated" else "" end)' "$work/answer.json"
    ;;
  5*)
    # the API (or a service it needs) is unavailable: nothing was registered, a later run may succeed
    problem >&2
    exit 3
    ;;
  *)
    problem >&2
    exit 1
    ;;
esac
