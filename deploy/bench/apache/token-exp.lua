-- The bench's Apache gateway (httpd.conf.template): refuses a token whose exp is not in the future.
-- mod_oauth2 put the token's claims into the request's environment (OAuth2TargetPass envvars), from
-- its full verification or from its cache, which in Debian 12's version does not check exp again.
require "apache2"

function not_expired(r)
  local exp = tonumber(r.subprocess_env["OAUTH2_CLAIM_exp"] or "")
  if exp ~= nil and exp > os.time() then
    return apache2.AUTHZ_GRANTED
  end
  -- no authenticated user as far as authorization goes: 401 with a challenge, as for any bad token
  return apache2.AUTHZ_DENIED_NO_USER
end
