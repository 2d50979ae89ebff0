import pytest

from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import preset_token
from mockserver.state.journal import Journal, JournalEntry

from .helpers import TRACEABILITY


def test_requests_are_recorded_with_the_token_masked(client, token):
    client.delete("/__admin/requests")
    client.get(f"/v2/entreprises/005572466?context=c&recipient=r&object=o&token={token}")
    client.get(
        "/v2/entreprises/418166096",
        headers={"X-Mock-Scenario": "provider_error", "Authorization": f"Bearer {token}"},
        query_string={"context": "c", "recipient": "r", "object": "o"},
    )
    entries = client.get("/__admin/requests").json["requests"]
    assert [(e["path"], e["status"], e["scenario"], e["endpoint"]) for e in entries] == [
        ("/v2/entreprises/005572466", 451, "non_diffusible", "entreprises"),
        ("/v2/entreprises/418166096", 502, "provider_error", "entreprises"),
    ]
    assert entries[0]["params"]["token"] == ["[masqué]"]
    assert token not in str(entries)
    assert entries[0]["method"] == "GET"


def test_rejected_requests_have_no_scenario(client):
    client.get("/v2/entreprises/418166096")
    entry = client.get("/__admin/requests").json["requests"][-1]
    assert (entry["status"], entry["scenario"]) == (401, None)


def test_delete_clears_the_journal(client):
    client.get("/v2/privileges")
    assert client.delete("/__admin/requests").status_code == 204
    assert client.get("/__admin/requests").json == {"requests": []}


def test_journal_is_bounded():
    journal = Journal(3)
    for index in range(5):
        journal.record(method="GET", path=f"/{index}", params={}, status=200, scenario=None, endpoint=None)
    assert [e.path for e in journal.entries()] == ["/2", "/3", "/4"]


def test_reset_clears_journal_and_counters(client):
    client.get("/v2/privileges")
    assert client.post("/__admin/reset").status_code == 204
    assert client.get("/__admin/requests").json == {"requests": []}


def test_a_jwt_is_masked_by_its_shape_whatever_its_name(client, token):
    client.delete("/__admin/requests")
    for name in ("access_token", "api_key", "Token", "token[]", token):
        client.get("/v2/entreprises/418166096", query_string={name: token, "context": "c"})
    client.get(f"/v3/insee/sirene/unites_legales/{token}")
    entries = client.get("/__admin/requests").json["requests"]
    assert len(entries) == 6
    assert token not in str(entries) and token.split(".")[2] not in str(entries)
    assert entries[0]["params"] == {"access_token": ["[masqué]"], "context": ["c"]}
    assert entries[-1]["path"] == "/v3/insee/sirene/unites_legales/[masqué]"


# An entry's JSON form, the admin API's and the kit's, in its order: ``near_miss`` only on a request no route
# answered (null when none was near), ``response`` only when the answer was seen.
JSON_KEYS = ["time", "method", "path", "params", "status", "scenario", "endpoint"]
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"


@pytest.mark.parametrize(
    ("method", "path", "between", "near_miss"),
    [
        ("GET", UNITE_LEGALE, ["response"], None),
        ("GET", "/v3/insee/sirene/unites_legales/418166097", ["response"], None),
        (
            "GET",
            "/v3/insee/sirene/unites_legal/418166096",
            ["near_miss", "response"],
            "api_entreprise_v3_insee_unites_legales",
        ),
        ("POST", UNITE_LEGALE, ["near_miss", "response"], "api_entreprise_v3_insee_unites_legales"),
        ("GET", "/zzzzzzzzzzzzzzzzzzzzzzzzzzzz", ["near_miss", "response"], None),
        ("GET", "/v3/inpi/unites_legales/552049447/brevets", ["response"], None),
        ("GET", "/siade/nothing.pdf", ["response"], None),
    ],
)
def test_an_entrys_json_form_keeps_its_keys_and_their_order(client, token, method, path, between, near_miss):
    client.open(path, method=method, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
    entry = client.get("/__admin/requests").json["requests"][-1]
    assert list(entry) == [*JSON_KEYS, *between, "violations"]
    assert (entry.get("near_miss") or {}).get("endpoint") == near_miss


def test_a_tools_call_of_its_route_is_journalled_without_an_answer(client):
    call = {"name": "insee.unite_legale", "arguments": {"siren": "418166096"}}
    message = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": call}
    client.post("/mcp", json=message, headers={"Authorization": f"Bearer {preset_token('mcp', DEFAULT_SECRET)}"})
    route, mcp = client.get("/__admin/requests").json["requests"][-2:]
    assert (list(route), list(mcp)) == ([*JSON_KEYS, "violations"], [*JSON_KEYS, "response", "violations"])


def test_the_admin_api_serves_the_journals_entries_in_their_json_form(app, client, token):
    headers = {"Authorization": f"Bearer {token}"}
    for path in (UNITE_LEGALE, UNITE_LEGALE, UNITE_LEGALE, "/v3/insee/sirene/unites_legal/418166096", "/nowhere"):
        client.get(path, query_string=TRACEABILITY, headers=headers)
    served = client.get("/__admin/requests").json["requests"]
    entries = app.extensions["state"].journal.entries()
    assert served == [entry.to_json() for entry in entries]
    assert [JournalEntry.from_json(entry) for entry in served] == entries
