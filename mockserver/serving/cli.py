"""The ``api-entreprise-mock`` command: serve the sandbox, mint tokens, list scenarios, write OpenAPI.

``serve`` runs the application under a production server (see ``serving``: threads in one
worker by default, so the in-memory journal and rate-limit counters are one), prints a
banner with what an integrator needs to start, and takes its settings from flags, then
environment variables, then the embedded defaults.
"""

import argparse
import json
import sys
import time

from mockserver.config import ACCESS_LOG_FORMATS, ENVIRONMENT, Settings
from mockserver.rules import scenarios
from mockserver.rules.auth import EXPIRED_AT, VALID_FOR, mint, preset_token


def serve(args: argparse.Namespace) -> int:
    """Run the sandbox (granian) until interrupted."""
    from mockserver.serving import server

    settings = Settings.from_env(
        host=args.host,
        port=args.port,
        rate_limit_factor=args.rate_limit_factor,
        slow_provider_seconds=args.slow_provider_seconds,
        storage_url=args.storage_url,
        journal_size=args.journal_size,
        document_ttl_seconds=args.document_ttl_seconds,
        v2_gone=args.v2_gone or None,
        workers=args.workers,
        threads=args.threads,
        access_log=args.access_log,
        admin_token=args.admin_token,
    )
    server.serve(settings)
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
    from mockserver.http.openapi import document

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

    run = commands.add_parser("serve", help="serve the sandbox (granian)")
    run.add_argument("--host", help="interface to bind (env HOST; default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port to bind (env PORT; default 8080)")
    run.add_argument("--workers", type=int, help="worker processes (env MOCKSERVER_WORKERS; default 1)")
    run.add_argument("--threads", type=int, help="threads per worker (env MOCKSERVER_THREADS; default 4)")
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
    run.add_argument(
        "--access-log",
        choices=ACCESS_LOG_FORMATS,
        help="one line per request on stdout, as text or json (env MOCKSERVER_ACCESS_LOG; default text, off in CI)",
    )
    run.add_argument(
        "--admin-token",
        help="require this Bearer token on every /__admin/* call (env MOCKSERVER_ADMIN_TOKEN, preferred: "
        "a flag shows in the process list)",
    )
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
