"""Production at its edges: v4's NAF 2025, the HTTP layer around the routes, the newest catalogue.

Expected values are read from production's code (datagouv/apistration, ``siade/``): the NAF 2025
list it ships and the serializers that pick a nomenclature per version.
"""

import csv
import hashlib
import io
import json
import re
import time
import uuid
from datetime import date, timedelta

import pytest

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http import request_trace
from mockserver.http.app import create_app
from mockserver.rules import auth
from mockserver.world import naf2025
from mockserver.world import nomenclatures as nom

from . import naf2025 as naf2025_table
from .helpers import TRACEABILITY

# (SIREN, head office SIRET) of curated units whose activity production's list labels, with the NAF 2025 answer.
NAF2025_UNITS = [
    (
        "999990203",
        "6201Z",
        {"code": "62.10Y", "nomenclature": "NAF2025", "libelle": "Activités de programmation informatique"},
    ),
    (
        "418166096",
        "6202A",
        {"code": "62.20G", "nomenclature": "NAF2025", "libelle": "Conseil en systèmes et logiciels informatiques"},
    ),
    (
        "999990146",
        "4399C",
        {"code": "43.91Y", "nomenclature": "NAF2025", "libelle": "Travaux de maçonnerie et de pose de briques"},
    ),
]


# v4 INSEE: activite_principale in NAF 2025 from production's switch day (siade interactors/insee/*/build_resource.rb,
# serializers …/v4.rb, commits of 2025-12-10), NAF rév. 2 in both fields before it (the staging files recorded then).
SWITCH_EVE, SWITCH_DAY = "2025-12-09T23:59:59+01:00", "2025-12-10T00:00:00+01:00"


def _v4_and_v3_activities(get, siren: str, clock: str) -> tuple[list[tuple[dict, dict]], list[dict]]:
    """Return the v4 (activity, NAF rév. 2 activity) pairs of a unit, its head office and their copies, and v3's."""
    headers = {"X-Mock-Clock": clock}
    unit = get(f"/v4/insee/sirene/unites_legales/{siren}", headers=headers).json["data"]
    siret = unit["siret_siege_social"]
    sites = [
        get(f"/v4/insee/sirene/{path}", headers=headers).json["data"]
        for path in (
            f"etablissements/{siret}",
            f"unites_legales/{siren}/siege_social",
            f"etablissements/diffusibles/{siret}",
        )
    ]
    v4 = [(data["activite_principale"], data["activite_principale_naf_rev2"]) for data in (unit, *sites)]
    v4 += [
        (site["unite_legale"]["activite_principale"], site["unite_legale"]["activite_principale_naf_rev2"])
        for site in sites
    ]
    v3_unit = get(f"/v3/insee/sirene/unites_legales/{siren}", headers=headers).json["data"]
    v3_site = get(f"/v3/insee/sirene/etablissements/{siret}", headers=headers).json["data"]
    assert "activite_principale_naf_rev2" not in v3_unit.keys() | v3_site.keys() | v3_site["unite_legale"].keys()
    return v4, [
        v3_unit["activite_principale"],
        v3_site["activite_principale"],
        v3_site["unite_legale"]["activite_principale"],
    ]


@pytest.mark.parametrize(("siren", "naf_rev2", "naf_2025"), NAF2025_UNITS)
@pytest.mark.parametrize("clock", [SWITCH_EVE, SWITCH_DAY])
def test_v4_gives_the_activity_in_naf_2025_from_the_switch_day_and_v3_in_naf_rev2(
    get, siren, naf_rev2, naf_2025, clock
):
    rev2 = {"code": f"{naf_rev2[:2]}.{naf_rev2[2:]}", "nomenclature": "NAFRev2", "libelle": nom.NAF[naf_rev2]}
    first = naf_2025 if clock == SWITCH_DAY else rev2
    v4, v3 = _v4_and_v3_activities(get, siren, clock)
    assert v4 == [(first, rev2)] * 7
    assert v3 == [rev2] * 3


def test_every_activity_the_world_draws_has_a_listed_naf_2025_successor():
    assert set(naf2025.FROM_NAF_REV2) >= set(nom.NAF)
    assert set(naf2025.FROM_NAF_REV2.values()) <= set(naf2025.LABELS)
    # INSEE's list of the NAF 2025 sous-classes, as production ships it.
    assert len(naf2025.LABELS) == 747


def test_a_code_the_list_does_not_hold_is_non_reference():
    assert naf2025.label(None) == naf2025.label("62.01Z") == "non référencé"
    assert naf2025.code("0000Z") is None


def test_the_fixture_is_what_the_script_derives_from_productions_csv():
    # The official CSV's shape: a header spread over lines, labels with stray spaces.
    csv_text = (
        '"NACE\nRev.2.1","NAF 2025\nsous-classes",Intitulés\n01.11,01.11Y,"Culture, de céréales "\n,01.48G,Apiculture\n'
    )
    assert naf2025_table.labels(csv_text) == {"01.11Y": "Culture, de céréales", "01.48G": "Apiculture"}
    listed = io.StringIO()
    csv.writer(listed).writerows([("NACE", "NAF", "Intitulés"), *(("", *row) for row in naf2025.LABELS.items())])
    fixture = naf2025_table.build(listed.getvalue(), list(nom.NAF))
    assert fixture == {"labels": naf2025.LABELS, "from_naf_rev2": naf2025.FROM_NAF_REV2}
    with pytest.raises(ValueError, match="without one: \\['1234Z'\\]"):
        naf2025_table.build(listed.getvalue(), ["1234Z"])


def test_the_script_finds_the_committed_fixture_up_to_date(tmp_path, capsys):
    official = tmp_path / "NAF2025.csv"
    with official.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("NACE", "NAF", "Intitulés"), *(("", *row) for row in naf2025.LABELS.items())])
    assert naf2025_table.main([str(official)]) == 0
    assert capsys.readouterr().out == "fixtures/naf2025.json up to date\n"


# Versions (config/routes/api_entreprise.rb `scope path: 'v:api_version'`, concerns/version_aware.rb,
# errors/unsupported_api_version_error.rb): every /v{N}/ path of a route reaches its controller.

UNITE_LEGALE_TAIL = "insee/sirene/unites_legales/418166096"
JSON_API = "application/vnd.api+json"


def unsupported(version):
    return {
        "errors": [
            {
                "code": "00402",
                "title": "Version d'API non prise en charge",
                "detail": f"La version {version} n'est pas supportée pour cet endpoint",
                "meta": {},
            }
        ]
    }


@pytest.mark.parametrize(
    ("path", "version"),
    [
        (f"/v7/{UNITE_LEGALE_TAIL}", "v7"),
        (f"/v0/{UNITE_LEGALE_TAIL}", "v0"),
        (f"/v1/{UNITE_LEGALE_TAIL}", "v1"),
        # A v3-only route in v4, and the DJEPVA's v4-only routes in v3, under both their names.
        ("/v4/dgfip/unites_legales/418166096/liasses_fiscales/2023", "v4"),
        ("/v5/inpi/rne/unites_legales/552049447/beneficiaires_effectifs", "v5"),
        ("/v3/djepva/api-association/associations/W751234567", "v3"),
        ("/v3/ministere_interieur/api-association/associations/open_data/W751234567", "v3"),
        ("/v4/insee/sirene/etablissements/41816609600051/adresse", "v4"),
    ],
)
def test_a_version_without_a_serializer_is_404_00402_naming_it(get, path, version):
    response = get(path)
    assert (response.status_code, response.json) == (404, unsupported(version))
    assert response.content_type.startswith(JSON_API)


def test_a_version_number_with_a_leading_zero_is_that_version(get):
    # Production reads the version with to_i: v03 is v3's serializer.
    assert get(f"/v03/{UNITE_LEGALE_TAIL}").json == get(f"/v3/{UNITE_LEGALE_TAIL}").json


@pytest.mark.parametrize(
    ("params", "auth", "status", "code"),
    [
        ({}, False, 401, "00101"),
        ({"context": None}, True, 422, "00201"),
        ({"recipient": "123"}, True, 404, "00402"),
    ],
)
def test_the_version_is_refused_after_the_token_and_parameters_before_the_recipient(get, params, auth, status, code):
    response = get(f"/v9/{UNITE_LEGALE_TAIL}", params=params, auth=auth)
    assert (response.status_code, response.json["errors"][0]["code"]) == (status, code)


def test_a_refused_version_holds_its_own_in_flight_key(get):
    # Production's key is its operation id (api_entreprise_v9_…): v9 leaves v3 free, and itself busy.
    assert get(f"/v9/{UNITE_LEGALE_TAIL}").status_code == 404
    assert get(f"/v3/{UNITE_LEGALE_TAIL}").status_code == 200
    assert get(f"/v9/{UNITE_LEGALE_TAIL}").status_code == 409


def test_the_ministrys_name_of_the_djepva_routes_answers_as_they_do(get):
    for kind in ("", "open_data/"):
        alias = get(f"/v4/ministere_interieur/api-association/associations/{kind}W751234567")
        assert alias.status_code == 200
        djepva = get(f"/v4/djepva/api-association/associations/{kind}W751234567").json
        # The deposits' URLs carry the second of the call.
        aliased = alias.json
        for body in (aliased, djepva):
            body["data"].pop("documents_rna", None)
        assert {k: v for k, v in aliased["data"].items() if v != djepva["data"][k]} == {}
        assert aliased == djepva


def test_v2_paths_stay_the_sandboxs_v2(get):
    assert get(f"/v2/{UNITE_LEGALE_TAIL}").json["errors"][0].startswith("Aucune route du bac à sable")


# The INPI's beneficial owners under open data (BeneficiairesEffectifsOpenDataController, authorizations.yml,
# throttle.yml's inpi_rne: 15 a minute for each route).

OPEN_DATA_OWNERS = "/v3/inpi/rne/unites_legales/open_data/552049447/beneficiaires_effectifs"
PROTECTED_OWNERS = "/v3/inpi/rne/unites_legales/552049447/beneficiaires_effectifs"


def test_the_open_data_beneficial_owners_are_the_protected_ones(get):
    protected = get(PROTECTED_OWNERS)
    assert get(OPEN_DATA_OWNERS).json == protected.json


@pytest.mark.parametrize(
    ("scopes", "status"), [(["open_data"], 200), (["beneficiaires_effectifs_inpi"], 200), (["entreprises"], 403)]
)
def test_the_open_data_beneficial_owners_take_either_scope(client, scopes, status):
    token = auth.mint(DEFAULT_SECRET, scopes, issued_at=int(time.time()), expires_at=None)
    response = client.get(OPEN_DATA_OWNERS, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == status


def test_the_open_data_beneficial_owners_count_fifteen_a_minute_of_their_own(token):
    client = create_app(Settings(rate_limit_factor=1)).test_client()
    headers = {"Authorization": f"Bearer {token}"}
    for path, remaining in ((OPEN_DATA_OWNERS, "14"), (OPEN_DATA_OWNERS, "13"), (PROTECTED_OWNERS, "14")):
        response = client.get(path, query_string=TRACEABILITY, headers=headers)
        assert (response.headers["RateLimit-Limit"], response.headers["RateLimit-Remaining"]) == ("15", remaining)


# Paths as production's router reads them (ActionDispatch RouteSet#call: Journey's normalize_path; the routes'
# optional (.:format)); the rate limiter recognises the raw URL (RateLimitingService#extract_endpoint_from_url).


@pytest.fixture
def counted(token):
    """A client with production's limits, and a function that GETs a raw WSGI path with the default token."""
    app = create_app(Settings(rate_limit_factor=1))

    def call(path, query=TRACEABILITY_QUERY):
        environ = {"PATH_INFO": path}
        return app.test_client().open(
            "/", query_string=query, headers={"Authorization": f"Bearer {token}"}, environ_overrides=environ
        )

    return call


TRACEABILITY_QUERY = "context=test&recipient=13002526500013&object=essai"


@pytest.mark.parametrize(
    "path",
    [
        f"/v3/{UNITE_LEGALE_TAIL}/",
        f"/v3//{UNITE_LEGALE_TAIL}",
        f"//v3/{UNITE_LEGALE_TAIL}",
        "/v3/insee//sirene///unites_legales/418166096//",
    ],
)
def test_a_path_production_normalises_is_answered_and_not_throttled(counted, path):
    plain = counted(f"/v3/{UNITE_LEGALE_TAIL}")
    normalised = counted(path)
    assert (normalised.status_code, normalised.get_data()) == (200, plain.get_data())
    assert "RateLimit-Remaining" not in normalised.headers
    # Not counted either: the next plain request spends the budget's second request.
    assert (
        plain.headers["RateLimit-Remaining"],
        counted(f"/v3/{UNITE_LEGALE_TAIL}").headers["RateLimit-Remaining"],
    ) == (
        "249",
        "248",
    )


# Journey's optional (.:format): any suffix without a dot is the format, known to Mime (.json, .xml) or not (.foo).
FORMATS = [".json", ".xml", ".foo", ".JSON"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_format_suffix_is_the_route_and_counted(counted, suffix):
    response = counted(f"/v3/{UNITE_LEGALE_TAIL}{suffix}")
    assert response.status_code == 200 and response.json["data"]["siren"] == "418166096"
    assert response.headers["RateLimit-Remaining"] == "249"
    assert counted(f"/v12/ping{suffix}").get_data() == b" "


@pytest.mark.parametrize("path", ["//", "/" * 2000, "/v3/" + "/" * 500])
def test_a_path_of_slashes_is_a_404(counted, path):
    response = counted(path)
    assert response.status_code == 404 and response.is_json


# Repeated parameters: Rack's query parser keeps the last value; `name[]` is an array (ApiController params).


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("context=a&recipient=123&recipient=13002526500013&object=b", 200, None),
        ("context=a&recipient=13002526500013&recipient=123&object=b", 422, "00210"),
        ("context=a&context=&recipient=13002526500013&object=b", 422, "00201"),
        ("context=&context=a&recipient=13002526500013&object=b", 200, None),
        ("context=a&recipient[]=13002526500013&object=b", 422, "00210"),
        ("context[]=a&recipient=13002526500013&object[]=b", 200, None),
        ("&".join(["context=a"] * 1000) + "&recipient=13002526500013&object=b", 200, None),
        ("&".join(f"p{n}=x" for n in range(1000)) + "&context=a&recipient=13002526500013&object=b", 200, None),
    ],
)
def test_the_last_of_a_repeated_parameter_wins(counted, query, status, code):
    response = counted(f"/v3/{UNITE_LEGALE_TAIL}", query)
    assert response.status_code == status
    assert code is None or response.json["errors"][0]["code"] == code


def test_the_in_flight_key_reads_the_last_value_too(client, token):
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/v9/{UNITE_LEGALE_TAIL}"
    assert (
        client.get(path, query_string="context=a&recipient=13002526500013&object=b", headers=headers).status_code == 404
    )
    repeated = "context=z&context=a&recipient=13002526500013&object=b"
    assert client.get(path, query_string=repeated, headers=headers).status_code == 409


# Rails' headers on the way out: ActionDispatch's default headers on a controller's answers, Rack::ETag
# (weak, SHA-256 of the body, 32 hex digits; Cache-Control by status), Rack::ConditionalGet (304).

SECURITY_HEADERS = {
    "x-frame-options": "SAMEORIGIN",
    "x-xss-protection": "0",
    "x-content-type-options": "nosniff",
    "x-permitted-cross-domain-policies": "none",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def test_a_200_carries_a_weak_etag_of_its_body_and_may_be_kept_but_revalidated(get):
    response = get(f"/v3/{UNITE_LEGALE_TAIL}")
    digest = hashlib.sha256(response.get_data()).hexdigest()[:32]
    assert response.headers["etag"] == f'W/"{digest}"'
    assert response.headers["cache-control"] == "max-age=0, private, must-revalidate"
    assert {name: response.headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (f"/v3/{UNITE_LEGALE_TAIL}", {"context": None}),
        ("/v3/insee/sirene/unites_legales/418166097", {}),
        (f"/v9/{UNITE_LEGALE_TAIL}", {}),
        ("/v3/nowhere", {}),
        ("/v2/entreprises/418166097", {}),
    ],
)
def test_an_error_has_no_etag_and_is_not_to_be_kept(get, path, params):
    response = get(path, params=params)
    assert response.status_code >= 400
    assert "etag" not in response.headers and response.headers["cache-control"] == "no-cache"
    assert {name: response.headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_the_rate_limiters_answer_has_no_controller_headers(token):
    client = create_app(Settings(rate_limit_factor=1)).test_client()
    headers = {"Authorization": f"Bearer {token}", "X-Mock-Scenario": "rate_limited"}
    response = client.get(f"/v3/{UNITE_LEGALE_TAIL}", query_string=TRACEABILITY, headers=headers)
    assert response.status_code == 429 and response.headers["cache-control"] == "no-cache"
    assert not SECURITY_HEADERS.keys() & {name.lower() for name in response.headers.keys()}


@pytest.mark.parametrize("path", [f"/v3/{UNITE_LEGALE_TAIL}", "/v2/entreprises/418166096"])
def test_if_none_match_with_the_etag_is_a_304_without_a_body(get, path):
    etag = get(path).headers["etag"]
    response = get(path, headers={"If-None-Match": etag})
    assert (response.status_code, response.get_data()) == (304, b"")
    assert response.headers["etag"] == etag and "content-type" not in response.headers
    # Rack compares the header as a string: the strong form, a list or another tag is a 200.
    for other in (etag.removeprefix("W/"), f'{etag}, W/"x"', 'W/"0"', "*"):
        assert get(path, headers={"If-None-Match": other}).status_code == 200


def test_a_304_is_journaled_and_counted_as_production_logs_it(client, token):
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/v3/{UNITE_LEGALE_TAIL}"
    etag = client.get(path, query_string=TRACEABILITY, headers=headers).headers["etag"]
    for _ in range(3):  # the third is replayed from memory
        response = client.get(path, query_string=TRACEABILITY, headers={**headers, "If-None-Match": etag})
        assert response.status_code == 304
    statuses = [entry["status"] for entry in client.get("/__admin/requests").json["requests"][-4:]]
    assert statuses[-3:] == [304, 304, 304]


# Outside the catalogue: the ping (PingController#show renders nothing: ActionController answers " "), the OpenAPI
# file rswag serves under /v3, a token issued "in the future" (ruby-jwt 3 checks no iat).


@pytest.mark.parametrize("path", ["/v3/ping", "/v2/ping", "/v1/ping", "/v12/ping"])
def test_the_ping_answers_a_space_as_text(client, path):
    response = client.get(path)
    assert (response.status_code, response.get_data(), response.content_type) == (
        200,
        b" ",
        "text/plain; charset=utf-8",
    )
    assert response.headers["etag"] == f'W/"{hashlib.sha256(b" ").hexdigest()[:32]}"'


def test_the_openapi_file_is_published_where_production_publishes_it(client):
    response = client.get("/v3/openapi-entreprise.yaml")
    assert (response.status_code, response.content_type) == (200, "text/yaml")
    assert response.headers["cache-control"] == "no-cache" and "etag" not in response.headers
    document = json.loads(response.get_data())
    assert document["paths"].keys() == client.get("/openapi/v3.json").json["paths"].keys()
    assert OPEN_DATA_OWNERS.replace("552049447", "{siren}") in document["paths"]
    assert client.get("/v4/openapi-entreprise.yaml").status_code == 404


def test_a_token_issued_in_the_future_is_accepted(client):
    later = int(time.time()) + 3600
    token = auth.mint(DEFAULT_SECRET, ["unites_legales_etablissements_insee"], issued_at=later, expires_at=later + 60)
    response = client.get(
        f"/v3/{UNITE_LEGALE_TAIL}", query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


# The Accept header (ActionController::Rendering#process_action reads the formats before any filter;
# ApiController#process_action answers Mime's InvalidType with BadRequestError, 00401).


def bad_request(media_range):
    detail = f'Votre requête est invalide: "{media_range}" is not a valid MIME type'
    return {"errors": [{"code": "00401", "title": "Mauvaise requête", "detail": detail, "meta": {}}]}


@pytest.mark.parametrize(
    ("accept", "media_range"),
    [
        ("foo", "foo"),
        ("application/json, Text", "text"),
        ("application/json;q=0.5, a/b c", "a/b c"),
        ("é/json", "é/json"),
        ("x" * 20_000, "x" * 20_000),
    ],
)
def test_a_malformed_accept_is_400_00401_before_the_token(client, accept, media_range):
    response = client.get(f"/v3/{UNITE_LEGALE_TAIL}", query_string=TRACEABILITY, headers={"Accept": accept})
    assert (response.status_code, response.json) == (400, bad_request(media_range))
    assert response.content_type == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    "accept", ["", "*/*", "application/json", "application/vnd.api+json; charset=utf-8", "text/*", "foo, */*"]
)
def test_an_accept_rails_parses_or_does_not_read_passes(get, accept):
    assert get(f"/v3/{UNITE_LEGALE_TAIL}", headers={"Accept": accept}).status_code == 200


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_format_in_the_path_leaves_the_accept_header_unread(get, suffix):
    assert get(f"/v3/{UNITE_LEGALE_TAIL}{suffix}", headers={"Accept": "foo"}).status_code == 200


def test_a_malformed_accept_is_not_answered_from_a_memoised_200(get):
    for _ in range(3):
        assert get(f"/v3/{UNITE_LEGALE_TAIL}").status_code == 200
    assert get(f"/v3/{UNITE_LEGALE_TAIL}", headers={"Accept": "foo"}).status_code == 400


# Payloads the serializers complete: the DJEPVA's v4 links (mi/unite_legale_serializer/shared_v4.rb), the
# turnover's count (dgfip/chiffres_affaires_collection_serializer/v3.rb), Qualibat's v4 meta (…/v4.rb).


@pytest.mark.parametrize("kind", ["", "open_data/"])
def test_the_djepva_links_the_head_offices_insee_routes_in_v3(get, kind):
    links = get(f"/v4/djepva/api-association/associations/{kind}775672272").json["links"]
    assert links == {
        "insee_siege_social": "http://localhost/v3/insee/sirene/etablissements/77567227221138",
        "insee_siege_social_adresse": "http://localhost/v3/insee/sirene/etablissements/77567227221138/adresse",
    }
    for link in links.values():
        assert get(link.removeprefix("http://localhost")).status_code == 200


def test_an_association_without_a_head_office_links_null(get):
    # An RNA number of no unit of Sirene: no head office.
    response = get("/v4/djepva/api-association/associations/W751234567")
    assert response.json["data"]["siret_siege"] is None
    assert response.json["links"] == {"insee_siege_social": None, "insee_siege_social_adresse": None}


def test_a_deposit_is_numbered_by_the_hash_of_the_rnas_number_and_dated_to_the_second_in_paris(get):
    # build_resource.rb: ``Digest::SHA256.hexdigest(id)`` and ``Time.zone.at(time)``, the RNA's own timestamp.
    deposits = get("/v4/djepva/api-association/associations/W604004799").json["data"]["documents_rna"]
    rna = get("/v3/ministere_interieur/rna/associations/W604004799/documents").json["data"]
    numbers = [str(int(item["data"]["timestamp"]) + rank) for rank, item in enumerate(rna)]
    assert [deposit["id"] for deposit in deposits] == [hashlib.sha256(n.encode()).hexdigest() for n in numbers]
    assert [deposit["date_depot"] for deposit in deposits[:3]] == [
        "2017-05-28T11:22:56.000+02:00",
        "2017-05-28T11:33:33.000+02:00",
        "2017-05-27T17:51:03.000+02:00",
    ]


@pytest.mark.parametrize(
    ("identifier", "active", "legal_form"),
    [
        # An RNA number of no unit of Sirene: ``active && active_sirene`` is false, the legal form (Sirene's) null.
        ("W751234567", False, {"code": None, "libelle": None}),
        ("W604004799", False, {"code": None, "libelle": None}),
        ("775672272", True, {"code": "9230", "libelle": "Association déclarée, reconnue d'utilité publique"}),
    ],
)
def test_the_djepva_is_active_when_the_rna_and_sirene_both_are(get, identifier, active, legal_form):
    data = get(f"/v4/djepva/api-association/associations/{identifier}").json["data"]
    assert (data["date_dissolution"], data["active"], data["forme_juridique"]) == (None, active, legal_form)


def test_the_djepva_writes_declared_amounts_as_floats_and_its_own_band_label(get):
    data = get("/v4/djepva/api-association/associations/open_data/424179364").json["data"]
    head_office = data["etablissements"][0]
    # build_resource.rb: ``to_f`` on every amount; the result is the one declared, not income less expenses.
    year = next(year for year in head_office["comptes"] if year["annee"] == "2020")
    assert all(isinstance(value, float) for key, value in year.items() if key.startswith(("montant", "total")))
    assert (year["total_produits"] - year["total_charges"], year["total_resultat"]) == (7381.0, 7281.0)
    assert data["activites"]["tranche_effectif"]["libelle"] == head_office["tranche_effectif"]["libelle"]
    assert head_office["tranche_effectif"] == {"code": "NN", "libelle": "Non référencé"}


def test_the_djepvas_establishments_are_sirenes(get):
    # Production's staging file shows a secondary establishment: the INSEE routes know it, at the same address.
    djepva = get("/v4/djepva/api-association/associations/424179364").json["data"]["etablissements"]
    for site in djepva:
        insee = get(f"/v3/insee/sirene/etablissements/{site['siret']}").json["data"]
        address = insee["adresse"]
        assert (site["actif"], site["siege"]) == (insee["etat_administratif"] == "A", insee["siege_social"])
        assert (site["adresse"]["libelle_voie"], site["adresse"]["commune"], site["adresse"]["complement"]) == (
            address["libelle_voie"],
            address["libelle_commune"],
            address["complement_adresse"],
        )
    assert [site["siret"] for site in djepva] == ["42417936400023", "42417936400015"]


def _djepva_facts(data: dict) -> dict:
    """Return the dated facts of a DJEPVA answer that the staging files show."""
    sites = data["etablissements"]
    return {
        "ess": data["activites"]["date_appartenance_ess"],
        "approvals": [approval["date_attribution"] for approval in data["agrements"]],
        "deposits": [deposit["date_depot"][:10] for deposit in data.get("documents_rna", ())],
        "years": sorted({year["annee"] for site in sites for year in site["rhs"] + site["comptes"]}),
    }


@pytest.mark.parametrize(
    ("identifier", "day", "fact", "shown"),
    [
        ("424179364", "2016-01-01", "ess", "2016-01-01"),
        ("424179364", "2018-03-03", "approvals", ["2018-03-03"]),
        ("424179364", "2021-01-01", "years", ["2019", "2020", "2021"]),
        ("W604004799", "2017-05-27", "deposits", ["2017-05-27"] * 3),
    ],
)
def test_the_djepva_shows_a_staging_fact_from_its_day_on(get, identifier, day, fact, shown):
    path = f"/v4/djepva/api-association/associations/{identifier}"
    eve = date.fromisoformat(day) - timedelta(days=1)
    the_day_before = get(path, headers={"X-Mock-Clock": f"{eve}T23:00:00+02:00"}).json["data"]
    that_evening = get(path, headers={"X-Mock-Clock": f"{day}T23:00:00+02:00"}).json["data"]
    assert _djepva_facts(that_evening)[fact] == shown
    assert _djepva_facts(the_day_before)[fact] != shown


def test_the_turnover_counts_its_years(get):
    body = get("/v3/dgfip/etablissements/41816609600051/chiffres_affaires").json
    assert body["meta"] == {"count": len(body["data"])} and body["meta"]["count"] > 0


def test_qualibat_v4_says_no_extraction_failed(get):
    path = "qualibat/etablissements/30613890001294/certification_batiment"
    assert get(f"/v4/{path}").json["meta"] == {"extractor_error": None}
    assert get(f"/v3/{path}").json["meta"] == {}


# CORS (config/initializers/cors.rb, rack-cors 3, in front of everything) and OPTIONS.

CORS = {
    "access-control-allow-origin": "https://entreprise.api.gouv.fr",
    "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-expose-headers": "",
    "access-control-max-age": "7200",
}


def cors_of(response):
    return {name: value for name, value in response.headers.items() if name.startswith("access-control-")}


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://entreprise.api.gouv.fr", True),
        ("https://staging.entreprise.api.gouv.fr", True),
        ("http://api.gouv.fr", True),
        ("https://particulier.api.gouv.fr", False),
        ("https://entreprise.api.gouv.fr.example.org", False),
        ("null", False),
    ],
)
def test_productions_origins_get_cors_headers_and_every_answer_varies_by_origin(get, origin, allowed):
    response = get(f"/v3/{UNITE_LEGALE_TAIL}", headers={"Origin": origin})
    assert cors_of(response) == ({**CORS, "access-control-allow-origin": origin} if allowed else {})
    assert response.headers["vary"] == "Origin"
    assert get(f"/v3/{UNITE_LEGALE_TAIL}").headers["vary"] == "Origin"


def test_a_preflight_is_answered_in_front_of_everything(client):
    headers = {
        "Origin": "https://entreprise.api.gouv.fr",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, x-api-key",
    }
    response = client.open(f"/v3/{UNITE_LEGALE_TAIL}", method="OPTIONS", headers=headers)
    assert (response.status_code, response.get_data(), response.content_type) == (200, b"", None)
    assert cors_of(response) == {**CORS, "access-control-allow-headers": "authorization, x-api-key"}
    refused = client.open("/nowhere", method="OPTIONS", headers={**headers, "Origin": "https://example.org"})
    assert (refused.status_code, cors_of(refused)) == (200, {})


def test_another_options_is_the_catch_alls_answer(client):
    response = client.open(f"/v3/{UNITE_LEGALE_TAIL}", method="OPTIONS")
    assert (response.status_code, response.json["errors"][0]["code"]) == (405, "99003")
    assert client.open("/nowhere", method="OPTIONS").status_code == 404


# What was compared and already the same.


def test_head_is_the_get_without_its_body(client, token):
    headers = {"Authorization": f"Bearer {token}"}
    got = client.get(f"/v3/{UNITE_LEGALE_TAIL}", query_string=TRACEABILITY, headers=headers)
    head = client.head(f"/v3/{UNITE_LEGALE_TAIL}", query_string=TRACEABILITY, headers=headers)
    assert (head.status_code, head.get_data(), head.headers["etag"]) == (200, b"", got.headers["etag"])


@pytest.mark.parametrize(
    ("params", "auth", "content_type"),
    [
        # The filters before the JSON:API header render plain JSON, with Rails' charset.
        ({}, False, "application/json; charset=utf-8"),
        ({"context": None}, True, "application/json; charset=utf-8"),
        # From the provider stage on, the JSON:API header set by the filter, without a charset.
        ({"recipient": "13002526500013"}, True, "application/vnd.api+json"),
    ],
)
def test_errors_keep_the_content_type_of_the_filter_that_answers(get, params, auth, content_type):
    response = get("/v3/insee/sirene/unites_legales/418166097", params=params, auth=auth)
    assert response.status_code in (401, 422) and response.content_type == content_type


# x-request-id and x-runtime (Rails 8.1's stack: Rack::Runtime, then ActionDispatch::RequestId, inside rack-cors;
# Rack::Attack inside both): on every answer but a preflight, and the storage's, which is no Rails application.

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
RUNTIME = re.compile(r"[0-9]+\.[0-9]{6}")


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [
        ("4f2a-b@c_D9", "4f2a-b@c_D9"),
        # Anything but ASCII letters, digits, _, - and @ is dropped (Ruby's \w is ASCII).
        ("a b;c/d.e:f+g=h", "abcdefgh"),
        ("é-ß-x", "--x"),
        ("\x00\x7f<script>", "script"),
        # Nothing left once sanitised: an empty id, not a fresh one (the header was present).
        ("!!!", ""),
        ("y" * 256, "y" * 255),
        ("!" * 100_000 + "z" * 300, "z" * 255),
        ("ab!" * 500_000, "ab" * 127 + "a"),
    ],
)
def test_the_clients_request_id_comes_back_sanitised_and_cut(client, sent, echoed):
    assert request_trace.request_id(sent) == echoed
    response = client.get("/v3/ping", headers={"X-Request-Id": sent})
    assert response.status_code == 200 and response.headers["x-request-id"] == echoed


@pytest.mark.parametrize("sent", [None, "", "   ", "\t"])
def test_without_a_request_id_each_answer_gets_a_fresh_uuid(client, sent):
    headers = {} if sent is None else {"X-Request-Id": sent}
    ids = [client.get("/v3/ping", headers=headers).headers["x-request-id"] for _ in range(2)]
    assert all(UUID.fullmatch(value) for value in ids) and ids[0] != ids[1]


def test_a_fresh_request_id_is_a_random_version_4_uuid():
    ids = [uuid.UUID(request_trace.fresh_uuid()) for _ in range(512)]
    assert all(UUID.fullmatch(str(value)) and value.version == 4 and value.variant == uuid.RFC_4122 for value in ids)
    # Every bit but the version's four and the variant's two varies from one id to another.
    varying = 0
    for value in ids:
        varying |= value.int ^ ids[0].int
    assert varying == (1 << 128) - 1 & ~(0xF << 76) & ~(0x3 << 62)


def test_the_runtime_is_in_seconds_with_six_decimals(client):
    runtimes = [client.get(path).headers["x-runtime"] for path in ("/v3/ping", "/nowhere")]
    assert all(RUNTIME.fullmatch(value) and float(value) < 60 for value in runtimes)


REVOKED = {"Authorization": f"Bearer {auth.preset_token('revoked', DEFAULT_SECRET)}"}


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", f"/v3/{UNITE_LEGALE_TAIL}", {}, 200),
        ("HEAD", f"/v3/{UNITE_LEGALE_TAIL}", {}, 200),
        ("GET", "/v3/insee/sirene/unites_legales/418166097", {}, 422),
        # The blocklists' and the rate limiter's answers come from Rack::Attack, inside both middlewares.
        ("GET", f"/v3/{UNITE_LEGALE_TAIL}", REVOKED, 401),
        ("GET", f"/v3/{UNITE_LEGALE_TAIL}", {"X-Mock-Scenario": "rate_limited"}, 429),
        ("GET", "/v3/nowhere", {}, 404),
        ("POST", f"/v3/{UNITE_LEGALE_TAIL}", {}, 405),
        ("OPTIONS", f"/v3/{UNITE_LEGALE_TAIL}", {"Origin": "https://entreprise.api.gouv.fr"}, 405),
        ("GET", "/v3/inpi/unites_legales/552049447/brevets", {}, 410),
        ("GET", "/v12/ping", {}, 200),
        ("GET", "/pings", {}, 200),
        ("GET", "/v3/openapi-entreprise.yaml", {}, 200),
    ],
)
def test_every_answer_of_the_rails_stack_has_an_id_and_a_runtime(token, method, path, headers, status):
    client = create_app(Settings(rate_limit_factor=1)).test_client()
    headers = {"Authorization": f"Bearer {token}", **headers}
    response = client.open(path, method=method, query_string=TRACEABILITY, headers=headers)
    assert response.status_code == status
    assert UUID.fullmatch(response.headers["x-request-id"]) and RUNTIME.fullmatch(response.headers["x-runtime"])


def test_a_preflight_and_the_storage_have_neither(client, get):
    headers = {"Origin": "https://entreprise.api.gouv.fr", "Access-Control-Request-Method": "GET"}
    preflight = client.open(f"/v3/{UNITE_LEGALE_TAIL}", method="OPTIONS", headers=headers)
    url = re.search(r"http://localhost(/siade/[^\"]+)", get("/v2/attestations_fiscales_dgfip/418166096").get_data(True))
    document = client.get(url[1])
    assert (preflight.status_code, document.status_code, document.mimetype) == (200, 200, "application/pdf")
    for response in (preflight, document):
        assert not {"x-request-id", "x-runtime"} & {name.lower() for name in response.headers.keys()}


def test_the_journal_keeps_an_answer_without_its_id_and_runtime(client, get):
    answered = get(f"/v3/{UNITE_LEGALE_TAIL}", headers={"X-Request-Id": "kept-out"})
    assert answered.headers["x-request-id"] == "kept-out"
    kept = client.get("/__admin/requests").json["requests"][-1]["response"]["headers"]
    sent = [[name, value] for name, value in answered.headers if name not in ("x-request-id", "x-runtime")]
    assert kept == sent


# A body's parameters (ActionDispatch's request_parameters, read whatever the method: Rack's forms, the JSON
# parser), merged under the query's: Parameters#parameters is request_parameters.merge(query_parameters).

FORM = "application/x-www-form-urlencoded"
FULL = "context=a&recipient=13002526500013&object=b"
FULL_JSON = json.dumps({"context": "a", "recipient": "13002526500013", "object": "b"})


@pytest.mark.parametrize(
    ("content_type", "body", "query", "status", "code"),
    [
        (FORM, FULL, "", 200, None),
        ("application/json", FULL_JSON, "", 200, None),
        ("text/x-json; charset=utf-8", FULL_JSON, "", 200, None),
        # The query's value wins, blank or not a SIRET; it fills what the body lacks.
        (FORM, FULL, "context=", 422, "00201"),
        (FORM, FULL, "recipient=123", 422, "00210"),
        (FORM, "context=a&recipient=123&object=b", "recipient=13002526500013", 200, None),
        (FORM, "context=a&recipient=13002526500013", "object=b", 200, None),
        (FORM, "context=a&recipient[]=13002526500013&object=b", "", 422, "00210"),
        # A null, an empty array: blank, as in Ruby.
        ("application/json", '{"context": null, "recipient": "13002526500013", "object": "b"}', "", 422, "00201"),
        ("application/json", '{"context": [], "recipient": "13002526500013", "object": "b"}', "", 422, "00201"),
        # No parameters: a body of another type, JSON that is no object, a body past 64 kB.
        ("text/plain", FULL, "", 422, "00201"),
        ("application/json", f"[{FULL_JSON}]", "", 422, "00201"),
        (FORM, f"{FULL}&pad={'x' * 70_000}", "", 422, "00201"),
        # Production's JSON parser fails: Rails' own 400; the sandbox reads no parameters.
        ("application/json", '{"context": "a", ', "", 422, "00201"),
    ],
)
def test_a_body_gives_the_parameters_the_query_lacks(client, token, content_type, body, query, status, code):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
    response = client.get(f"/v3/{UNITE_LEGALE_TAIL}", query_string=query, data=body, headers=headers)
    assert response.status_code == status
    assert code is None or response.json["errors"][0]["code"] == code


def test_a_multipart_body_gives_its_parameters_too(client, token):
    form = {"context": "a", "recipient": "13002526500013", "object": "b"}
    response = client.get(f"/v3/{UNITE_LEGALE_TAIL}", data=form, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.content_type == JSON_API


def test_a_request_with_a_body_is_never_answered_from_memory(app, client, token):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": FORM}
    for _ in range(3):
        assert client.get(f"/v3/{UNITE_LEGALE_TAIL}", data=FULL, headers=headers).status_code == 200
    lacking = client.get(f"/v3/{UNITE_LEGALE_TAIL}", data="context=a&recipient=13002526500013", headers=headers)
    assert (lacking.status_code, lacking.json["errors"][0]["code"]) == (422, "00202")
    assert len(app.extensions["replay"].memo) == 0


# The v2 file's monitoring paths: Watchdoge, an application of its own (etalab/watchdoge_apientreprise, routes under
# api/watchdoge), answered them from the Elasticsearch of production's logs; siade's router never had them.


@pytest.mark.parametrize(
    "path", ["/watchdoge/dashboard/current_status/", "/watchdoge/stats/provider_availabilities/?period=1y"]
)
def test_the_watchdoge_paths_are_unknown_routes(client, path):
    response = client.get(path)
    assert (response.status_code, response.json["errors"][0]) == (404, UNKNOWN_ROUTE)
    assert client.get("/__admin/requests").json["requests"][-1]["near_miss"] is None


# Production's routes answer on its own hosts only (APIDomainConstraint: a host matching /entreprise\.api/); the
# sandbox is API Entreprise on whatever host it is called.

UNKNOWN_ROUTE = "Aucune route du bac à sable ne correspond à cette URL : voir GET /__admin/routes"


@pytest.mark.parametrize("host", ["localhost:8080", "127.0.0.1", "sandbox.example", "particulier.api.gouv.fr"])
def test_the_routes_answer_on_any_host(get, host):
    response = get(f"/v3/{UNITE_LEGALE_TAIL}", headers={"Host": host})
    assert response.status_code == 200 and f"http://{host}/v3/" in response.get_data(as_text=True)
