-- Plug'in gateway (HAProxy): what its configuration language cannot say by itself.
--
-- plugin_unknown_kid: a token names a signing key the gateway does not hold. The provider may have
-- rotated its keys: ask deploy/gateway/keys to fetch them now (it watches the file named by
-- PLUGIN_KEYS_POKE) instead of at its next periodic check. At most one touch a second, whatever
-- the traffic; the request itself is refused as any token that cannot be verified.
local poke = os.getenv("PLUGIN_KEYS_POKE")
local last = 0

core.register_action("plugin_unknown_kid", { "http-req" }, function(txn)
  local now = core.now().sec
  if poke == nil or poke == "" or now == last then
    return
  end
  last = now
  local file = io.open(poke, "w")
  if file ~= nil then
    file:close()
  end
end)
