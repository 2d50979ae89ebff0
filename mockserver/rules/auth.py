"""Tokens: HS256 JWTs with the claims of the real ones (CONTRACT §1.2, §3.2).

The sandbox's signing secret is public by design (anyone may mint a sandbox token); it can be
replaced with ``MOCKSERVER_JWT_SECRET``. Privileges are read from ``scopes`` (current tokens)
or ``roles`` (v2-era tokens). Expiry is checked by hand after the signature, as the real
server does, so that an expired token gets its own error (00103) and a token without ``exp``
never expires. Verified tokens are kept in a cache bounded in bytes; a token that fails is
never kept, so a caller sending junk cannot make the process grow.
"""

import ipaddress
import json
import re
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

import jwt

from mockserver.paths import FIXTURES_DIR
from mockserver.rules.errors import ApiError

ALGORITHM = "HS256"
# A token minted with --expired expires on 2024-01-01: any date in the past does.
EXPIRED_AT = 1704067200
# A real token lives 18 months.
VALID_FOR = 18 * 30 * 86400
TOKEN_SHAPE = re.compile(r"([a-zA-Z0-9_-]+\.){2}([a-zA-Z0-9_-]+)?")
BEARER = re.compile(r"Bearer (.+)")
UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Bytes of token text the verification cache holds at most: a real token is under 1 KB, so thousands.
CACHE_BYTES = 2 * 1024 * 1024
# The header production also takes a token from, after the Bearer one (siade UserResolutionMiddleware).
API_KEY_HEADER = "X-Api-Key"
# A token longer than this is verified on each call, never cached: no real token comes near it.
LONGEST_CACHED_TOKEN = 4096
# What an entry costs besides its text (the key tuple, the Token, the dict slot), roughly.
ENTRY_OVERHEAD_BYTES = 400


@dataclass(frozen=True)
class Token:
    """The verified claims of a token that matter to the API."""

    uid: str
    jti: str
    privileges: tuple[str, ...]
    expires_at: int | None
    # The token may call the MCP endpoint: any value but false or null, as production reads the claim (siade JwtUser).
    mcp: bool = False

    def allows(self, scopes: tuple[str, ...]) -> bool:
        """Tell whether the token carries one of ``scopes`` (none needed: always)."""
        return not scopes or any(scope in self.privileges for scope in scopes)


def raw_token(query_token: str | None, authorization: str | None, api_key: str | None, secret: str) -> str | None:
    """Return the token a request is authenticated with, chosen as production chooses it.

    Production's middleware (siade ``UserResolutionMiddleware``) takes the first of the Bearer
    header, the ``X-Api-Key`` header and the ``token`` query parameter, and keeps it when it is a
    token the API issued; otherwise the controller (``HandleTokens``) reads the ``token`` query
    parameter, then the Bearer header.
    """
    match = BEARER.fullmatch(authorization or "")
    bearer = match.group(1) if match else None
    first = bearer or api_key or query_token
    if first and _decode(first, secret) is not None:
        return first
    return query_token or bearer


class TokenCache:
    """Tokens verified lately, least recently used dropped first, bounded in bytes; only valid tokens."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._tokens: OrderedDict[tuple[str, str], Token] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, raw: str, secret: str) -> Token | None:
        with self._lock:
            token = self._tokens.get((raw, secret))
            if token is not None:
                self._tokens.move_to_end((raw, secret))
            return token

    def put(self, raw: str, secret: str, token: Token) -> None:
        if len(raw) > LONGEST_CACHED_TOKEN:
            return
        with self._lock:
            if (raw, secret) in self._tokens:
                return
            self._tokens[(raw, secret)] = token
            self.size += _cost(raw, secret)
            while self.size > self.max_bytes:
                (old_raw, old_secret), _ = self._tokens.popitem(last=False)
                self.size -= _cost(old_raw, old_secret)

    def clear(self) -> None:
        """Forget every token."""
        with self._lock:
            self._tokens.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._tokens)


def _cost(raw: str, secret: str) -> int:
    """Return what one cache entry weighs, roughly, in bytes."""
    return len(raw) + len(secret) + ENTRY_OVERHEAD_BYTES


VERIFIED = TokenCache(CACHE_BYTES)


def _decode(raw: str, secret: str) -> Token | None:
    """Return the claims of a token, from the cache of valid ones or verified now; None if invalid."""
    token = VERIFIED.get(raw, secret)
    if token is None:
        token = _verify_claims(raw, secret)
        if token is not None:
            VERIFIED.put(raw, secret, token)
    return token


def _verify_claims(raw: str, secret: str) -> Token | None:
    """Verify shape, signature and claim formats; return the claims, or None if invalid."""
    if not TOKEN_SHAPE.fullmatch(raw):
        return None
    try:
        # Expiry is the pipeline's check (401 00103); ruby-jwt 3 checks no iat, so a token issued "later" is valid.
        claims = jwt.decode(raw, secret, algorithms=[ALGORITHM], options={"verify_exp": False, "verify_iat": False})
    except jwt.PyJWTError:
        return None
    uid, jti = claims.get("uid"), claims.get("jti")
    if not (isinstance(uid, str) and UUID_SHAPE.fullmatch(uid)):
        return None
    if not (isinstance(jti, str) and UUID_SHAPE.fullmatch(jti)):
        return None
    privileges = claims.get("scopes", claims.get("roles", []))
    expires_at = claims.get("exp")
    if not isinstance(privileges, list) or not all(isinstance(p, str) for p in privileges):
        return None
    if expires_at is not None and not isinstance(expires_at, int):
        return None
    mcp = claims.get("mcp") not in (None, False)
    return Token(uid=uid, jti=jti, privileges=tuple(privileges), expires_at=expires_at, mcp=mcp)


@cache
def blocklists() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Return the revoked tokens' ids and the addresses each restricted token allows, from the presets."""
    presets = load_presets().values()
    revoked = frozenset(preset["jti"] for preset in presets if preset.get("revoked"))
    allowed = {preset["jti"]: tuple(preset["allowed_ips"]) for preset in presets if preset.get("allowed_ips")}
    return revoked, allowed


def ip_restricted(token: Token) -> bool:
    """Tell whether ``token`` is allowed from some addresses only (its answers depend on the client's)."""
    return token.jti in blocklists()[1]


def ip_allowed(client_ip: str, allowed: tuple[str, ...]) -> bool:
    """Tell whether ``client_ip`` is one of ``allowed`` (addresses or CIDR blocks); garbage never is."""
    try:
        address = ipaddress.ip_address(client_ip.strip())
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(block) for block in allowed)


def screen(raw: str | None, secret: str, client_ip: str) -> None:
    """Raise 401 (00105) for a revoked token, 403 (00107) for an address the token does not allow.

    The real API blocks these in front of the application, before the rate limit and whatever
    the token's expiry, for any token it can read.
    """
    token = _decode(raw, secret) if raw else None
    if token is None:
        return
    revoked, allowed = blocklists()
    if token.jti in revoked:
        raise ApiError("blacklisted_token")
    if token.jti in allowed and not ip_allowed(client_ip, allowed[token.jti]):
        raise ApiError("forbidden_ip")


def verify(raw: str | None, secret: str, now: float) -> Token:
    """Return the token's claims, or raise the API's 401 for a missing, invalid or expired one."""
    token = _decode(raw, secret) if raw else None
    if token is None:
        raise ApiError("invalid_token")
    if token.expires_at is not None and token.expires_at < now:
        raise ApiError("expired_token")
    return token


def mint(
    secret: str,
    privileges: list[str],
    *,
    claim: str = "scopes",
    issued_at: int,
    expires_at: int | None,
    uid: str | None = None,
    jti: str | None = None,
    subject: str = "sandbox",
    mcp: bool = False,
) -> str:
    """Sign a token with the claims a real API Entreprise token carries."""
    claims = {
        "uid": uid or str(uuid.uuid4()),
        "jti": jti or str(uuid.uuid4()),
        claim: privileges,
        "sub": subject,
        "iat": issued_at,
        "version": "1.0",
    }
    if expires_at is not None:
        claims["exp"] = expires_at
    if mcp:
        claims["mcp"] = True
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


@cache  # read once: the admin API and the console list the presets on every call
def load_presets() -> dict[str, dict]:
    """Load the token presets of ``fixtures/tokens.json``."""
    with open(FIXTURES_DIR / "tokens.json", encoding="utf-8") as handle:
        return json.load(handle)["presets"]


def preset_token(name: str, secret: str) -> str:
    """Mint the preset token ``name`` with ``secret``."""
    preset = load_presets()[name]
    return mint(
        secret,
        preset["privileges"],
        claim=preset.get("claim", "scopes"),
        issued_at=preset["iat"],
        expires_at=preset.get("exp"),
        uid=preset["uid"],
        jti=preset["jti"],
        subject=preset["sub"],
        mcp=preset.get("mcp", False),
    )


def preset_tokens(secret: str) -> dict[str, dict]:
    """Return every preset's description and token, as the admin API and the console list them."""
    return {
        name: {"description": preset["description"], "token": preset_token(name, secret)}
        for name, preset in load_presets().items()
    }
