// The console's behaviour: the "try it" form, built from GET /__admin/routes and
// GET /__admin/scenarios, sent through POST /__admin/try; the live journal; copy buttons.
"use strict";

const RATE_LIMIT_HEADERS = ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"];
const KIND_HINTS = {
  siren: "SIREN : 9 chiffres, clé de Luhn",
  siret: "SIRET : 14 chiffres, clé de Luhn",
  siret_or_rna: "SIRET (14 chiffres) ou numéro RNA (W suivi de 9 caractères)",
  rna: "numéro RNA : W suivi de 9 caractères",
  annee: "année sur 4 chiffres",
};
const JOURNAL_ROWS = 50;
const JOURNAL_PERIOD_MS = 2000;
const URL_PATTERN = /https?:\/\/[^\s"'<>\\]+/g;
// The page opens on the current API, which production serves; v2 has answered 410 there since 2023.
const DEFAULT_VERSION = "v3";
// The hour of the day the date field sets the world's clock to (Paris time).
const CLOCK_HOUR = "T12:00:00";

const state = { routes: [], scenarios: {}, values: {}, drawn: {}, journalText: "", ruleTitles: {} };
const $ = (id) => document.getElementById(id);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// The admin token of an instance that protects its admin API: asked once, kept for the tab's life.
let adminToken = sessionStorage.getItem("adminToken");

function withAdminToken(options) {
  if (!adminToken) return options;
  const headers = new Headers((options && options.headers) || {});
  headers.set("Authorization", `Bearer ${adminToken}`);
  return { ...options, headers };
}

// Several calls may meet a 401 at once (the page loads three): the first asks, the others use its answer.
let adminTokenDeclined = false;

async function adminFetch(url, options) {
  const sentWith = adminToken;
  let response = await fetch(url, withAdminToken(options));
  if (response.status === 401 && url.startsWith("/__admin/")) {
    if (adminToken === sentWith && !adminTokenDeclined) {
      const given = window.prompt("Jeton d'administration de cette instance (MOCKSERVER_ADMIN_TOKEN) :");
      if (given) {
        adminToken = given;
        sessionStorage.setItem("adminToken", given);
      } else {
        adminTokenDeclined = true;
      }
    }
    if (adminToken !== sentWith) response = await fetch(url, withAdminToken(options));
  }
  return response;
}

async function getJson(url, options) {
  const response = await adminFetch(url, options);
  if (!response.ok) throw new Error(`${url} : HTTP ${response.status}`);
  return response.json();
}

function statusClass(status) {
  return `status status-${String(status)[0]}xx`;
}

// ---- The form -------------------------------------------------------------------

function currentRoute() {
  return state.routes.find((route) => route.name === $("route").value);
}

function fillVersions() {
  const versions = [...new Set(state.routes.map((route) => route.version))].sort();
  const v2Gone = $("try-form").dataset.v2Gone === "true";
  const label = (version) => (version === "v2" && v2Gone ? "v2 (retirée : 410 Gone, comme en production)" : version);
  $("version").replaceChildren(...versions.map((version) => element("option", { value: version }, label(version))));
  if (versions.includes(DEFAULT_VERSION)) $("version").value = DEFAULT_VERSION;
}

function fillRoutes() {
  const version = $("version").value;
  const groups = new Map();
  for (const route of state.routes.filter((r) => r.version === version)) {
    if (!groups.has(route.family_label)) groups.set(route.family_label, element("optgroup", { label: route.family_label }));
    groups.get(route.family_label).append(element("option", { value: route.name }, `GET ${route.path} — ${route.name}`));
  }
  $("route").replaceChildren(...groups.values());
}

function fillScenarios(route) {
  const options = [
    element("option", { value: "" }, "Automatique — selon l'identifiant"),
    element("option", { value: "nominal" }, "nominal — réponse normale forcée"),
  ];
  for (const name of route.scenarios) {
    const scenario = state.scenarios[name];
    // A scenario's status is its generation's: v3 and v4 answer some anew (504, 200).
    const status = scenario && scenario.statuses[route.version === "v2" ? "v2" : "current"];
    options.push(element("option", { value: name }, scenario ? `${name} — ${status}` : name));
  }
  const previous = $("scenario").value;
  $("scenario").replaceChildren(...options);
  if (["", "nominal", ...route.scenarios].includes(previous)) $("scenario").value = previous;
}

// A value the page put in a field (drawn, or carried from another route) is replaced, not extended,
// by what the user types or pastes into it.
function markDrawn(input, kind, drawn) {
  state.drawn[kind] = drawn;
  if (drawn) input.dataset.drawn = "true";
  else delete input.dataset.drawn;
}

function replaceDrawnValue(event, input, kind) {
  if (input.dataset.drawn !== "true") return;
  markDrawn(input, kind, false);
  const typed = event.data ?? (event.dataTransfer ? event.dataTransfer.getData("text/plain") : null);
  if (!event.inputType.startsWith("insert") || typed === null) return;
  event.preventDefault();
  input.value = typed;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

async function draw(route, parameter, input) {
  const drawn = await getJson(parameter.random);
  input.value = drawn.value;
  state.values[parameter.kind] = drawn.value;
  markDrawn(input, parameter.kind, true);
  // A draw for the route brings the route's other path parameters that go with it (a SIREN's year).
  for (const other of route.path_parameters) {
    const value = (drawn.path_params || {})[other.name];
    const field = document.querySelector(`[data-path-param="${other.name}"]`);
    if (value === undefined || !field) continue;
    field.value = value;
    state.values[other.kind] = value;
    markDrawn(field, other.kind, true);
  }
}

function fillPathParameters(route) {
  const container = $("path-params");
  container.replaceChildren();
  $("path-none").hidden = route.path_parameters.length > 0;
  for (const parameter of route.path_parameters) {
    const id = `path-${parameter.name}`;
    const input = element("input", {
      id, name: parameter.name, autocomplete: "off", spellcheck: "false",
      "aria-describedby": `${id}-hint`, "data-path-param": parameter.name,
    });
    input.value = state.values[parameter.kind] || "";
    if (input.value) markDrawn(input, parameter.kind, state.drawn[parameter.kind]);
    input.addEventListener("beforeinput", (event) => replaceDrawnValue(event, input, parameter.kind));
    input.addEventListener("input", () => { state.values[parameter.kind] = input.value; });
    const row = element("div", { class: "with-button" }, input);
    if (parameter.random) {
      const button = element("button", { type: "button", class: "secondary", id: `${id}-draw` },
        `Tirer un ${parameter.kind} au hasard`);
      button.addEventListener("click", () => draw(route, parameter, input).catch(showFailure));
      row.append(button);
      if (!input.value) draw(route, parameter, input).catch(showFailure);
    }
    container.append(element("div", { class: "field" },
      element("label", { for: id }, `${parameter.name} `, element("span", { class: "muted" }, `(${parameter.kind})`)),
      row,
      element("p", { class: "hint", id: `${id}-hint` }, KIND_HINTS[parameter.kind] || parameter.kind)));
  }
}

function fillQueryOptions(route) {
  const container = $("query-options");
  container.replaceChildren();
  $("options-fieldset").hidden = route.query_options.length === 0;
  for (const option of route.query_options) {
    const id = `option-${option.name}`;
    if (option.values.length === 1) {
      container.append(element("div", { class: "field" }, element("label", { class: "inline", for: id },
        element("input", { type: "checkbox", id, "data-option": option.name, "data-value": option.values[0] }),
        " ", element("code", {}, `${option.name}=${option.values[0]}`))));
    } else if (option.values.length > 1) {
      const select = element("select", { id, "data-option": option.name }, element("option", { value: "" }, "(absent)"),
        ...option.values.map((value) => element("option", { value }, value)));
      container.append(element("div", { class: "field" }, element("label", { for: id }, option.name), select));
    } else {
      container.append(element("div", { class: "field" }, element("label", { for: id }, option.name),
        element("input", { id, "data-option": option.name, autocomplete: "off" })));
    }
  }
}

function selectRoute() {
  const route = currentRoute();
  if (!route) return;
  const scopes = route.scopes.length ? `scope ${route.scopes.join(", ")}` : "sans scope";
  const limit = route.rate_limit_per_minute ? `, ${route.rate_limit_per_minute} requêtes/min par jeton` : "";
  $("route-hint").textContent = `${route.family_label} · ${route.provider} · ${scopes}${limit}`;
  fillPathParameters(route);
  fillScenarios(route);
  fillQueryOptions(route);
  $("mandatory-fieldset").hidden = route.mandatory_parameters.length === 0;
}

function describedRequest() {
  const route = currentRoute();
  let path = route.path;
  for (const input of document.querySelectorAll("[data-path-param]")) {
    path = path.replace(`{${input.dataset.pathParam}}`, encodeURIComponent(input.value.trim()));
  }
  const query = {};
  if (route.mandatory_parameters.length) {
    for (const input of document.querySelectorAll("[data-mandatory]")) query[input.name] = input.value;
  }
  for (const control of document.querySelectorAll("[data-option]")) {
    if (control.type === "checkbox") {
      if (control.checked) query[control.dataset.option] = control.dataset.value;
    } else if (control.value) {
      query[control.dataset.option] = control.value;
    }
  }
  const headers = {};
  if ($("token").value) headers.Authorization = `Bearer ${$("token").value}`;
  if ($("scenario").value) headers["X-Mock-Scenario"] = $("scenario").value;
  // Today is the server's own clock: only another date is sent.
  if ($("clock").value && $("clock").value !== today()) {
    headers[$("try-form").dataset.clockHeader] = `${$("clock").value}${CLOCK_HOUR}`;
  }
  return { path, query, headers };
}

// ---- The result -----------------------------------------------------------------

// Render text with every URL of the sandbox itself as a link (a document opens or downloads).
function linkified(text, documents) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    let sameHost = false;
    try { sameHost = new URL(url).origin === window.location.origin; } catch { sameHost = false; }
    if (!sameHost) continue;
    fragment.append(text.slice(last, match.index), documentLink(url, url));
    documents.add(url);
    last = match.index + url.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function documentLink(url, label) {
  const isZip = new URL(url).pathname.toLowerCase().endsWith(".zip");
  return element("a", { href: url, target: "_blank", rel: "noopener", download: isZip }, label);
}

function documentLabel(url) {
  const name = new URL(url).pathname.split("/").pop();
  if (name.toLowerCase().endsWith(".pdf")) return `Ouvrir le PDF ${name}`;
  if (name.toLowerCase().endsWith(".zip")) return `Télécharger le ZIP ${name}`;
  return `Ouvrir ${name || url}`;
}

function headerRow([name, value]) {
  const isRateLimit = RATE_LIMIT_HEADERS.includes(name.toLowerCase());
  const nameCell = element("th", { scope: "row" }, name);
  if (isRateLimit) nameCell.append(" ", element("strong", { class: "tag" }, "limite de débit"));
  let shown = value;
  if (name.toLowerCase() === "ratelimit-reset" && /^\d+$/.test(value)) {
    shown = `${value} (${new Date(Number(value) * 1000).toLocaleTimeString("fr-FR")})`;
  }
  return element("tr", { class: isRateLimit ? "rate-limit" : null }, nameCell, element("td", {}, element("code", {}, shown)));
}

function prettyBody(reply) {
  if (reply.body === null) return `[${reply.size} octets, ${reply.content_type || "type inconnu"}]`;
  if (/json/.test(reply.content_type)) {
    try { return JSON.stringify(JSON.parse(reply.body), null, 2); } catch { return reply.body; }
  }
  return reply.body;
}

function showReply(reply) {
  const status = element("span", { class: statusClass(reply.status), "data-status": reply.status },
    `${reply.status} ${reply.reason}`);
  $("result-status").replaceChildren("Réponse ", status, ` en ${reply.duration_ms} ms — GET ${reply.url}`);
  $("curl").textContent = reply.curl;
  $("headers").tBodies[0].replaceChildren(...reply.headers.map(headerRow));
  const documents = new Set();
  $("body").replaceChildren(linkified(prettyBody(reply), documents));
  $("documents").replaceChildren(...[...documents].map((url) => element("li", {}, documentLink(url, documentLabel(url)))));
  $("documents-block").hidden = documents.size === 0;
  $("result-details").hidden = false;
}

function showFailure(error) {
  $("result-status").replaceChildren(element("span", { class: "status status-5xx" }, "Échec"), ` ${error.message}`);
}

async function send(event) {
  event.preventDefault();
  if (!currentRoute()) return;
  $("send").disabled = true;
  $("result-status").textContent = "Requête en cours…";
  try {
    const reply = await getJson("/__admin/try", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(describedRequest()),
    });
    showReply(reply);
  } catch (error) {
    showFailure(error);
  } finally {
    $("send").disabled = false;
    refreshJournal();
  }
}

// ---- The journal ----------------------------------------------------------------

function violationText(violation) {
  const title = state.ruleTitles[violation.rule];
  return title ? `${title} (${violation.rule})` : violation.rule;
}

function queryText(params) {
  const pairs = Object.entries(params || {}).flatMap(([key, values]) => values.map((value) => `${key}=${value}`));
  return pairs.length ? `?${pairs.join("&")}` : "";
}

function journalRow(entry) {
  const violations = entry.violations || [];
  const violationCell = violations.length
    ? element("td", {}, element("strong", {}, `⚠ ${violations.length} violation${violations.length > 1 ? "s" : ""}`),
      element("ul", {}, ...violations.map((v) => element("li", {}, violationText(v)))))
    : element("td", { class: "muted" }, "aucune");
  return element("tr", { class: violations.length ? "violation" : null },
    element("td", {}, new Date(entry.time).toLocaleTimeString("fr-FR")),
    element("td", { class: "request" }, element("code", {}, `${entry.method} ${entry.path}${queryText(entry.params)}`)),
    element("td", {}, element("span", { class: statusClass(entry.status) }, String(entry.status))),
    element("td", {}, entry.scenario || "—"),
    element("td", {}, entry.endpoint || "—"),
    violationCell);
}

async function refreshJournal() {
  try {
    const { requests } = await getJson("/__admin/requests");
    const text = JSON.stringify(requests);
    const table = $("journal-table");
    // Counts refreshes, so that a test can wait for the next one.
    table.dataset.refreshed = Number(table.dataset.refreshed || 0) + 1;
    if (text === state.journalText) return;
    state.journalText = text;
    const recent = requests.slice(-JOURNAL_ROWS).reverse();
    $("journal-table").tBodies[0].replaceChildren(...recent.map(journalRow));
    const withViolations = requests.filter((entry) => (entry.violations || []).length).length;
    $("journal-summary").textContent = requests.length
      ? `${requests.length} requête(s) au journal, dont ${withViolations} avec violation ; les ${recent.length} plus récentes ci-dessous.`
      : "Le journal est vide.";
  } catch (error) {
    $("journal-summary").textContent = `Journal indisponible : ${error.message}`;
  }
}

async function emptyJournal(url, method, message) {
  await adminFetch(url, { method });
  state.journalText = "";
  await refreshJournal();
  $("journal-summary").textContent = message;
}

// ---- Copy buttons and catalogue shortcuts ---------------------------------------

async function copy(button) {
  const source = $(button.dataset.copy);
  const text = "value" in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Outside a secure context (another host than localhost over HTTP) there is no clipboard API.
    const range = document.createRange();
    range.selectNodeContents(source);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    if ("select" in source) source.select();
    document.execCommand("copy");
  }
  const original = button.textContent;
  button.textContent = "Copié !";
  setTimeout(() => { button.textContent = original; }, 1500);
}

function tryRoute(name) {
  const route = state.routes.find((r) => r.name === name);
  if (!route) return;
  $("version").value = route.version;
  fillRoutes();
  $("route").value = name;
  selectRoute();
  $("essai").scrollIntoView();
  (document.querySelector("[data-path-param]") || $("route")).focus();
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function start() {
  state.ruleTitles = JSON.parse($("rule-titles").textContent);
  $("clock").value = today();
  for (const button of document.querySelectorAll("[data-copy]")) button.addEventListener("click", () => copy(button));
  for (const button of document.querySelectorAll("[data-try]")) button.addEventListener("click", () => tryRoute(button.dataset.try));
  $("journal-refresh").addEventListener("click", refreshJournal);
  $("journal-clear").addEventListener("click", () => emptyJournal("/__admin/requests", "DELETE", "Journal vidé."));
  $("journal-reset").addEventListener("click",
    () => emptyJournal("/__admin/reset", "POST", "Journal vidé et limites de débit remises à zéro."));
  setInterval(() => { if ($("journal-live").checked) refreshJournal(); }, JOURNAL_PERIOD_MS);
  refreshJournal();

  const [{ routes }, { scenarios }] = await Promise.all([getJson("/__admin/routes"), getJson("/__admin/scenarios")]);
  state.routes = routes;
  state.scenarios = Object.fromEntries(scenarios.map((scenario) => [scenario.name, scenario]));
  fillVersions();
  fillRoutes();
  selectRoute();
  $("version").addEventListener("change", () => { fillRoutes(); selectRoute(); });
  $("route").addEventListener("change", selectRoute);
  $("try-form").addEventListener("submit", send);
  $("send").disabled = false;
  $("try-form").setAttribute("aria-busy", "false");
}

document.addEventListener("DOMContentLoaded", () => start().catch(showFailure));
