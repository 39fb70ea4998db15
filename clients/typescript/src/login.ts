// Tokens for scripts and tests. A browser frontend logs in with the authorization code flow and PKCE
// (README.md); the password grant below is enabled on the local stack's demo client only.

/** An access token of `username` by the password grant of the public client `plugin-frontend` (demos, tests). */
export async function passwordLogin(realm: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "plugin-frontend", username, password, scope: "openid" }),
  });
  const body: unknown = await response.json();
  if (!response.ok || typeof body !== "object" || body === null || !("access_token" in body) || typeof body.access_token !== "string") {
    throw new Error(`the realm refused the login: HTTP ${response.status}`);
  }
  return body.access_token;
}
