// The typed client of the Plug'in API: one openapi-fetch client per service document, all through
// the gateway, each request carrying the caller's access token.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths as AtomPaths } from "./generated/atoms.js";
import type { paths as ContributorPaths } from "./generated/contributors.js";
import type { paths as PrivacyPaths } from "./generated/privacy.js";

export type { AtomPaths, ContributorPaths, PrivacyPaths };

export interface PluginApi {
  contributors: Client<ContributorPaths>;
  atoms: Client<AtomPaths>;
  privacy: Client<PrivacyPaths>;
}

/**
 * Clients for the three services behind `gateway` (its origin, e.g. https://api.plugin.example.org).
 * `token` is asked for before every request, so a frontend can hand over its current access token
 * (from its authorization-code + PKCE login) and refresh it in between; without one, only the public
 * operations (notice, cookies) answer.
 */
export function pluginApi(gateway: string, token?: () => string | Promise<string>): PluginApi {
  const auth: Middleware = {
    async onRequest({ request }) {
      if (token !== undefined) {
        request.headers.set("Authorization", `Bearer ${await token()}`);
      }
      return request;
    },
  };
  const contributors = createClient<ContributorPaths>({ baseUrl: gateway });
  const atoms = createClient<AtomPaths>({ baseUrl: gateway });
  const privacy = createClient<PrivacyPaths>({ baseUrl: gateway });
  for (const client of [contributors, atoms, privacy]) {
    client.use(auth);
  }
  return { contributors, atoms, privacy };
}
