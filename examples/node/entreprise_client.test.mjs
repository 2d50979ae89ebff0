// The client's tests against a sandbox (`node --test`): the data, every answer of the scenario
// matrix, and a deliberate violation that the sandbox's verification must catch.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";

import { ContractViolation, Sandbox } from "../../helpers/node/api_entreprise_sandbox.mjs";
import { EntrepriseClient, EntrepriseError } from "./entreprise_client.mjs";

const RECIPIENT = "13002526500013"; // the SIRET of the public body the data is for
const SIREN = "418166096";
const ROUTE = "api_entreprise_v3_insee_unites_legales";
const sandbox = await Sandbox.fromEnv();
const token = await sandbox.token();
const columns = await sandbox.matrix(ROUTE, { timeout: 2 });

describe("EntrepriseClient", () => {
  const client = new EntrepriseClient(sandbox.baseUrl, { token, recipient: RECIPIENT, timeoutMs: 2000 });
  // Every test starts from an empty journal; its requests are verified after it.
  beforeEach(() => sandbox.reset());
  after(() => sandbox.stop());

  it("reads the company's name", async () => {
    assert.equal(await client.companyName(SIREN), "OCTO-TECHNOLOGY");
    await sandbox.verify();
  });

  it("reads the URL of the URSSAF certificate", async () => {
    assert.match(await client.certificateUrl(SIREN), /\/siade\/.+attestation_vigilance.+\.pdf$/);
    await sandbox.verify();
  });

  it("reads the company at a pinned instant of the world", async () => {
    assert.match(await sandbox.pinClock("2024-01-15"), /^2024-01-15/);
    assert.equal(await client.companyName(SIREN), "OCTO-TECHNOLOGY");
    await sandbox.verify();
  });

  // Tokens minted by the helper: the route's scope gives the data; without it 403, expired 401.
  const minted = [
    ["with the route's scope", ["unites_legales_etablissements_insee"], false, null],
    ["without the route's scope", [], false, 403],
    ["expired", ["unites_legales_etablissements_insee"], true, 401],
  ];
  for (const [name, scopes, expired, status] of minted) {
    it(`is answered ${status ?? 200} with a minted token ${name}`, async () => {
      const token = await sandbox.token(scopes, { expired });
      const mintedClient = new EntrepriseClient(sandbox.baseUrl, { token, recipient: RECIPIENT });
      if (status === null) {
        assert.equal(await mintedClient.companyName(SIREN), "OCTO-TECHNOLOGY");
      } else {
        await assert.rejects(mintedClient.companyName(SIREN), (error) => error.status === status);
      }
      await sandbox.verify();
    });
  }

  for (const column of columns) {
    it(`survives ${column.scenario} (${column.status})`, async () => {
      await sandbox.play(column);
      const siren = column.scenario === "invalid_identifier" ? "418166097" : SIREN;
      try {
        await client.companyName(siren);
      } catch (error) {
        if (!(error instanceof EntrepriseError)) throw error;
        assert.ok(!["nominal", "redirected", "non_diffusible"].includes(column.scenario), error.message);
      }
      // The mistyped identifier is what that column plays: the rule it breaks is expected there.
      await sandbox.verify().catch((violation) => {
        if (!(violation instanceof ContractViolation)) throw violation;
        if (violation.rules.some((rule) => !column.expected_violations.includes(rule))) throw violation;
      });
    });
  }

  it("is caught when it forgets the recipient (deliberate violation)", async () => {
    const forgetful = new EntrepriseClient(sandbox.baseUrl, { token, recipient: null });
    await assert.rejects(forgetful.companyName(SIREN), EntrepriseError);
    await assert.rejects(sandbox.verify(), (violation) => {
      assert.ok(violation instanceof ContractViolation);
      assert.deepEqual(violation.rules, ["missing_traceability"]);
      assert.match(violation.message, /fix: Send all three/);
      return true;
    });
  });
});
