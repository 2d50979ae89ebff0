"""Settings: embedded defaults, overridden by environment variables, then by CLI flags.

| setting | environment variable | default |
|---|---|---|
| host | ``HOST`` | 127.0.0.1 |
| port | ``PORT`` | 8080 |
| jwt_secret | ``MOCKSERVER_JWT_SECRET`` | the public sandbox secret |
| rate_limit_factor | ``MOCKSERVER_RATE_LIMIT_FACTOR`` | 1 (real limits; 0 switches them off) |
| slow_provider_seconds | ``MOCKSERVER_SLOW_PROVIDER_SECONDS`` | 6 |
| journal_size | ``MOCKSERVER_JOURNAL_SIZE`` | 1000 |
| storage_url | ``MOCKSERVER_STORAGE_URL`` | memory:// |
| document_ttl_seconds | ``MOCKSERVER_DOCUMENT_TTL_SECONDS`` | 86400 (document URLs live 24 h) |
| v2_gone | ``MOCKSERVER_V2_GONE`` | false: v2 answers; true: every /v2/ data route is 410 Gone, as since 2023-11-15 |
| workers | ``MOCKSERVER_WORKERS`` | 1 (processes; more need a shared storage) |
| threads | ``MOCKSERVER_THREADS`` | 4 (per worker) |
| access_log | ``MOCKSERVER_ACCESS_LOG`` | text (off, text or json); off when ``CI`` is set |
| admin_token | ``MOCKSERVER_ADMIN_TOKEN`` | none (admin API open); set: every ``/__admin/*`` call needs this Bearer |
"""

import math
import os
from dataclasses import dataclass, fields, replace
from urllib.parse import urlsplit

ENVIRONMENT = {
    "host": "HOST",
    "port": "PORT",
    "jwt_secret": "MOCKSERVER_JWT_SECRET",
    "rate_limit_factor": "MOCKSERVER_RATE_LIMIT_FACTOR",
    "slow_provider_seconds": "MOCKSERVER_SLOW_PROVIDER_SECONDS",
    "journal_size": "MOCKSERVER_JOURNAL_SIZE",
    "storage_url": "MOCKSERVER_STORAGE_URL",
    "document_ttl_seconds": "MOCKSERVER_DOCUMENT_TTL_SECONDS",
    "v2_gone": "MOCKSERVER_V2_GONE",
    "workers": "MOCKSERVER_WORKERS",
    "threads": "MOCKSERVER_THREADS",
    "access_log": "MOCKSERVER_ACCESS_LOG",
    "admin_token": "MOCKSERVER_ADMIN_TOKEN",
}
BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _parse_bool(text: str) -> bool:
    """Read a boolean setting; anything but the usual spellings is an error, not a silent false."""
    return BOOLEANS[text.strip().lower()]


# How a setting's type reads its environment variable, where the type itself does not.
PARSERS = {bool: _parse_bool}
ACCESS_LOG_FORMATS = ("off", "text", "json")
STORAGE_SCHEMES = ("memory", "redis", "rediss", "redis+unix")
# Settings whose value is a secret: an error names them, never shows them.
SECRETS = ("jwt_secret", "admin_token")
SHORTEST_ADMIN_TOKEN = 16
# Settings the command line does not take (a secret in a flag would show in the process list).
NO_FLAG = ("jwt_secret",)


def _finite_at_least(lowest: float):
    return lambda value: math.isfinite(value) and value >= lowest


# What each setting allows: the check, and how an error message says it.
ALLOWED = {
    "host": (bool, "an interface address or name, e.g. 127.0.0.1 or 0.0.0.0"),
    "port": (lambda v: 1 <= v <= 65535, "a whole number from 1 to 65535"),
    "jwt_secret": (bool, "a non-empty secret"),
    "rate_limit_factor": (_finite_at_least(0), "a number >= 0 (1: the real limits, 0: no limits)"),
    "slow_provider_seconds": (_finite_at_least(0), "a number of seconds >= 0"),
    "journal_size": (lambda v: v >= 0, "a whole number >= 0"),
    "storage_url": (lambda v: urlsplit(v).scheme in STORAGE_SCHEMES, "memory:// or redis://host:port/db"),
    "document_ttl_seconds": (lambda v: v >= 1, "a whole number of seconds >= 1"),
    "v2_gone": (lambda v: True, "true or false"),
    "workers": (lambda v: v >= 1, "a whole number >= 1"),
    "threads": (lambda v: v >= 1, "a whole number >= 1"),
    "access_log": (lambda v: v in ACCESS_LOG_FORMATS, " or ".join(ACCESS_LOG_FORMATS)),
    "admin_token": (
        lambda v: v == "" or (len(v) >= SHORTEST_ADMIN_TOKEN and v.isprintable() and " " not in v),
        f"empty (admin API open) or at least {SHORTEST_ADMIN_TOKEN} printable characters without spaces",
    ),
}


def refusal(name: str, value: object) -> ValueError:
    """Return the error of a setting's bad value: its variable and flag, its value (unless secret), what is allowed."""
    where = ENVIRONMENT[name] if name in NO_FLAG else f"{ENVIRONMENT[name]} / --{name.replace('_', '-')}"
    shown = "(hidden)" if name in SECRETS else repr(value)
    return ValueError(f"{where} = {shown}: expected {ALLOWED[name][1]}")


# Defaults for a person at a terminal; with ``CI`` set, the dataclass's quieter ones stand.
TERMINAL_DEFAULTS = {"access_log": "text"}


# The sandbox's signing secret, public by design: anyone may mint a sandbox token.
DEFAULT_SECRET = "api-entreprise-sandbox-public-secret"


@dataclass(frozen=True)
class Settings:
    """Everything that can be configured."""

    host: str = "127.0.0.1"
    port: int = 8080
    jwt_secret: str = DEFAULT_SECRET
    rate_limit_factor: float = 1.0
    slow_provider_seconds: float = 6.0
    journal_size: int = 1000
    storage_url: str = "memory://"
    document_ttl_seconds: int = 86400
    v2_gone: bool = False
    workers: int = 1
    threads: int = 4
    access_log: str = "off"
    admin_token: str = ""

    def __post_init__(self):
        for name, (allowed, _) in ALLOWED.items():
            if not allowed(getattr(self, name)):
                raise refusal(name, getattr(self, name))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Build settings from the defaults, ``environ`` (the process's by default), then overrides."""
        environ = os.environ if environ is None else environ
        types = {f.name: f.type for f in fields(cls)}
        values = {} if environ.get("CI") else dict(TERMINAL_DEFAULTS)
        for name, variable in ENVIRONMENT.items():
            if environ.get(variable, "") != "":
                try:
                    values[name] = PARSERS.get(types[name], types[name])(environ[variable])
                except (ValueError, KeyError):
                    raise refusal(name, environ[variable]) from None
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def private_secret(self) -> bool:
        """Tell whether tokens are signed with a secret of this deployment, not the public one."""
        return self.jwt_secret != DEFAULT_SECRET

    def environment(self) -> dict[str, str]:
        """Return the environment variables that give these settings to another process."""
        return {variable: str(getattr(self, name)) for name, variable in ENVIRONMENT.items()}
