// The journey of a frontend team's client through the gateway, written only against the generated
// types (no cast, no any: scripts/no-casts.mjs). Run by e2e-tests/.../TypeScriptClientJourneyTest;
// README.md lists the environment it needs. Prints one line per step, never personal data.
import { pluginApi, type PluginApi } from "./client.js";
import { passwordLogin } from "./login.js";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const gateway = env("PLUGIN_GATEWAY_URL");
const realm = env("PLUGIN_REALM_URL");

let steps = 0;
function step(what: string): void {
  steps += 1;
  console.log(`ok ${steps} ${what}`);
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new Error(`step ${steps + 1} failed: ${what}`);
  }
}

/** What openapi-fetch answers: data on success, error (the problem) otherwise, and the response. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, once its status is the one expected. */
function expect<T>(answer: Answer<T>, status: number, what: string): T {
  const { data, error, response } = answer;
  if (response.status !== status || data === undefined) {
    throw new Error(`step ${steps + 1} failed: ${what}: HTTP ${response.status} (expected ${status}) ${JSON.stringify(error ?? null)}`);
  }
  return data;
}

/** The answer's status, for answers without a body. */
function expectStatus(answer: { response: Response }, status: number, what: string): void {
  if (answer.response.status !== status) {
    throw new Error(`step ${steps + 1} failed: ${what}: HTTP ${answer.response.status} (expected ${status})`);
  }
}

/** The last path segment of the answer's Location header (the created resource's id or name). */
function created(answer: { response: Response }, what: string): string {
  expectStatus(answer, 201, what);
  const location = answer.response.headers.get("Location");
  if (location === null) {
    throw new Error(`step ${steps + 1} failed: ${what}: 201 without Location`);
  }
  const last = new URL(location, gateway).pathname.split("/").pop();
  if (last === undefined || last === "") {
    throw new Error(`step ${steps + 1} failed: ${what}: Location ${location} names nothing`);
  }
  return decodeURIComponent(last);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function api(token: string): PluginApi {
  return pluginApi(gateway, () => token);
}

async function main(): Promise<void> {
  const username = env("JOURNEY_USER");
  const email = env("JOURNEY_EMAIL");
  const firstName = env("JOURNEY_FIRST_NAME");
  const lastName = env("JOURNEY_LAST_NAME");
  const word = env("JOURNEY_WORD");

  // 1. login (password grant: the stack's demo client; a browser uses the code flow with PKCE)
  const user = api(await passwordLogin(realm, username, env("JOURNEY_PASSWORD")));
  const reader = api(await passwordLogin(realm, env("JOURNEY_READER"), env("JOURNEY_READER_PASSWORD")));
  const admin = api(await passwordLogin(realm, env("JOURNEY_ADMIN"), env("JOURNEY_ADMIN_PASSWORD")));
  step("three users logged in");

  // 2. registration as a contributor, then the own record
  const registered = expect(
    await user.contributors.POST("/api/contributors", { body: { accountName: username, firstName, lastName, email } }),
    201,
    "registration",
  );
  check(registered.accountName === username, "the registration answers the account name");
  const me = expect(await user.contributors.GET("/api/contributors/me"), 200, "own record");
  check(me.email === email && me.firstName === firstName && me.status === "ACTIVE", "own record holds the names and email");
  step("registered as a contributor; GET /api/contributors/me shows it");

  // 3. two Atoms published by their owner (the same PUT CI pipelines use)
  // Atom and chain names are public identifiers, not personal data: never derived from the search word
  const suffix = env("JOURNEY_SUFFIX");
  const names = [`ts-${suffix}-a`, `ts-${suffix}-b`];
  for (const [index, name] of names.entries()) {
    const location = created(
      await user.atoms.PUT("/api/atoms/{name}/versions/{version}", {
        params: { path: { name, version: "1.0.0" } },
        body: {
          atom: {
            displayName: `Typed client Atom ${index}`,
            summary: "An Atom of the typed client's journey",
            description: `It carries the rare word ${word} in its description.`,
            kind: "VNF",
            category: "testing",
            tags: ["typed-client"],
            license: "Apache-2.0",
            sourceUrl: "https://git.example.org/typed-client",
          },
          artifacts: [
            { type: "CONTAINER_IMAGE", reference: `registry.example.org/${name}:1`, digest: `sha256:${String(index).repeat(64)}` },
          ],
          languages: ["TypeScript"],
          connectionPoints: [
            { name: "in", protocol: "HTTP", direction: "IN" },
            { name: "out", protocol: "HTTP", direction: "OUT" },
          ],
          releaseNotes: "First",
        },
      }),
      "publishing an Atom",
    );
    check(location === "1.0.0", "the new version's Location");
    const version = expect(
      await user.atoms.GET("/api/atoms/{name}/versions/{version}", { params: { path: { name, version: "1.0.0" } } }),
      200,
      "the version published",
    );
    check(version.state === "PUBLISHED" && (version.artifacts ?? []).length === 1, "the version is PUBLISHED with its artifact");
  }
  step("two Atoms published");

  // 4. search with paging: one per page, following nextOffset to the end
  const search = async (offset: number) =>
    expect(await reader.atoms.GET("/api/atoms", { params: { query: { q: word, limit: 1, offset } } }), 200, "search");
  const found: string[] = [];
  let offset: number | null = 0;
  let pages = 0;
  // written to the types: nextOffset is `number | null`, null on the last page
  while (offset !== null && pages < 10) {
    const page = await search(offset);
    pages += 1;
    for (const item of page.items) {
      found.push(item.name);
    }
    offset = page.nextOffset;
  }
  check(pages === 2 && found.length === 2, `two pages of one Atom each (got ${pages} pages, ${found.length} Atoms)`);
  check(names.every((name) => found.includes(name)), "the search finds both Atoms");
  step("search with paging: two pages, both Atoms");

  // 5. an Atom's detail: its versions and its owner's names (no email)
  const [first, second] = names;
  check(first !== undefined && second !== undefined, "two names");
  const detail = expect(await reader.atoms.GET("/api/atoms/{name}", { params: { path: { name: first } } }), 200, "Atom detail");
  check(detail.owner?.accountName === username, "the owner's account name");
  check(detail.owner?.firstName === firstName && detail.owner?.lastName === lastName, "the owner's names");
  check((detail.versions ?? []).some((version) => version.version === "1.0.0"), "version 1.0.0 listed");
  const versions = expect(
    await reader.atoms.GET("/api/atoms/{name}/versions", { params: { path: { name: first } } }),
    200,
    "versions",
  );
  check(versions.total === 1, "one version");
  step("Atom detail with its versions and owner's names");

  // 6. rating and comment by another user
  expect(
    await reader.atoms.PUT("/api/atoms/{name}/ratings/mine", { params: { path: { name: first } }, body: { stars: 4 } }),
    201,
    "rating",
  );
  const rating = expect(
    await reader.atoms.GET("/api/atoms/{name}/ratings/mine", { params: { path: { name: first } } }),
    200,
    "own rating",
  );
  check(rating.stars === 4, "the rating is kept");
  const commentId = created(
    await reader.atoms.POST("/api/atoms/{name}/comments", {
      params: { path: { name: first } },
      body: { body: env("JOURNEY_COMMENT") },
    }),
    "comment",
  );
  const readerComments = expect(
    await reader.atoms.GET("/api/atoms/{name}/comments", { params: { path: { name: first } } }),
    200,
    "comments (reader)",
  );
  check((readerComments.items ?? []).some((c) => c.id === commentId && c.mine === true), "the comment is the reader's");
  const comments = expect(
    await user.atoms.GET("/api/atoms/{name}/comments", { params: { path: { name: first } } }),
    200,
    "comments",
  );
  check((comments.items ?? []).some((c) => c.id === commentId && c.mine === false && c.body === env("JOURNEY_COMMENT")),
    "the owner sees the comment");
  step("rated 4 stars and commented");

  // 7. a chain of the two Atoms
  const chainName = `ts-chain-${suffix}`;
  const chainLocation = created(
    await user.atoms.POST("/api/chains", {
      body: {
        name: chainName,
        description: "typed client",
        nodes: [
          { key: "first", atom: first, version: "1.0.0" },
          { key: "second", atom: second, version: "1.0.0" },
        ],
        links: [{ from: { node: "first", point: "out" }, to: { node: "second", point: "in" } }],
      },
    }),
    "chain",
  );
  check(chainLocation === chainName, "the chain's Location");
  const chain = expect(await reader.atoms.GET("/api/chains/{name}", { params: { path: { name: chainName } } }), 200, "chain read");
  check(chain.intact === true && chain.owner?.accountName === username, "the chain is intact and the user's");
  check((chain.nodes ?? []).length === 2, "two nodes");
  step("chained the two Atoms");

  // 8. an ACCESS request, polled until its export is ready, then downloaded
  const requestId = created(await user.privacy.POST("/api/privacy/requests", { body: { type: "ACCESS" } }), "ACCESS request");
  let status: string | undefined = "RECEIVED";
  for (let attempt = 0; attempt < 60 && status !== "COMPLETED"; attempt += 1) {
    await sleep(1000);
    const polled = expect(
      await user.privacy.GET("/api/privacy/requests/{id}", { params: { path: { id: requestId } } }),
      200,
      "polling the request",
    );
    status = polled.status;
  }
  check(status === "COMPLETED", `the ACCESS request completes (last status ${String(status)})`);
  // the document's schema is `{}` today: read as text, it must hold the user's own data
  const exported = expect(
    await user.privacy.GET("/api/privacy/requests/{id}/export", { params: { path: { id: requestId } }, parseAs: "text" }),
    200,
    "the export",
  );
  check(exported.includes(username) && exported.includes(email) && exported.includes(first), "the export holds the account, email and Atoms");
  const mine = expect(await user.privacy.GET("/api/privacy/requests/mine"), 200, "own requests");
  check((mine.items ?? []).some((r) => r.id === requestId), "the request is listed as the user's");
  step("ACCESS request completed and its export downloaded");

  // 9. the notice and the cookie register, without a token
  const anonymous = pluginApi(gateway);
  const notice = expect(await anonymous.privacy.GET("/api/privacy/notice"), 200, "notice");
  check((notice.current?.version ?? "") !== "", "the notice in force has a version");
  const cookies = expect(await anonymous.privacy.GET("/api/privacy/cookies"), 200, "cookies");
  check((cookies.cookies ?? []).some((cookie) => cookie.name === "_ga"), "the cookie register lists _ga");
  step("notice and cookies read without a token");

  // 10. the admin's lists
  const contributors = expect(
    await admin.contributors.GET("/api/contributors", { params: { query: { limit: 5, offset: 0 } } }),
    200,
    "contributors (admin)",
  );
  check(contributors.total !== undefined && contributors.total >= 1, "contributors are listed");
  const requests = expect(await admin.privacy.GET("/api/privacy/requests", { params: { query: { type: "ACCESS" } } }), 200, "requests (admin)");
  check((requests.items ?? []).some((r) => r.id === requestId), "the admin sees the ACCESS request");
  expect(await admin.privacy.GET("/api/privacy/erasure-jobs"), 200, "erasure jobs (admin)");
  expect(await admin.privacy.GET("/api/privacy/disclosures"), 200, "disclosures (admin)");
  expect(await admin.privacy.GET("/api/privacy/contact-requests"), 200, "contact requests (admin)");
  const ledger = expect(await admin.atoms.GET("/api/atoms/ledger"), 200, "ledger (admin)");
  check((ledger.items ?? []).length > 0, "the ledger has entries");
  // and a user is refused the admin's list, with a problem
  const refused = await user.privacy.GET("/api/privacy/requests");
  check(refused.response.status === 403 && refused.data === undefined, "a user gets 403 on the admin's list");
  step("admin lists: contributors, requests, erasure jobs, disclosures, contact requests, ledger");

  console.log(`journey completed: ${steps} steps`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
