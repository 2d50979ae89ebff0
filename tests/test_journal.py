from mockserver.state.journal import Journal


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
    assert [e["path"] for e in journal.entries()] == ["/2", "/3", "/4"]


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
