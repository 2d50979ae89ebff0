"""The MCP endpoint: the official SDK's client, production's 401s, tools answered by their routes, JSON-RPC errors."""

import asyncio
import json
import random
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from mockserver.catalogue import sample_ids
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http import mcp, responses
from mockserver.http.app import create_app
from mockserver.rules.auth import mint, preset_token

ROOT = Path(__file__).resolve().parent.parent
# The instant the tool calls and the REST calls they are compared with are made at (document URLs carry it).
NOW = 1751284800.0
TRACEABILITY = {"context": "test", "recipient": "13002526500013", "object": "essai"}
# The tools production gives each scope (commons/data/authorizations.yml, mcp/<tool>), for the listing tests.
TOOLS_OF_SCOPES = [
    (["unites_legales_etablissements_insee"], ["insee.etablissement", "insee.unite_legale"]),
    (
        ["open_data"],
        ["infogreffe.extraits_rcs", "insee.unite_legale_diffusable", "qualibat.certifications_batiment"],
    ),
    (["liens_capitalistiques_dgfip"], ["dgfip.liens_capitalistiques"]),
    (["liasses_fiscales_dgfip"], ["dgfip.liasses_fiscales", "dgfip.liens_capitalistiques"]),
    (["attestation_sociale_urssaf", "entreprises"], ["urssaf.attestations_sociales"]),
    (["entreprises", "etablissements", "extraits_rcs"], []),
]


def mcp_token(scopes: list[str], mcp_claim: bool = True) -> str:
    """Mint a valid token with ``scopes``, and the mcp claim unless told otherwise."""
    return mint(DEFAULT_SECRET, scopes, issued_at=1735689600, expires_at=4102444800, mcp=mcp_claim)


@pytest.fixture
def app():
    """The application with its rate limits on and its clock stopped at ``NOW``."""
    app = create_app(Settings())
    app.extensions["state"].clock = lambda: NOW
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def rpc(client, method: str, params=None, token: str | None = None, request_id=1, headers=None):
    """POST one JSON-RPC message; return the response."""
    message = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        message["params"] = params
    auth = {"Authorization": f"Bearer {token or preset_token('mcp', DEFAULT_SECRET)}"}
    return client.post("/mcp", json=message, headers={**auth, **(headers or {})})


def tool_text(response) -> str:
    """Return the text content of a tools/call answer."""
    result = response.get_json()["result"]
    assert result["isError"] is False and [content["type"] for content in result["content"]] == ["text"]
    return result["content"][0]["text"]


def example(tool: mcp.Tool) -> dict[str, str]:
    """Return identifiers the tool's route answers 200 for."""
    found = sample_ids.search(tool.endpoint, random.Random(tool.name))
    assert found, tool.name
    return found


# -- the official SDK's client -------------------------------------------------------------------


@pytest.fixture
def served(app):
    """Serve the application on a loopback port, in a thread, for the SDK's HTTP client."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


async def sdk_session(url: str, token: str, calls: list[tuple[str, dict]]):
    """Connect with the SDK's streamable-HTTP client; return the server's info, the tools listed, the calls' results."""
    # Imported here, for the system tests that use it: the SDK's import is most of a second of every worker's start.
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30)
    async with http, Client(streamable_http_client(f"{url}/mcp", http_client=http)) as client:
        tools = await client.list_tools()
        results = [await client.call_tool(name, arguments) for name, arguments in calls]
        return client.server_info, [tool.name for tool in tools.tools], results


@pytest.mark.system
def test_the_sdk_client_lists_the_tools_of_the_tokens_scopes_and_calls_two(served, client):
    unit, establishment = mcp.TOOLS["insee.unite_legale"], mcp.TOOLS["insee.etablissement"]
    siren, siret = example(unit)["siren"], example(establishment)["siret"]
    token = mcp_token(["unites_legales_etablissements_insee", "open_data"])
    calls = [("insee.unite_legale", {"siren": siren}), ("insee.etablissement", {"siret": siret})]
    info, listed, results = asyncio.run(asyncio.wait_for(sdk_session(served, token, calls), 60))
    assert (info.name, info.version) == ("siade", "1.0.0")
    assert listed == [
        "infogreffe.extraits_rcs",
        "insee.etablissement",
        "insee.unite_legale_diffusable",
        "insee.unite_legale",
        "qualibat.certifications_batiment",
    ]
    headers = {"Authorization": f"Bearer {preset_token('default', DEFAULT_SECRET)}"}
    for result, path in zip(results, (f"{unit.endpoint.path}", f"{establishment.endpoint.path}"), strict=True):
        rest = client.get(path.format(siren=siren, siret=siret), query_string=TRACEABILITY, headers=headers)
        assert not result.is_error and json.loads(result.content[0].text) == {"data": rest.get_json()["data"]}


# -- tools/list, tools/call ----------------------------------------------------------------------


@pytest.mark.parametrize(("scopes", "tools"), TOOLS_OF_SCOPES)
def test_tools_list_shows_the_tools_any_of_whose_scopes_the_token_carries(client, scopes, tools):
    listed = rpc(client, "tools/list", token=mcp_token(scopes)).get_json()["result"]["tools"]
    assert [tool["name"] for tool in listed] == tools


def test_a_listed_tool_has_production_s_shape():
    listed = mcp.TOOLS["dgfip.liasses_fiscales"].listed()
    assert list(listed) == ["name", "title", "description", "inputSchema"]
    assert listed["inputSchema"] == {
        "properties": {
            "siren": {"type": "string", "pattern": r"^\d{9}$"},
            "year": {"type": "string", "pattern": r"^\d{4}$"},
        },
        "required": ["siren"],
        "type": "object",
    }


@pytest.mark.parametrize("name", list(mcp.TOOLS))
def test_a_tool_s_scopes_are_scopes_of_its_route(name):
    # So the route's own scope check never refuses a call the tool's scopes allowed.
    tool = mcp.TOOLS[name]
    assert set(tool.scopes) <= set(tool.endpoint.scopes)


@pytest.mark.parametrize("name", list(mcp.TOOLS))
def test_a_tool_gives_the_data_of_its_route_for_the_same_identifier(client, name):
    tool = mcp.TOOLS[name]
    path_params = example(tool)
    response = rpc(client, "tools/call", {"name": name, "arguments": path_params})
    headers = {"Authorization": f"Bearer {preset_token('default', DEFAULT_SECRET)}"}
    rest = client.get(tool.endpoint.path.format(**path_params), query_string=TRACEABILITY, headers=headers)
    assert rest.status_code == 200
    assert json.loads(tool_text(response)) == {"data": rest.get_json()["data"]}


def test_a_tool_call_is_journalled_as_its_route_s_request_with_the_mcp_request(app, client):
    tool = mcp.TOOLS["insee.unite_legale"]
    siren = example(tool)["siren"]
    rpc(client, "tools/call", {"name": tool.name, "arguments": {"siren": siren}})
    route_entry, mcp_entry = (entry.to_json() for entry in app.extensions["state"].journal.entries()[-2:])
    assert route_entry["path"] == f"/v3/insee/sirene/unites_legales/{siren}"
    assert route_entry["endpoint"] == tool.endpoint.name and route_entry["status"] == 200
    assert route_entry["params"] == {
        "context": ["MCP"],
        "recipient": ["13002526500013"],
        "object": ["tools/call insee.unite_legale"],
    }
    assert (mcp_entry["path"], mcp_entry["endpoint"], mcp_entry["status"]) == ("/mcp", "mcp", 200)


def test_a_tool_call_spends_its_route_s_rate_limit(client):
    tool = mcp.TOOLS["insee.unite_legale"]
    siren = example(tool)["siren"]
    headers = {"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}"}

    def remaining() -> int:
        rest = client.get(tool.endpoint.path.format(siren=siren), query_string=TRACEABILITY, headers=headers)
        return int(rest.headers["RateLimit-Remaining"])

    before = remaining()
    rpc(client, "tools/call", {"name": tool.name, "arguments": {"siren": siren}})
    assert remaining() == before - 2


def test_a_route_s_error_is_the_tool_s_text_as_production_writes_it(client):
    answer = tool_text(rpc(client, "tools/call", {"name": "insee.unite_legale", "arguments": {"siren": "418166097"}}))
    assert answer == (
        '{errors: [{code: "00301", title: "Entité non traitable", detail: "Le numéro de siren '
        'n\'est pas correctement formatté", source: {parameter: "siren"}, meta: {}}]}'
    )


@pytest.mark.parametrize("scenario", ["not_found", "provider_unavailable", "rate_limited"])
def test_the_mcp_request_s_scenario_plays_on_the_tool_s_route(client, scenario):
    tool = mcp.TOOLS["insee.unite_legale"]
    siren = example(tool)["siren"]
    headers = {"X-Mock-Scenario": scenario}
    answer = tool_text(rpc(client, "tools/call", {"name": tool.name, "arguments": {"siren": siren}}, headers=headers))
    auth = {"Authorization": f"Bearer {preset_token('default', DEFAULT_SECRET)}", **headers}
    rest = client.get(tool.endpoint.path.format(siren=siren), query_string=TRACEABILITY, headers=auth)
    assert rest.status_code >= 400
    assert answer == mcp.ruby_inspect({"errors": rest.get_json()["errors"]})


@pytest.mark.parametrize("name", list(mcp.TOOLS))
def test_every_scenario_of_a_tool_s_route_is_a_tool_result(name):
    client = create_app(Settings(rate_limit_factor=0, slow_provider_seconds=0.01)).test_client()
    tool = mcp.TOOLS[name]
    arguments = example(tool)
    for scenario in tool.endpoint.all_scenarios:
        answer = rpc(
            client, "tools/call", {"name": name, "arguments": arguments}, headers={"X-Mock-Scenario": scenario}
        )
        text = tool_text(answer)
        assert text.startswith('{"data":' if scenario == "nominal" else ("{errors: [", '{"data":')), scenario


def test_an_absent_dgfip_year_is_the_route_s_year_error(client):
    answer = tool_text(
        rpc(client, "tools/call", {"name": "dgfip.liasses_fiscales", "arguments": {"siren": "418166096"}})
    )
    assert answer.startswith('{errors: [{code: "00307"')


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ({"a": None, "b": True, "c": 3}, "{a: nil, b: true, c: 3}"),
        ({"list": ["x", {}]}, '{list: ["x", {}]}'),
        ('say "hi"\\ \n#{x} #$y #z', r'"say \"hi\"\\ \n\#{x} \#$y #z"'),
        ("\x01\x1b\x00\x7f", r'"\u0001\e\u0000\x7F"'),
        ("année", '"année"'),
    ],
)
def test_ruby_inspect_writes_values_as_ruby_does(value, written):
    assert mcp.ruby_inspect(value) == written


def test_html_characters_are_escaped_as_activesupport_does():
    assert responses.rails_json({"a": "<b>&\u2028"}) == b'{"a":"\\u003cb\\u003e\\u0026\\u2028"}'


# -- production's 401s and the HTTP answers --------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status", "body"),
    [
        ({}, 401, {"error": "not_authorized"}),
        ({"Authorization": "Bearer not.a.token"}, 401, {"error": "not_authorized"}),
        ({"Authorization": f"Bearer {preset_token('default', DEFAULT_SECRET)}"}, 401, {"error": "not_authorized"}),
        ({"Authorization": f"Bearer {preset_token('expired', DEFAULT_SECRET)}"}, 401, {"error": "token_expired"}),
        ({"Authorization": f"Bearer {mcp_token(['open_data'], mcp_claim=False)}"}, 401, {"error": "not_authorized"}),
    ],
)
def test_a_token_without_the_mcp_claim_gets_production_s_401(client, headers, status, body):
    response = client.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, headers=headers)
    assert (response.status_code, response.get_json()) == (status, body)
    assert response.content_type == "application/json; charset=utf-8"


def test_a_revoked_token_gets_the_blocklist_s_answer(client):
    headers = {"Authorization": f"Bearer {preset_token('revoked', DEFAULT_SECRET)}"}
    response = client.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, headers=headers)
    assert response.status_code == 401 and response.get_json()["errors"][0]["code"] == "00105"


def test_calling_a_tool_outside_the_token_s_scopes_is_401(client):
    response = rpc(
        client, "tools/call", {"name": "insee.unite_legale", "arguments": {}}, token=mcp_token(["open_data"])
    )
    assert (response.status_code, response.get_json()) == (401, {"error": "not_authorized"})


def test_the_endpoint_has_production_s_rate_limit_of_its_own():
    app = create_app(Settings(rate_limit_factor=0.05))
    app.extensions["state"].clock = lambda: NOW
    client = app.test_client()
    limit = round(100 * 0.05)
    answers = [rpc(client, "ping") for _ in range(limit + 1)]
    assert [answer.status_code for answer in answers] == [200] * limit + [429]
    assert [answer.headers["RateLimit-Remaining"] for answer in answers] == [
        str(n) for n in range(limit - 1, -1, -1)
    ] + ["0"]
    throttled = answers[-1]
    assert throttled.content_type == "application/json" and throttled.headers["Retry-After"] == str(60 - int(NOW) % 60)
    assert throttled.get_json()["errors"][0]["code"] == "00429"


def test_notifications_initialized_is_202_without_a_body(client):
    response = rpc(client, "notifications/initialized", request_id=None)
    assert (response.status_code, response.get_data()) == (202, b"")


def test_initialize_answers_production_s_server_and_protocol(client):
    params = {"protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}
    result = rpc(client, "initialize", params).get_json()["result"]
    assert result["protocolVersion"] == "2025-03-26" and result["serverInfo"] == {"name": "siade", "version": "1.0.0"}
    assert set(result["capabilities"]) == {"tools", "prompts", "resources", "logging"}
    newer = rpc(client, "initialize", {**params, "protocolVersion": "2099-01-01"}).get_json()["result"]
    assert newer["protocolVersion"] == "2025-11-25"


def test_resources_list_documents_production_s_five_tools_and_read_gives_no_content(client):
    resources = rpc(client, "resources/list", token=mcp_token(["entreprises"])).get_json()["result"]["resources"]
    assert [resource["uri"] for resource in resources] == [
        f"tool://api-entreprise/{name}/documentation"
        for name in (
            "insee_unite_legale",
            "urssaf_attestations_sociales",
            "insee_unite_legale_diffusable",
            "infogreffe_extraits_rcs",
            "qualibat_certifications_batiment",
        )
    ]
    first = resources[0]
    assert (first["name"], first["mimeType"]) == ("INSEE - Unités légales", "text/markdown")
    assert "INSEE - Unités légales (nom technique : `insee.unite_legale`)" in first["description"]
    assert "catalogue/insee/unites_legales" in first["description"]
    read = rpc(client, "resources/read", {"uri": first["uri"]}).get_json()["result"]
    assert read == {"contents": []}


# -- JSON-RPC errors, never a 500 ------------------------------------------------------------------

TOOL = "insee.unite_legale"
MALFORMED = [
    # (body, content type, status, JSON-RPC error code or None for a non-JSON-RPC body)
    ("{bad", "application/json", 400, None),
    ("{bad", "text/plain", 200, -32700),
    ("[" * 101 + "]" * 101, "text/plain", 200, -32700),
    ("[" * 5000 + "]" * 5000, "text/plain", 200, -32700),
    ("NaN", "text/plain", 200, -32700),
    ("[]", "application/json", 200, -32600),
    ("3", "application/json", 200, -32600),
    ('{"jsonrpc": "1.0", "id": 1, "method": "ping"}', "application/json", 200, -32600),
    ('{"jsonrpc": "2.0", "id": 1.5, "method": "ping"}', "application/json", 200, -32600),
    ('{"jsonrpc": "2.0", "id": "a b", "method": "ping"}', "application/json", 200, -32600),
    ('{"jsonrpc": "2.0", "id": true, "method": "ping"}', "application/json", 200, -32600),
    ('{"jsonrpc": "2.0", "id": 1, "method": "rpc.x"}', "application/json", 200, -32600),
    ('{"jsonrpc": "2.0", "id": 1, "method": 7}', "application/json", 200, -32600),
    ('{"jsonrpc": "2.0", "id": 1, "method": "ping", "params": 3}', "application/json", 200, -32602),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/destroy"}', "application/json", 200, -32601),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "x"}}', "application/json", 200, -32602),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": []}', "application/json", 200, -32602),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/call"}', "application/json", 200, -32602),
    (
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": TOOL}}),
        "application/json",
        200,
        -32602,
    ),
    (
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": TOOL, "arguments": [1]}}),
        "application/json",
        200,
        -32602,
    ),
    (
        json.dumps(
            {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": TOOL, "arguments": {"siren": "12"}}}
        ),
        "application/json",
        200,
        -32602,
    ),
    (
        '{"jsonrpc": "2.0", "id": 1, "method": "logging/setLevel", "params": {"level": "loud"}}',
        "application/json",
        200,
        -32602,
    ),
    (
        '{"jsonrpc": "2.0", "id": 1, "method": "logging/setLevel", "params": {"level": ["info"]}}',
        "application/json",
        200,
        -32602,
    ),
    (
        '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": {"a": 1}}}',
        "application/json",
        200,
        -32602,
    ),
    (
        '{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": []}}',
        "application/json",
        200,
        None,
    ),
    ('{"jsonrpc": "2.0", "id": 1, "method": "prompts/get", "params": {"name": "p"}}', "application/json", 200, -32603),
    ("x" * 70000, "application/json", 413, None),
]


@pytest.mark.parametrize(("body", "content_type", "status", "code"), MALFORMED, ids=lambda v: str(v)[:40])
def test_a_malformed_message_is_a_json_rpc_error_or_a_clear_4xx(client, body, content_type, status, code):
    headers = {"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}", "Content-Type": content_type}
    response = client.post("/mcp", data=body, headers=headers)
    assert response.status_code == status
    answer = response.get_json()
    if code is None:
        assert not isinstance(answer.get("error"), dict)
    else:
        assert answer["jsonrpc"] == "2.0" and answer["error"]["code"] == code


@pytest.mark.parametrize(
    ("method", "query", "body", "status", "answer"),
    [
        # Production reads the body as the JSON-RPC message, and the method also from the query string.
        (
            "GET",
            "",
            None,
            200,
            {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "Parse error", "data": "Invalid JSON"}},
        ),
        ("GET", "method=notifications/initialized", None, 202, None),
        # A notification of an unknown method gets no answer: Rails renders nil.
        ("POST", "", '{"jsonrpc": "2.0", "method": "nope"}', 200, None),
    ],
)
def test_get_queries_and_notifications_answer_as_production(client, method, query, body, status, answer):
    headers = {"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}", "Content-Type": "application/json"}
    response = client.open(f"/mcp?{query}", method=method, data=body, headers=headers)
    assert response.status_code == status
    assert json.loads(response.get_data() or b"null") == answer


def test_a_tool_outside_the_scopes_in_a_body_rails_does_not_parse_is_not_found(client):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "insee.unite_legale"}})
    headers = {"Authorization": f"Bearer {mcp_token(['open_data'])}", "Content-Type": "text/plain"}
    answer = client.post("/mcp", data=body, headers=headers).get_json()
    assert answer["error"] == {
        "code": -32602,
        "message": "Invalid params",
        "data": "Tool not found: insee.unite_legale",
    }


@pytest.mark.parametrize(
    ("siren", "refused_by"),
    [
        # Ruby's ^ and $ match at line ends: the schema lets this through, the route's identifier check refuses it.
        ("418166096\nx", "route"),
        # Ruby's \d is ASCII: full-width digits break the schema.
        ("４１８１６６０９６", "schema"),
    ],
)
def test_the_schema_s_pattern_reads_as_ruby_reads_it(client, siren, refused_by):
    answer = rpc(client, "tools/call", {"name": "insee.unite_legale", "arguments": {"siren": siren}}).get_json()
    if refused_by == "schema":
        assert answer["error"]["code"] == -32602
    else:
        assert answer["result"]["content"][0]["text"].startswith('{errors: [{code: "00301"')


def test_the_schema_s_messages_name_the_argument_and_its_rule(client):
    arguments = {"siren": "12", "year": 2023}
    answer = rpc(client, "tools/call", {"name": "dgfip.liasses_fiscales", "arguments": arguments}).get_json()
    assert answer["error"] == {
        "code": -32602,
        "message": "Invalid params",
        "data": "Invalid arguments: The property '#/siren' value \"12\" did not match the regex '^\\d{9}$', "
        "The property '#/year' of type integer did not match the following type: string",
    }


def test_a_batch_is_answered_message_by_message_and_notifications_not_at_all(client):
    batch = [
        {"jsonrpc": "2.0", "id": 1, "method": "ping"},
        {"jsonrpc": "2.0", "method": "notifications/progress"},
        {"jsonrpc": "2.0", "id": "b", "method": "nope"},
    ]
    headers = {"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}"}
    answer = client.post("/mcp", json=batch, headers=headers).get_json()
    assert [(item["id"], "result" in item) for item in answer] == [(1, True), ("b", False)]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        key: st.sampled_from(values) | JSON_VALUES
        for key, values in {
            "name": list(mcp.TOOLS),
            "arguments": [{"siren": "418166096"}, {"siret": "41816609600051"}],
            "level": ["info"],
            "protocolVersion": list(mcp.PROTOCOL_VERSIONS),
            "uri": ["tool://api-entreprise/insee_unite_legale/documentation"],
        }.items()
    },
)
MESSAGES = st.fixed_dictionaries(
    {
        "jsonrpc": st.sampled_from(["2.0", "2.0", "2.0", "1.0"]),
        "method": st.sampled_from([*mcp.METHODS, "x/y"]) | st.text(),
    },
    optional={"id": JSON_VALUES, "params": PARAMS | JSON_VALUES},
)


# One application for every example, its rate limits off: the fuzz sends more than a minute's budget.
FUZZED = create_app(Settings(rate_limit_factor=0, slow_provider_seconds=0.01))


@pytest.mark.sweep
@settings(max_examples=300, deadline=None)
@given(
    body=st.one_of(MESSAGES, st.lists(MESSAGES, max_size=3), JSON_VALUES).map(json.dumps)
    | st.binary(max_size=200).map(bytes.hex)
)
def test_no_message_makes_a_500(body):
    client = FUZZED.test_client()
    headers = {"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}", "Content-Type": "application/json"}
    response = client.post("/mcp", data=body, headers=headers)
    assert response.status_code in (200, 202, 400, 401)
    assert response.status_code == 202 or response.get_json() is not None or response.get_data() == b"null"


# -- the preset and the docs ---------------------------------------------------------------------


def test_the_mcp_preset_carries_the_claim_and_the_default_preset_does_not(client):
    for preset, status in (("mcp", 200), ("default", 401)):
        assert rpc(client, "tools/list", token=preset_token(preset, DEFAULT_SECRET)).status_code == status


def test_the_mcp_page_s_table_of_tools_is_the_fixture_s():
    page = (ROOT / "docs" / "mcp.md").read_text(encoding="utf-8")
    section = page.split("## The tools", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| `")]
    documented = [[cell.strip() for cell in row] for row in rows]
    expected = [
        [
            f"`{tool.name}`",
            ", ".join(f"`{name}`" for name in tool.input_schema["properties"]),
            ", ".join(f"`{scope}`" for scope in tool.scopes),
            f"`{tool.endpoint.path}`",
        ]
        for tool in mcp.TOOLS.values()
    ]
    assert documented == expected


def test_an_id_past_64_bits_comes_back_as_sent():
    # Found by the fuzz above: orjson refuses integers past 64 bits, Ruby's JSON writes them.
    client = FUZZED.test_client()
    headers = {"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}", "Content-Type": "application/json"}
    body = '{"jsonrpc": "2.0", "method": "ping", "id": -9223372036854775809}'
    response = client.post("/mcp", data=body, headers=headers)
    assert response.status_code == 200
    assert b'"id":-9223372036854775809' in response.data
