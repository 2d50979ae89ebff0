// The API Entreprise sandbox from JavaScript tests, with Node's standard library only: start a sandbox
// (or attach to a running one), reset it, mint tokens, force the scenarios of the matrix, pin the
// world's clock, and verify the journal against the real API's rules, throwing with the sandbox's report.
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createServer } from "node:net";

// The sandbox's public signing secret: tokens minted with it are worthless anywhere else.
export const PUBLIC_SECRET = "api-entreprise-sandbox-public-secret";
export const CLOCK_HEADER = "X-Mock-Clock";
// A minted token lives as long as a real one (18 months); an expired one ended on 2024-01-01.
const VALID_FOR = 18 * 30 * 86400;
const EXPIRED_AT = 1704067200;
// A started sandbox answers within this many milliseconds.
const START_MS = 20000;

/** The requests broke rules of the real API; the message is the sandbox's report. */
export class ContractViolation extends Error {
  constructor(report, rules) {
    super(report);
    this.name = "ContractViolation";
    this.rules = rules;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const base64url = (data) => Buffer.from(data).toString("base64url");

/** A sandbox the tests talk to: its base URL and its admin API. */
export class Sandbox {
  constructor(baseUrl, { child = null, adminToken = process.env.MOCKSERVER_ADMIN_TOKEN } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.child = child;
    this.adminToken = adminToken;
  }

  /** Attach to API_ENTREPRISE_SANDBOX_URL when set, else start `api-entreprise-mock serve`. */
  static async fromEnv() {
    const url = process.env.API_ENTREPRISE_SANDBOX_URL;
    return url ? new Sandbox(url) : Sandbox.start();
  }

  /** Start `api-entreprise-mock serve` (API_ENTREPRISE_MOCK names another command) on a free port. */
  static async start({ command = process.env.API_ENTREPRISE_MOCK || "api-entreprise-mock", args = [] } = {}) {
    const port = await freePort();
    const child = spawn(command, ["serve", "--port", String(port), ...args], { stdio: "ignore" });
    const sandbox = new Sandbox(`http://127.0.0.1:${port}`, { child });
    const deadline = Date.now() + START_MS;
    for (;;) {
      try {
        await sandbox.admin("GET", "/__admin/health");
        return sandbox;
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill();
          throw new Error(`the sandbox at ${sandbox.baseUrl} did not answer: ${error.message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Stop the sandbox this helper started (an attached one is left running). */
  async stop() {
    if (!this.child) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
    this.child = null;
  }

  async admin(method, path, body) {
    const headers = {};
    if (this.adminToken) headers.Authorization = `Bearer ${this.adminToken}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const answer = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return text && answer.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text;
  }

  /** Empty the journal, the marks, the rate-limit counters and the forced scenario. */
  reset() {
    return this.admin("POST", "/__admin/reset");
  }

  /** A token: the preset's (`default`: every scope) without `scopes`, else one minted for them. */
  async token(scopes = null, { preset = "default", expired = false, secret = PUBLIC_SECRET } = {}) {
    if (scopes === null) {
      return (await this.admin("GET", "/__admin/tokens")).tokens[expired ? "expired" : preset].token;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = { uid: randomUUID(), jti: randomUUID(), scopes, sub: "sandbox", iat: now, version: "1.0",
      exp: expired ? EXPIRED_AT : now + VALID_FOR };
    const signed = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${createHmac("sha256", secret).update(signed).digest("base64url")}`;
  }

  /** The columns of the scenario matrix of `routes`: each answer a client must survive. */
  async matrix(routes, { timeout } = {}) {
    const query = new URLSearchParams([].concat(routes).map((route) => ["route", route]));
    if (timeout !== undefined) query.append("timeout", String(timeout));
    return (await this.admin("GET", `/__admin/matrix?${query}`)).matrix;
  }

  /** Set the sandbox up for one column of the matrix (nominal and invalid_identifier force nothing). */
  async play(column) {
    if (["nominal", "invalid_identifier"].includes(column.scenario)) return;
    const { scenario, routes, times, delay_seconds: delaySeconds } = column;
    await this.force(scenario, { routes, times, delaySeconds });
  }

  /** Play `scenario` on the next calls to `routes` (every route that can when empty). */
  async force(scenario, { routes = [], times = null, delaySeconds = null } = {}) {
    const body = { scenario, routes, times, delay_seconds: delaySeconds };
    return (await this.admin("POST", "/__admin/scenario", body)).forced;
  }

  clearForced() {
    return this.admin("DELETE", "/__admin/scenario");
  }

  /** Read the world at `instant` ("2024-01-15", or an ISO 8601 instant) until reset; null: today again. */
  async pinClock(instant) {
    return (await this.admin("POST", "/__admin/clock", { clock: instant })).clock;
  }

  /** The header that sets the world's clock for one request ("HH:MM" in Paris, or ISO 8601). */
  clock(moment) {
    return { [CLOCK_HEADER]: moment };
  }

  /** Set a mark that `verify({ since })` starts from. */
  mark(label) {
    return this.admin("POST", "/__admin/marks", { label });
  }

  /** The journal since the last reset. */
  async requests() {
    return (await this.admin("GET", "/__admin/requests")).requests;
  }

  /** The journal as a VCR cassette (YAML) that VCR and vcrpy replay, tokens masked. */
  cassette() {
    return this.admin("GET", "/__admin/requests?format=vcr");
  }

  /** The journal as a HAR 1.2 log. */
  har() {
    return this.admin("GET", "/__admin/requests?format=har");
  }

  /** Throw ContractViolation with the report when a request since the reset (or the mark) broke a rule. */
  async verify({ since } = {}) {
    const query = since === undefined ? {} : { since };
    const result = await this.admin("GET", `/__admin/verify?${new URLSearchParams({ ...query, format: "json" })}`);
    if (result.verdict === "passed") return result;
    const report = await this.admin("GET", `/__admin/verify?${new URLSearchParams({ ...query, format: "text" })}`);
    throw new ContractViolation(report, result.rules);
  }
}
