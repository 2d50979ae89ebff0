"""Settings: embedded defaults, overridden by environment variables, then by CLI flags.

Each setting is one field of ``Settings``: its default, and in its metadata what it does;
``ENVIRONMENT`` names its variable. ``docs/configuration.md`` is generated from them.
"""

import os
from dataclasses import dataclass, field, fields, replace

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
}
BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _parse_bool(text: str) -> bool:
    """Read a boolean setting; anything but the usual spellings is an error, not a silent false."""
    try:
        return BOOLEANS[text.strip().lower()]
    except KeyError:
        raise ValueError(f"not a boolean: {text!r} (true or false)") from None


# How a setting's type reads its environment variable, where the type itself does not.
PARSERS = {bool: _parse_bool}
ACCESS_LOG_FORMATS = ("off", "text", "json")
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
        metadata={"help": "where rate-limit counters and the journal live: memory://, or redis://host:6379/0 to share"},
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

    def __post_init__(self):
        if self.access_log not in ACCESS_LOG_FORMATS:
            raise ValueError(f"access log {self.access_log!r}: choose one of {', '.join(ACCESS_LOG_FORMATS)}")
        if self.workers < 1 or self.threads < 1:
            raise ValueError("workers and threads must be at least 1")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Build settings from the defaults, ``environ`` (the process's by default), then overrides."""
        environ = os.environ if environ is None else environ
        types = {f.name: f.type for f in fields(cls)}
        values = {} if environ.get("CI") else dict(TERMINAL_DEFAULTS)
        for name, variable in ENVIRONMENT.items():
            if environ.get(variable, "") != "":
                values[name] = PARSERS.get(types[name], types[name])(environ[variable])
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    @classmethod
    def help(cls, name: str) -> str:
        """Return what setting ``name`` does."""
        return next(f.metadata["help"] for f in fields(cls) if f.name == name)

    def environment(self) -> dict[str, str]:
        """Return the environment variables that give these settings to another process."""
        return {variable: str(getattr(self, name)) for name, variable in ENVIRONMENT.items()}
