"""The ``api-entreprise-mock`` command: serve the sandbox, mint tokens, list scenarios, write OpenAPI.

``serve`` runs the application under gunicorn (threads in one worker by default, so the
in-memory journal and rate-limit counters are one), prints a banner with what an
integrator needs to start, and takes its settings from flags, then environment variables,
then the embedded defaults.
"""

import argparse
import json
import sys
import time

from mockserver import scenarios
from mockserver.auth import mint, preset_token
from mockserver.config import ENVIRONMENT, Settings

EXPIRED_AT = 1704067200  # 2024-01-01: any date in the past does
VALID_FOR = 18 * 30 * 86400  # a real token lives 18 months


def _banner(settings: Settings, workers: int, threads: int) -> str:
    """Return the start-up banner: where the sandbox is and how to call it."""
    base = f"http://{settings.host}:{settings.port}"
    token = preset_token("default", settings.jwt_secret)
    limits = "off" if settings.rate_limit_factor == 0 else f"x{settings.rate_limit_factor:g} of the real ones"
    example = "v3/insee/sirene/unites_legales/418166096" if settings.v2_gone else "v2/entreprises/418166096"
    return "\n".join(
        (
            "API Entreprise sandbox",
            f"  base URL     {base}",
            f"  serving      gunicorn, {workers} worker(s) x {threads} thread(s)",
            f"  rate limits  {limits}; storage {settings.storage_url}",
            f"  v2 routes    {'410 Gone, as in production since 2023-11-15' if settings.v2_gone else 'answering'}",
            f"  scenarios    {base}/__admin/scenarios  (header {scenarios.HEADER}: <name>)",
            f"  journal      {base}/__admin/requests",
            f"  tokens       {base}/__admin/tokens",
            "  default token (every scope, valid until 2100):",
            f"    {token}",
            "  try:",
            f"    curl -H 'Authorization: Bearer {token[:16]}…' \\",
            f"      '{base}/{example}?context=test&recipient=13002526500013&object=essai'",
            "",
        )
    )


def serve(args: argparse.Namespace) -> int:
    """Run the sandbox under gunicorn until interrupted."""
    from gunicorn.app.base import BaseApplication

    from mockserver.app import create_app

    settings = Settings.from_env(
        host=args.host,
        port=args.port,
        rate_limit_factor=args.rate_limit_factor,
        slow_provider_seconds=args.slow_provider_seconds,
        storage_url=args.storage_url,
        journal_size=args.journal_size,
        document_ttl_seconds=args.document_ttl_seconds,
        v2_gone=args.v2_gone or None,
    )
    application = create_app(settings)

    class SandboxServer(BaseApplication):
        """gunicorn serving the already-built application."""

        def load_config(self):
            options = {
                "bind": f"{settings.host}:{settings.port}",
                "workers": args.workers,
                "threads": args.threads,
                "worker_class": "gthread",
                # Let over-long URLs reach the application, which answers them with an API error.
                "limit_request_line": 0,
                "accesslog": "-" if args.access_log else None,
                "loglevel": "warning",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    print(_banner(settings, args.workers, args.threads), flush=True)
    SandboxServer().run()
    return 0


def token(args: argparse.Namespace) -> int:
    """Print a token: a preset, or one minted with the given scopes."""
    settings = Settings.from_env()
    if args.preset:
        print(preset_token(args.preset, settings.jwt_secret))
        return 0
    now = int(time.time())
    scopes = [s for s in args.scopes.split(",") if s] if args.scopes else []
    expires_at = EXPIRED_AT if args.expired else now + VALID_FOR
    print(mint(settings.jwt_secret, scopes, claim=args.claim, issued_at=now, expires_at=expires_at))
    return 0


def list_scenarios(args: argparse.Namespace) -> int:
    """Print the scenario table as JSON."""
    print(json.dumps(scenarios.table(), ensure_ascii=False, indent=2))
    return 0


def write_openapi(args: argparse.Namespace) -> int:
    """Write the OpenAPI document of a generation of the API, to a file or stdout."""
    from mockserver.openapi import document

    text = json.dumps(document(args.name), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


def parser() -> argparse.ArgumentParser:
    """Build the command-line parser."""
    env = ", ".join(ENVIRONMENT.values())
    root = argparse.ArgumentParser(
        prog="api-entreprise-mock",
        description="A local, offline, deterministic sandbox of API Entreprise.",
        epilog=f"Environment variables: {env}.",
    )
    commands = root.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="serve the sandbox (gunicorn)")
    run.add_argument("--host", help="interface to bind (env HOST; default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port to bind (env PORT; default 8080)")
    run.add_argument("--workers", type=int, default=1, help="gunicorn worker processes (default 1)")
    run.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    run.add_argument(
        "--rate-limit-factor",
        type=float,
        help="scale the real rate limits; 0 switches them off (env MOCKSERVER_RATE_LIMIT_FACTOR)",
    )
    run.add_argument(
        "--slow-provider-seconds",
        type=float,
        help="delay of the slow_provider scenario (env MOCKSERVER_SLOW_PROVIDER_SECONDS; default 6)",
    )
    run.add_argument("--storage-url", help="rate-limit storage, e.g. redis://host:6379 (env MOCKSERVER_STORAGE_URL)")
    run.add_argument("--journal-size", type=int, help="requests kept in the journal (env MOCKSERVER_JOURNAL_SIZE)")
    run.add_argument(
        "--document-ttl-seconds",
        type=int,
        help="lifetime of document URLs (env MOCKSERVER_DOCUMENT_TTL_SECONDS; default 86400, as production)",
    )
    run.add_argument("--access-log", action="store_true", help="log one line per request to stdout")
    run.add_argument(
        "--v2-gone",
        action="store_true",
        help="answer every /v2/ data route 410 Gone, as production does since 2023-11-15 (env MOCKSERVER_V2_GONE)",
    )
    run.set_defaults(handler=serve)

    mint_token = commands.add_parser("token", help="print a sandbox token")
    mint_token.add_argument("--preset", choices=("default", "restricted", "expired"), help="print a preset token")
    mint_token.add_argument("--scopes", help="comma-separated scopes (roles) the token grants")
    mint_token.add_argument("--expired", action="store_true", help="mint an already expired token")
    mint_token.add_argument(
        "--claim",
        choices=("scopes", "roles"),
        default="scopes",
        help="claim carrying the privileges: scopes (current) or roles (v2-era)",
    )
    mint_token.set_defaults(handler=token)

    table = commands.add_parser("scenarios", help="print the scenario table")
    table.set_defaults(handler=list_scenarios)

    spec = commands.add_parser("openapi", help="write the OpenAPI 3.1 document of v2 or of v3/v4")
    spec.add_argument("name", choices=("v2", "v3"), help="v2, or v3 (the v3 and v4 routes)")
    spec.add_argument("-o", "--output", help="file to write (default: stdout)")
    spec.set_defaults(handler=write_openapi)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except ValueError as error:
        print(f"api-entreprise-mock: {error}", file=sys.stderr)
        return 2
