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

-- plugin_too_large: answers 413 to a request whose declared body is over the limit, after reading
-- (and dropping) that body. Refusing at the headers and closing at once, as `http-request deny`
-- does, races the upload: the client's remaining bytes reach a closed socket, the kernel answers
-- with a reset, and a client still writing its body (Java's HttpClient, browsers) loses the 413
-- it was sent and sees "connection reset" or "no bytes received" instead. Only bodies up to
-- txn.drain_max are read this way; a larger one is refused by `deny` without reading it.
core.register_service("plugin_too_large", "http", function(applet)
  while true do
    local chunk = applet:receive(65536)
    if chunk == nil or #chunk == 0 then
      break
    end
  end
  local body = '{"type":"urn:plugin:problem:too-large","title":"Content Too Large","status":413,'
    .. '"detail":"The request body is larger than the ' .. applet:get_var("txn.max_body")
    .. ' bytes this API accepts.","requestId":"' .. applet.f:unique_id() .. '","rejectedBy":"gateway"}'
  applet:set_status(413)
  applet:add_header("content-type", "application/problem+json")
  applet:add_header("content-length", tostring(#body))
  applet:start_response()
  applet:send(body)
end)

-- openapi: GET /api/openapi, the merged document of the whole public API (deploy/local/api-documents
-- writes the file named by PLUGIN_OPENAPI_FILE before the gateway starts, and again before a reload).
-- Read once when this file is loaded, as the configuration is: it is larger than the buffers that
-- "http-request return ... file" may send.
local openapi_document = nil
do
  local name = os.getenv("PLUGIN_OPENAPI_FILE")
  local file = name and name ~= "" and io.open(name, "rb") or nil
  if file ~= nil then
    openapi_document = file:read("*a")
    file:close()
  end
end

core.register_service("openapi", "http", function(applet)
  if openapi_document == nil then
    local body = '{"type":"urn:plugin:problem:unavailable","title":"Service Unavailable","status":503,'
      .. '"detail":"The merged API document is not available yet: retry after the time in Retry-After.",'
      .. '"rejectedBy":"gateway"}'
    applet:set_status(503)
    applet:add_header("content-type", "application/problem+json")
    applet:add_header("retry-after", "5")
    applet:add_header("content-length", tostring(#body))
    applet:start_response()
    applet:send(body)
    return
  end
  applet:set_status(200)
  applet:add_header("content-type", "application/json")
  applet:add_header("cache-control", "no-cache")
  applet:add_header("vary", "Origin")
  applet:add_header("content-length", tostring(#openapi_document))
  applet:start_response()
  if applet.method ~= "HEAD" then
    applet:send(openapi_document)
  end
end)
