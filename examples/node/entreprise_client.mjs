// A small client of API Entreprise's v3 INSEE and URSSAF routes, as an integrator writes one with
// fetch: the company's name, and its URSSAF certificate (attestation de vigilance).

/** Any answer the client cannot turn into data; `status` is the API's, or null when none came. */
export class EntrepriseError extends Error {
  constructor(message, status = null) {
    super(message);
    this.name = "EntrepriseError";
    this.status = status;
  }
}

export class EntrepriseClient {
  /** What every call says: the frame of the call, the public body the data is for, and why. */
  constructor(baseUrl, { token, recipient, context = "aides publiques", object = "dossier 42", timeoutMs = 5000 }) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.traceability = Object.fromEntries(
      Object.entries({ context, recipient, object }).filter(([, value]) => value != null),
    );
    this.timeoutMs = timeoutMs;
  }

  /** The company's name (raison sociale, or the person's name for a sole trader). */
  async companyName(siren) {
    const data = await this.get(`/v3/insee/sirene/unites_legales/${siren}`);
    const person = data.personne_physique_attributs ?? {};
    return data.personne_morale_attributs?.raison_sociale ?? [person.prenom_usuel, person.nom_naissance].join(" ");
  }

  /** The URL of the company's URSSAF certificate. */
  async certificateUrl(siren) {
    return (await this.get(`/v3/urssaf/unites_legales/${siren}/attestation_vigilance`)).document_url;
  }

  async get(path) {
    let answer;
    try {
      answer = await fetch(`${this.baseUrl}${path}?${new URLSearchParams(this.traceability)}`, {
        headers: { Authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new EntrepriseError(`no answer within ${this.timeoutMs} ms (${error.name})`);
    }
    const body = await answer.json().catch(() => ({}));
    if (answer.status !== 200) {
      const details = (body.errors ?? []).map((error) => error.detail).join("; ");
      throw new EntrepriseError(`${answer.status}: ${details}`, answer.status);
    }
    return body.data;
  }
}
