import pytest

from mockserver.catalogue.schemas import validator
from mockserver.rules.errors import ERRORS, PROVIDER_CODES, ApiError, error_object, v2_error_body


def test_flat_body_lists_details():
    body = v2_error_body(ApiError("missing_context", "missing_object"), "INSEE", json_api=False, gateway_error=False)
    assert body == {"errors": ["Le paramètre context est obligatoire", "Le paramètre object est obligatoire"]}


def test_provider_subcodes_take_the_provider_prefix():
    entry = error_object("not_found", "INSEE")
    assert entry["code"] == "01003"
    assert entry["meta"] == {"provider": "INSEE"}
    assert error_object("not_found", "DGFIP")["code"] == "03003"


def test_api_codes_have_no_provider_meta_and_a_source():
    entry = error_object("invalid_siren", "INSEE")
    assert entry == {
        "code": "00301",
        "title": "Entité non traitable",
        "detail": "Le numéro de siren n'est pas correctement formatté",
        "source": {"parameter": "siren"},
    }


@pytest.mark.parametrize("key", sorted(ERRORS))
@pytest.mark.parametrize("json_api", [False, True])
def test_every_error_renders_a_schema_valid_body(key, json_api):
    body = v2_error_body(ApiError(key), "INSEE", json_api=json_api, gateway_error=True)
    assert not list(validator("v2/errors.json").iter_errors(body))


def test_every_code_is_five_digits_once_prefixed():
    for key in ERRORS:
        for provider in PROVIDER_CODES:
            code = error_object(key, provider)["code"]
            assert len(code) == 5 and code.isdigit()


def test_json_api_on_request(get):
    response = get("/v2/entreprises/000000000", params={"error_format": "json_api"})
    assert response.status_code == 404
    assert response.json == {
        "errors": [
            {
                "code": "01003",
                "title": "Ressource non trouvée",
                "detail": "Le siret ou siren indiqué n'existe pas, n'est pas connu ou ne comporte aucune information "
                "pour cet appel",
                "meta": {"provider": "INSEE"},
            }
        ],
        "gateway_error": True,
    }


def test_authentication_errors_have_no_gateway_error(get):
    response = get("/v2/entreprises/418166096", auth=False)
    assert "gateway_error" not in response.json


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nowhere", 404),
        ("GET", "/v2/entreprises", 404),
        ("POST", "/v2/entreprises/418166096", 405),
        ("DELETE", "/v2/privileges", 405),
        ("GET", "/v2/entreprises/418166096/siege", 404),
    ],
)
def test_framework_errors_are_api_shaped(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.content_type == "application/json; charset=utf-8"
    assert not list(validator("v2/errors.json").iter_errors(response.json))


def test_each_sandbox_error_has_a_code_of_its_own():
    # A client, the console and the kit tell the sandbox's own errors (99xxx) apart by their code alone.
    codes = [spec.code for spec in ERRORS.values() if spec.code.startswith("99")]
    assert sorted(codes) == sorted(set(codes))
