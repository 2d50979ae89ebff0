"""The ``api-entreprise-mock`` command: serve the sandbox, mint tokens, list scenarios, write OpenAPI.

``serve`` runs the application under a production server (see ``serving``: threads in one
worker by default, so the in-memory journal and rate-limit counters are one), prints a
banner with what an integrator needs to start, and takes its settings from flags, then
environment variables, then the embedded defaults.
"""

import argparse
import http.client
import json
import os
import shutil
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import fields

from mockserver.config import ACCESS_LOG_FORMATS, ENVIRONMENT, TERMINAL_DEFAULTS, Settings
from mockserver.http.verification import FORMATS
from mockserver.rules import scenarios
from mockserver.rules.auth import EXPIRED_AT, VALID_FOR, load_presets, mint, preset_token

DEFAULT_PRESET = "default"
GENERATION_NAMES = {"current": "v3/v4"}
# Settings without a flag: the secret stays out of shell histories and process lists.
NOT_FLAGS = ("jwt_secret",)
SCENARIO_COLUMNS = ("SCENARIO", "STATUS", "PREFER", "RESERVED SIREN", "DESCRIPTION")
SCENARIO_FOOTER = (
    f"Play one with the header {scenarios.HEADER}: <scenario>, or Prefer: code=<PREFER>, or call a",
    "reserved SIREN (or a SIRET of it). Every field, every reserved identifier: --json.",
)
# Width and height of the table when the output is no terminal (a pipe, a file).
TABLE_WIDTH = (120, 24)
# The exit status of a process that a closed pipe stopped (128 + SIGPIPE), as `cat | head` gives.
CLOSED_PIPE = 141
EXAMPLES = """\
examples:
  api-entreprise-mock serve                      serve on http://127.0.0.1:8080 (make run)
  api-entreprise-mock serve --port 9000 --rate-limit-factor 0
  api-entreprise-mock token                      the default token: every scope, valid until 2100
  api-entreprise-mock token --preset restricted  another preset (token --help lists them)
  api-entreprise-mock token --scopes entreprises,etablissements
  api-entreprise-mock token --expired            every scope, expired: every data route answers 401
  api-entreprise-mock scenarios | less           the error and edge cases a request can play
  api-entreprise-mock scenarios --json
  api-entreprise-mock openapi v3 -o openapi.json
  api-entreprise-mock verify                     judge the journal of http://127.0.0.1:8080 since its reset
  api-entreprise-mock verify --format junit --output contract.xml
"""
DEFAULT_URL = "http://127.0.0.1:8080"
# The exit statuses of verify: clean, a rule broken, the sandbox unreachable or the input bad.
VERIFY_PASSED, VERIFY_FAILED = 0, 1
VERIFY_TIMEOUT_SECONDS = 30


def serve(args: argparse.Namespace) -> int:
    """Run the sandbox (granian) until interrupted."""
    from mockserver.serving import server

    flags = {name: getattr(args, name) for name in ENVIRONMENT if name not in NOT_FLAGS}
    server.serve(Settings.from_env(**flags))
    return 0


def add_setting_flags(run: argparse.ArgumentParser) -> None:
    """Give ``serve`` one flag per setting, with what it does, its variable and its default."""
    for setting in fields(Settings):
        if setting.name in NOT_FLAGS:
            continue
        default = TERMINAL_DEFAULTS.get(setting.name, setting.default)
        described = f"{Settings.help(setting.name)} (env {ENVIRONMENT[setting.name]}; default {default})"
        flag = "--" + setting.name.replace("_", "-")
        if setting.type is bool:
            run.add_argument(flag, action="store_true", default=None, help=described)
        else:
            choices = ACCESS_LOG_FORMATS if setting.name == "access_log" else None
            run.add_argument(flag, type=setting.type, choices=choices, help=described)


def token(args: argparse.Namespace) -> int:
    """Print a token: the default preset, another preset, or one minted from the flags."""
    settings = Settings.from_env()
    minting = args.scopes is not None or args.expired or args.claim is not None
    if args.preset and minting:
        raise ValueError("token: --preset takes none of --scopes, --expired, --claim")
    if not minting:
        print(preset_token(args.preset or DEFAULT_PRESET, settings.jwt_secret))
        return 0
    # Without --scopes a minted token keeps every scope, as the default preset does.
    if args.scopes is None:
        scopes = load_presets()[DEFAULT_PRESET]["privileges"]
    else:
        scopes = [scope for scope in args.scopes.split(",") if scope]
    now = int(time.time())
    expires_at = EXPIRED_AT if args.expired else now + VALID_FOR
    print(mint(settings.jwt_secret, scopes, claim=args.claim or "scopes", issued_at=now, expires_at=expires_at))
    return 0


def status_by_generation(statuses: dict[str, int]) -> str:
    """Write a scenario's status, once when every generation of the API answers it alike."""
    if len(set(statuses.values())) == 1:
        return str(next(iter(statuses.values())))
    return ", ".join(
        f"{GENERATION_NAMES.get(generation, generation)} {status}" for generation, status in statuses.items()
    )


def scenario_lines(rows: list[dict], width: int) -> list[str]:
    """Lay the scenario table out for a terminal ``width`` columns wide, descriptions wrapped."""
    cells = [
        (
            row["name"],
            status_by_generation(row["statuses"]),
            str(row["prefer_code"] or "-"),
            " ".join(row["reserved_identifiers"].get("siren", [])) or "-",
        )
        for row in rows
    ]
    widths = [max(len(cell[i]) for cell in [SCENARIO_COLUMNS[:4], *cells]) for i in range(4)]
    indent = sum(widths) + 2 * len(widths)
    wrap = max(width - indent, 30)

    def line(cell: tuple[str, ...], description: str) -> list[str]:
        left = "".join(text.ljust(size + 2) for text, size in zip(cell, widths, strict=True))
        wrapped = textwrap.wrap(description, wrap) or [""]
        return [left + wrapped[0], *(" " * indent + rest for rest in wrapped[1:])]

    lines = line(SCENARIO_COLUMNS[:4], SCENARIO_COLUMNS[4])
    for cell, row in zip(cells, rows, strict=True):
        lines += line(cell, row["description"])
    return [*lines, "", *SCENARIO_FOOTER]


def list_scenarios(args: argparse.Namespace) -> int:
    """Print the scenario table: aligned columns, or JSON with --json."""
    if args.json:
        print(json.dumps(scenarios.table(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(scenario_lines(scenarios.table(), shutil.get_terminal_size(TABLE_WIDTH).columns)))
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


def _admin_error(error: urllib.error.HTTPError) -> str:
    """Return what an admin API error answer says (its ``errors`` list), or its status."""
    try:
        return "; ".join(str(message) for message in json.loads(error.read())["errors"])
    except (ValueError, KeyError, TypeError):
        return f"HTTP {error.code}"


def fetch_verification(url: str, since: str | None, admin_token: str | None) -> dict:
    """Return the verification ``GET /__admin/verify`` of the sandbox at ``url`` answers, as JSON."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"verify: --url must be an http:// or https:// URL, got {url!r}")
    query = urllib.parse.urlencode({"format": "json", **({"since": since} if since is not None else {})})
    request = urllib.request.Request(f"{url.rstrip('/')}/__admin/verify?{query}")
    if admin_token:
        request.add_header("Authorization", f"Bearer {admin_token}")
    try:
        with urllib.request.urlopen(request, timeout=VERIFY_TIMEOUT_SECONDS) as answer:
            content = answer.read()
    except urllib.error.HTTPError as error:
        raise ValueError(f"verify: {url} answered {error.code}: {_admin_error(error)}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:  # HTTPException: a bad URL too
        reason = getattr(error, "reason", error)
        raise ValueError(f"verify: cannot reach the sandbox at {url}: {reason}") from None
    try:
        result = json.loads(content)
    except ValueError:
        raise ValueError(f"verify: {url} is not an API Entreprise sandbox (its answer is not JSON)") from None
    if not isinstance(result, dict) or result.get("verdict") not in ("passed", "failed"):
        raise ValueError(f"verify: {url} is not an API Entreprise sandbox (no verdict in its answer)")
    return result


def verify(args: argparse.Namespace) -> int:
    """Judge a running sandbox's journal; exit 0 when no rule was broken, 1 otherwise (2: not reachable, bad input)."""
    from mockserver.http import verification

    result = fetch_verification(args.url, args.since, args.admin_token or os.environ.get(ENVIRONMENT["admin_token"]))
    text = verification.RENDERERS[args.format](result)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            raise ValueError(f"verify: cannot write {args.output}: {error.strerror}") from None
        print(verification.as_text(result).splitlines()[0])
    else:
        sys.stdout.write(text)
    return VERIFY_FAILED if result["verdict"] == "failed" else VERIFY_PASSED


def token_epilog() -> str:
    """Describe the presets and show how to mint, for ``token --help``."""
    presets = "\n".join(f"  {name:<12} {preset['description']}" for name, preset in load_presets().items())
    return f"""presets:
{presets}

examples:
  api-entreprise-mock token                         the default preset
  api-entreprise-mock token --preset expired
  api-entreprise-mock token --scopes entreprises    only the scopes listed; --scopes '' for none
  api-entreprise-mock token --expired               every scope, already expired
  api-entreprise-mock token --claim roles           every scope in the v2-era roles claim
"""


def parser() -> argparse.ArgumentParser:
    """Build the command-line parser."""
    env = ", ".join(ENVIRONMENT.values())
    root = argparse.ArgumentParser(
        prog="api-entreprise-mock",
        description="A local, offline, deterministic sandbox of API Entreprise.",
        epilog=EXAMPLES + "\n" + textwrap.fill(f"environment variables: {env}.", 100),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = root.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="serve the sandbox (granian)")
    add_setting_flags(run)
    run.set_defaults(handler=serve)

    mint_token = commands.add_parser(
        "token",
        help="print a sandbox token (alone: the default preset, every scope)",
        description="Print a preset token, or mint one: without --scopes it keeps every scope.",
        epilog=token_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mint_token.add_argument("--preset", choices=tuple(load_presets()), help="print a preset token (default: default)")
    mint_token.add_argument("--scopes", help="comma-separated scopes (roles) the token grants (default: every scope)")
    mint_token.add_argument("--expired", action="store_true", help="mint an already expired token")
    mint_token.add_argument(
        "--claim",
        choices=("scopes", "roles"),
        help="claim carrying the privileges: scopes (current, the default) or roles (v2-era)",
    )
    mint_token.set_defaults(handler=token)

    table = commands.add_parser("scenarios", help="print the scenario table (JSON with --json)")
    table.add_argument("--json", action="store_true", help="print every field as JSON")
    table.set_defaults(handler=list_scenarios)

    spec = commands.add_parser("openapi", help="write the OpenAPI 3.1 document of v2 or of v3/v4")
    spec.add_argument("name", choices=("v2", "v3"), help="v2, or v3 (the v3 and v4 routes)")
    spec.add_argument("-o", "--output", help="file to write (default: stdout)")
    spec.set_defaults(handler=write_openapi)

    check = commands.add_parser(
        "verify",
        help="judge a running sandbox's journal against the real API's rules (exit 1 when one was broken)",
        description="Judge the requests a running sandbox answered since its last reset (or since a mark) "
        "against the rules of the real API. Exit status: 0 no rule broken, 1 a rule broken, 2 the sandbox "
        "cannot be reached or the input is bad.",
    )
    check.add_argument("--url", default=DEFAULT_URL, help=f"the sandbox's base URL (default {DEFAULT_URL})")
    check.add_argument("--format", default="text", choices=FORMATS, help="text (default), json, junit or github")
    check.add_argument("--output", help="file to write the report to (default: stdout; a summary line then)")
    check.add_argument("--since", metavar="LABEL", help="judge only the requests since this mark (POST /__admin/marks)")
    check.add_argument(
        "--admin-token", help=f"the sandbox's admin token, if it has one (default: env {ENVIRONMENT['admin_token']})"
    )
    check.set_defaults(handler=verify)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    args = parser().parse_args(argv)
    try:
        status = args.handler(args)
        sys.stdout.flush()
        return status
    except ValueError as error:
        print(f"api-entreprise-mock: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader left (`| head`): stop quietly, and keep the exit flush off the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
