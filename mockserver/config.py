"""Settings: embedded defaults, overridden by environment variables, then by CLI flags.

Each setting is one field of ``Settings``: its default, and in its metadata what it does;
``ENVIRONMENT`` names its variable. ``docs/configuration.md`` is generated from them.
"""

import ipaddress
import math
import os
import re
import socket
from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlsplit

from mockserver import clock

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
    "admin_hosts": "MOCKSERVER_ADMIN_HOSTS",
    "clock": "MOCKSERVER_CLOCK",
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


def _is_clock(text: str) -> bool:
    """Tell whether ``text`` pins a clock the world can be read at (empty: today)."""
    try:
        return text == "" or bool(clock.parse(text, clock.HISTORY_END))
    except ValueError:
        return False


def _finite_at_least(lowest: float):
    return lambda value: math.isfinite(value) and value >= lowest


# A host name as RFC 1123 spells it: dot-separated labels of letters, digits and inner hyphens.
HOST_NAME = re.compile(
    r"(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
)


def _is_host(value: str) -> bool:
    """Tell whether ``value`` is an IP address or a well-formed host name (``localhost``, ``sandbox.local``)."""
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return HOST_NAME.fullmatch(value) is not None


# What each setting allows: the check, and how an error message says it.
ALLOWED = {
    "host": (
        _is_host,
        "an interface address or a host name this machine resolves, e.g. 127.0.0.1, 0.0.0.0 or localhost",
    ),
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
    "admin_hosts": (
        lambda v: all(name.strip() and name.strip().isprintable() for name in v.split(",")) if v else True,
        "host names separated by commas (e.g. qa.example.org,sandbox), or * for any",
    ),
    "clock": (_is_clock, "empty (today in Paris) or a date or ISO 8601 date and time from 1900 to 2100"),
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

    host: str = field(default="127.0.0.1", metadata={"help": "interface to bind"})
    port: int = field(default=8080, metadata={"help": "port to bind"})
    jwt_secret: str = field(
        default=DEFAULT_SECRET,
        metadata={"help": "secret the tokens are signed with, and the document names sealed with (public by default)"},
    )
    rate_limit_factor: float = field(
        default=1.0, metadata={"help": "scale the real rate limits; 0 switches them off, 0.1 is a tenth"}
    )
    slow_provider_seconds: float = field(default=6.0, metadata={"help": "delay of the slow_provider scenario"})
    journal_size: int = field(default=1000, metadata={"help": "requests kept in the journal"})
    storage_url: str = field(
        default="memory://",
        metadata={
            "help": "where rate-limit counters, the journal, the forcing and the pinned clock live: memory://, "
            "or redis://host:6379/0 to share"
        },
    )
    document_ttl_seconds: int = field(
        default=86400, metadata={"help": "lifetime of document URLs, as production's 24 h"}
    )
    v2_gone: bool = field(
        default=False,
        metadata={"help": "answer every /v2/ data route 410 Gone, as production does since 2023-11-15"},
    )
    workers: int = field(default=1, metadata={"help": "worker processes (more need a shared storage)"})
    threads: int = field(default=4, metadata={"help": "threads per worker"})
    access_log: str = field(
        default="off",
        metadata={"help": "one line per request on stdout: off, text or json (text at a terminal, off in CI)"},
    )
    admin_token: str = field(
        default="",
        metadata={
            "help": f"Bearer token every /__admin/* call needs, {SHORTEST_ADMIN_TOKEN} characters or more "
            "(none: the admin API is open)"
        },
    )
    admin_hosts: str = field(
        default="",
        metadata={
            "help": "without an admin token, Host names the admin API answers besides loopback and --host "
            "(comma-separated; * for any)"
        },
    )

    clock: str = field(
        default="",
        metadata={
            "help": "pin the world's instant, e.g. 2024-01-15 or 2024-01-15T09:30:00+01:00 (none: today in Paris)"
        },
    )

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

    @classmethod
    def help(cls, name: str) -> str:
        """Return what setting ``name`` does."""
        return next(f.metadata["help"] for f in fields(cls) if f.name == name)

    @property
    def private_secret(self) -> bool:
        """Tell whether tokens are signed with a secret of this deployment, not the public one."""
        return self.jwt_secret != DEFAULT_SECRET

    def bind_address(self) -> str:
        """Return the address to listen on: ``host`` itself when it is an IP address, else what it resolves to.

        The server binds addresses only; a name resolves as servers resolve it, an IPv4 address first
        (``localhost`` is 127.0.0.1 where it is also ::1). A name that resolves to nothing is refused here,
        before the server prints anything.
        """
        try:
            return str(ipaddress.ip_address(self.host))
        except ValueError:
            pass
        try:
            found = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise refusal("host", self.host) from None
        found.sort(key=lambda entry: entry[0] != socket.AF_INET)
        return found[0][4][0]

    def environment(self) -> dict[str, str]:
        """Return the environment variables that give these settings to another process."""
        return {variable: str(getattr(self, name)) for name, variable in ENVIRONMENT.items()}
