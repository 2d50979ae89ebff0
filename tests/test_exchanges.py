"""The journal as the fixtures integrators use: each answer kept, a HAR 1.2 log, a VCR cassette vcrpy replays."""

import json
import subprocess
from pathlib import Path

import pytest
import requests
import vcr
import yaml
from jsonschema import Draft6Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT6

from mockserver.config import DEFAULT_SECRET
from mockserver.http import exchanges
from mockserver.rules.auth import preset_token

from .helpers import TRACEABILITY
from .servers import running_server

HAR_SCHEMA_DIR = Path(__file__).with_name("har-schema")
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"
ATTESTATION = "/v2/attestations_fiscales_dgfip/418166096"
TOKEN = preset_token("default", DEFAULT_SECRET)


def har_validator() -> Draft6Validator:
    """Return a validator of the HAR 1.2 schema (its files refer to each other by name)."""
    schemas = {path.name: json.loads(path.read_text()) for path in HAR_SCHEMA_DIR.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT6)) for name, schema in schemas.items()
    )
    return Draft6Validator(schemas["har.json"], registry=registry, format_checker=FormatChecker())


@pytest.fixture
def exchanged(client, token):
    """A journal of a data answer, a document answer, a request with the token in its query, and a miss."""
    bearer = {"Authorization": f"Bearer {token}"}
    client.get(UNITE_LEGALE, query_string=TRACEABILITY, headers=bearer)
    client.get(ATTESTATION, query_string=TRACEABILITY, headers=bearer)
    client.get(UNITE_LEGALE, query_string={**TRACEABILITY, "token": token})
    client.get("/v3/insee/sirene/unites_legale/418166096", headers=bearer)
    return client


def test_each_entry_keeps_its_answer(exchanged):
    entries = exchanged.get("/__admin/requests").json["requests"]
    answered = exchanged.get(UNITE_LEGALE, query_string=TRACEABILITY, headers={"Authorization": "Bearer x"})
    assert [entry["response"]["reason"] for entry in entries] == ["OK", "OK", "OK", "NOT FOUND"]
    first = entries[0]["response"]
    assert json.loads(first["body"])["data"]["personne_morale_attributs"]["raison_sociale"] == "OCTO-TECHNOLOGY"
    assert first["size"] == len(first["body"].encode())
    assert ["Content-Type", "application/vnd.api+json"] in first["headers"]
    assert answered.status_code == 401
    assert exchanged.get("/__admin/requests").json["requests"][-1]["response"]["body"] == answered.text


def test_a_replayed_answer_is_kept_like_the_first(exchanged, token):
    for _ in range(3):  # the third is answered from the replay's memo, below Flask
        exchanged.get(
            "/v2/entreprises/418166096", query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}
        )
    first, second, third = exchanged.get("/__admin/requests").json["requests"][-3:]
    assert third["response"]["body"] == second["response"]["body"] == first["response"]["body"]
    assert third["response"]["size"] > 0


def test_a_long_or_binary_body_keeps_only_its_size():
    long_text = b"x" * (exchanges.MAX_KEPT_BODY + 1)
    assert exchanges.kept_answer("200 OK", [("Content-Type", "application/json")], long_text)["body"] is None
    pdf = exchanges.kept_answer("200 OK", [("Content-Type", "application/pdf")], b"%PDF-1.4")
    assert (pdf["body"], pdf["size"], pdf["reason"]) == (None, 8, "OK")


def test_the_har_export_validates_against_the_har_schema(exchanged):
    log = exchanged.get("/__admin/requests", query_string={"format": "har"}).json
    har_validator().validate(log)
    entries = log["log"]["entries"]
    assert [entry["response"]["status"] for entry in entries] == [200, 200, 200, 404]
    assert entries[0]["request"]["url"] == "http://localhost" + UNITE_LEGALE + "?" + "&".join(
        f"{name}={value}" for name, value in TRACEABILITY.items()
    )
    assert {"name": "token", "value": "[masqué]"} in entries[2]["request"]["queryString"]


def test_a_har_that_breaks_the_schema_is_caught(exchanged):
    log = exchanged.get("/__admin/requests", query_string={"format": "har"}).json
    del log["log"]["entries"][0]["response"]["content"]
    assert not har_validator().is_valid(log)


def test_the_vcr_export_masks_the_token_and_holds_both_libraries_keys(exchanged, token):
    text = exchanged.get("/__admin/requests", query_string={"format": "vcr"}).text
    assert token not in text and "token=%5Bmasqu%C3%A9%5D" in text
    cassette = yaml.safe_load(text)
    assert (cassette["version"], cassette["recorded_with"]) == (1, "VCR 6.0.0")
    assert len(cassette["interactions"]) == len(cassette["http_interactions"]) == 4
    assert "&" not in text.split("http_interactions")[0]  # no YAML anchors: Ruby's safe loader refuses them


def test_vcrpy_replays_an_exported_cassette_with_a_real_client(exchanged, tmp_path):
    path = tmp_path / "api_entreprise.yaml"
    path.write_text(exchanged.get("/__admin/requests", query_string={"format": "vcr"}).text)
    # record_mode "none": a request the cassette does not hold raises instead of reaching the network.
    with vcr.use_cassette(str(path), record_mode="none") as cassette:
        answer = requests.get("http://localhost" + UNITE_LEGALE, params=TRACEABILITY, timeout=5)
        missing = requests.get("http://localhost/v3/insee/sirene/unites_legale/418166096", timeout=5)
    assert answer.json()["data"]["personne_morale_attributs"]["raison_sociale"] == "OCTO-TECHNOLOGY"
    assert answer.headers["Content-Type"] == "application/vnd.api+json"
    assert missing.status_code == 404
    assert cassette.play_count == 2


@pytest.mark.parametrize("form", ["xml", "HAR", ""])
def test_an_unknown_journal_format_is_a_clear_error(client, form):
    answer = client.get("/__admin/requests", query_string={"format": form})
    assert answer.status_code == 400
    assert "json, har (HAR 1.2) ou vcr" in answer.json["errors"][0]


@pytest.mark.system
def test_the_documented_export_command_writes_a_cassette_vcrpy_replays(tmp_path):
    page = (Path(__file__).resolve().parent.parent / "docs" / "admin-api.md").read_text(encoding="utf-8")
    (command,) = [line for line in page.splitlines() if line.startswith("curl") and "format=vcr" in line]
    with running_server("--rate-limit-factor", "0") as (base, _):
        requests.get(base + UNITE_LEGALE, params=TRACEABILITY, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
        subprocess.run(["bash", "-c", command.replace("http://127.0.0.1:8080", base)], cwd=tmp_path, check=True)
    with vcr.use_cassette(str(tmp_path / "api_entreprise.yml"), record_mode="none"):
        answer = requests.get(base + UNITE_LEGALE, params=TRACEABILITY, timeout=5)
    assert answer.json()["data"]["siren"] == "418166096"
