import base64
import json
import time

import jwt
import pytest

from mockserver.config import DEFAULT_SECRET
from mockserver.rules import auth
from mockserver.rules.auth import mint, preset_token

UID = "0b7b2a1e-6f2b-4c1e-9b0a-1d2c3e4f5a6b"
ENTREPRISE = "/v2/entreprises/418166096"


def make(privileges=("entreprises",), secret=DEFAULT_SECRET, **overrides):
    claims = {"uid": UID, "jti": UID, "roles": list(privileges), "iat": 1, "exp": int(time.time()) + 3600}
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, secret, algorithm="HS256")


def unsigned(claims):
    def b64(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."


def test_token_in_query_parameter(get, token):
    response = get(ENTREPRISE, params={"token": token}, auth=False)
    assert response.status_code == 200


def test_token_in_bearer_header(get):
    assert get(ENTREPRISE).status_code == 200


# siade UserResolutionMiddleware: the first of the Bearer header, X-Api-Key and ?token= is kept when
# it is a token the API issued; otherwise HandleTokens reads ?token=, then the Bearer header.
def test_a_valid_bearer_token_wins_over_the_query_parameter(get):
    assert get(ENTREPRISE, params={"token": "not-a-jwt"}).status_code == 200


def test_an_invalid_bearer_token_falls_back_to_the_query_parameter(get, token):
    response = get(ENTREPRISE, params={"token": token}, headers={"Authorization": "Bearer not-a-jwt"})
    assert response.status_code == 200


def test_a_token_in_the_x_api_key_header(get, token):
    assert get(ENTREPRISE, headers={"X-Api-Key": token}, auth=False).status_code == 200
    refused = get(ENTREPRISE, headers={"X-Api-Key": "not-a-jwt"}, params={"error_format": "json_api"}, auth=False)
    assert (refused.status_code, refused.json["errors"][0]["code"]) == (401, "00101")


def test_an_invalid_x_api_key_leaves_the_query_parameter_then_nothing(get, token):
    assert get(ENTREPRISE, params={"token": token}, headers={"X-Api-Key": "not-a-jwt"}, auth=False).status_code == 200
    # The controller's fallback reads ?token= and the Bearer header only: a valid key behind an invalid
    # Bearer header is never looked at.
    behind = get(ENTREPRISE, headers={"Authorization": "Bearer not-a-jwt", "X-Api-Key": token}, auth=False)
    assert behind.status_code == 401


def test_a_bearer_token_wins_over_the_x_api_key_header(get):
    revoked = preset_token("revoked", DEFAULT_SECRET)
    assert get(ENTREPRISE, headers={"X-Api-Key": revoked}).status_code == 200


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not-a-jwt",
        "a.b.c",
        make(secret="another-secret-of-thirty-two-bytes-or-more"),
        make(uid="not-a-uuid"),
        make(jti="0B7B2A1E-6F2B-4C1E-9B0A-1D2C3E4F5A6B"),
        make(uid=None),
        make(roles="entreprises"),
        unsigned({"uid": UID, "jti": UID, "roles": ["entreprises"]}),
        jwt.encode({"uid": UID, "jti": UID, "roles": ["entreprises"]}, DEFAULT_SECRET * 2, algorithm="HS512"),
        make() + "x",
    ],
    ids=[
        "empty",
        "garbage",
        "three-dots",
        "bad-signature",
        "uid",
        "jti-uppercase",
        "no-uid",
        "roles-not-list",
        "alg-none",
        "hs512",
        "tampered",
    ],
)
def test_invalid_tokens_get_00101(get, raw):
    response = get(ENTREPRISE, headers={"Authorization": f"Bearer {raw}"}, params={"error_format": "json_api"})
    assert response.status_code == 401
    assert response.json["errors"][0]["code"] == "00101"


def test_missing_token_gets_the_real_flat_message(get):
    response = get(ENTREPRISE, auth=False)
    assert response.status_code == 401
    assert response.json == {"errors": ["Votre token n'est pas valide ou n'est pas renseigné"]}


def test_bearer_scheme_is_required(get):
    response = get(ENTREPRISE, headers={"Authorization": f"Token {make()}"})
    assert response.status_code == 401


def test_expired_token_gets_00103(get):
    response = get(
        ENTREPRISE, headers={"Authorization": f"Bearer {make(exp=1000)}"}, params={"error_format": "json_api"}
    )
    assert response.status_code == 401
    assert response.json["errors"][0]["code"] == "00103"
    assert response.json["errors"][0]["title"] == "Jeton expiré"


def test_token_without_exp_never_expires(get):
    assert get(ENTREPRISE, headers={"Authorization": f"Bearer {make(exp=None)}"}).status_code == 200


def test_expired_preset_is_expired(get):
    expired = preset_token("expired", DEFAULT_SECRET)
    assert get(ENTREPRISE, headers={"Authorization": f"Bearer {expired}"}).status_code == 401


def test_scopes_claim_and_roles_claim_both_grant(get):
    scopes = mint(DEFAULT_SECRET, ["entreprises"], claim="scopes", issued_at=1, expires_at=None)
    roles = mint(DEFAULT_SECRET, ["entreprises"], claim="roles", issued_at=1, expires_at=None)
    for raw in (scopes, roles):
        assert get(ENTREPRISE, headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_missing_role_gets_403_00100(get):
    restricted = preset_token("restricted", DEFAULT_SECRET)
    response = get(
        "/v2/etablissements/41816609600069",
        headers={"Authorization": f"Bearer {restricted}"},
        params={"error_format": "json_api"},
    )
    assert response.status_code == 403
    assert response.json["errors"][0]["code"] == "00100"
    assert get(ENTREPRISE, headers={"Authorization": f"Bearer {restricted}"}).status_code == 200


def test_privileges_lists_the_token_roles_without_traceability(client):
    restricted = preset_token("restricted", DEFAULT_SECRET)
    response = client.get("/v2/privileges", headers={"Authorization": f"Bearer {restricted}"})
    assert response.status_code == 200
    assert response.json == {"privileges": ["entreprises"]}


def test_privileges_check_no_recipient(client, token):
    # siade PrivilegesController is no V3AndMore::BaseController: no verify_recipient_is_a_siret!.
    for recipient in ("123", "  ", "41816609600052"):
        response = client.get(
            "/privileges", query_string={"recipient": recipient}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200


def test_only_the_ip_restricted_preset_is_restricted_to_addresses():
    restricted = auth.verify(preset_token("ip_restricted", DEFAULT_SECRET), DEFAULT_SECRET, time.time())
    default = auth.verify(preset_token("default", DEFAULT_SECRET), DEFAULT_SECRET, time.time())
    assert auth.ip_restricted(restricted) and not auth.ip_restricted(default)


def test_the_token_cache_keeps_the_latest_tokens_within_its_bytes():
    cost = 10 + 6 + auth.ENTRY_OVERHEAD_BYTES
    cache = auth.TokenCache(max_bytes=2 * cost)
    token = auth.verify(preset_token("default", DEFAULT_SECRET), DEFAULT_SECRET, time.time())
    for raw in ("a" * 10, "b" * 10, "c" * 10):
        cache.put(raw, "secret", token)
        cache.put(raw, "secret", token)
    assert (len(cache), cache.size) == (2, 2 * cost)
    assert cache.get("a" * 10, "secret") is None and cache.get("c" * 10, "secret") is token
    # The longest token kept is LONGEST_CACHED_TOKEN characters; a longer one is verified every time.
    roomy = auth.TokenCache(max_bytes=10 * auth.LONGEST_CACHED_TOKEN)
    roomy.put("x" * auth.LONGEST_CACHED_TOKEN, "s", token)
    roomy.put("y" * (auth.LONGEST_CACHED_TOKEN + 1), "s", token)
    assert len(roomy) == 1 and roomy.get("x" * auth.LONGEST_CACHED_TOKEN, "s") is token
    cache.clear()
    assert (len(cache), cache.size) == (0, 0)


def test_a_token_without_a_privileges_claim_is_valid_and_grants_nothing(client):
    # A signed token of the right shape whose claims list no scopes (nor roles): authenticated, then 403 00100.
    claims = {"uid": "11111111-1111-4111-8111-111111111111", "jti": "22222222-2222-4222-8222-222222222222"}
    raw = jwt.encode({**claims, "sub": "sandbox", "iat": 0, "version": "1.0"}, DEFAULT_SECRET, algorithm="HS256")
    assert auth.verify(raw, DEFAULT_SECRET, time.time()).privileges == ()
    response = client.get(
        "/v3/insee/sirene/unites_legales/418166096",
        query_string={"context": "c", "recipient": "13002526500013", "object": "o"},
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert (response.status_code, response.json["errors"][0]["code"]) == (403, "00100")


def test_minted_token_carries_the_real_claims():
    raw = mint(DEFAULT_SECRET, ["entreprises"], issued_at=10, expires_at=20)
    claims = jwt.decode(raw, DEFAULT_SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert set(claims) == {"uid", "jti", "scopes", "sub", "iat", "version", "exp"}
    assert auth.UUID_SHAPE.fullmatch(claims["uid"]) and auth.UUID_SHAPE.fullmatch(claims["jti"])


def test_presets_are_stable_bytes():
    assert preset_token("default", DEFAULT_SECRET) == preset_token("default", DEFAULT_SECRET)
    assert preset_token("default", DEFAULT_SECRET) != preset_token(
        "default", "another-secret-of-thirty-two-bytes-or-more"
    )


def test_minted_claims_are_the_real_tokens_ones_exactly():
    uid, jti = "00000000-0000-4000-8000-0000000000aa", "00000000-0000-4000-8000-0000000000bb"
    raw = mint(DEFAULT_SECRET, ["entreprises"], issued_at=10, expires_at=20, uid=uid, jti=jti)
    assert jwt.get_unverified_header(raw)["alg"] == "HS256"
    claims = jwt.decode(raw, DEFAULT_SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert claims == {
        "uid": uid,
        "jti": jti,
        "scopes": ["entreprises"],
        "sub": "sandbox",
        "iat": 10,
        "version": "1.0",
        "exp": 20,
    }


@pytest.mark.parametrize("name", ["default", "restricted", "expired", "revoked", "ip_restricted"])
def test_a_preset_token_carries_its_rows_claims(name):
    row = auth.load_presets()[name]
    claims = jwt.decode(
        preset_token(name, DEFAULT_SECRET), DEFAULT_SECRET, algorithms=["HS256"], options={"verify_exp": False}
    )
    assert claims == {
        "uid": row["uid"],
        "jti": row["jti"],
        "scopes": row["privileges"],
        "sub": row["sub"],
        "iat": row["iat"],
        "version": "1.0",
        "exp": row["exp"],
    }
    assert auth.preset_tokens(DEFAULT_SECRET)[name] == {
        "description": row["description"],
        "token": preset_token(name, DEFAULT_SECRET),
    }


def test_a_preset_may_carry_v2_roles(monkeypatch):
    row = {**auth.load_presets()["default"], "claim": "roles", "privileges": ["entreprises"]}
    monkeypatch.setattr(auth, "load_presets", lambda: {"v2_era": row})
    claims = jwt.decode(auth.preset_token("v2_era", DEFAULT_SECRET), DEFAULT_SECRET, algorithms=["HS256"])
    assert claims["roles"] == ["entreprises"] and "scopes" not in claims
