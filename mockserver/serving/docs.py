"""Write the tables of ``docs/`` from the code: routes, scenarios, tokens, settings, admin API, contract rules.

A table sits in a docs file between ``<!-- generated: NAME -->`` and ``<!-- end: NAME -->``;
``make docs`` (``python -m mockserver.serving.docs``) rewrites every such block, and with
``--check`` fails, rewriting nothing, when one is stale. The tables read the code through its
public names (the catalogue, the scenario table, the presets, the settings), so that a route,
a scenario or a preset added there shows here once the docs are generated again.
"""

import argparse
import json
import re
import sys
from dataclasses import fields
from pathlib import Path

from mockserver.catalogue import ENDPOINTS, RATE_LIMITS, routes_playing, sample_ids
from mockserver.clock import HISTORY_END
from mockserver.config import DEFAULT_SECRET, ENVIRONMENT, TERMINAL_DEFAULTS, Settings
from mockserver.http.admin import ADMIN_ROUTES, PREFIX, route_entry
from mockserver.http.violations import RULES
from mockserver.paths import PACKAGE_DIR
from mockserver.renderers import insee_v3
from mockserver.rules import scenarios
from mockserver.rules.auth import load_presets, preset_token
from mockserver.serving.cli import NOT_FLAGS, status_by_generation

DOCS_DIR = PACKAGE_DIR.parent / "docs"
BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end: (?P=name) -->)", re.S)
# What every route answers: the route tables list only the scenarios a route adds to these.
COMMON_SCENARIOS = scenarios.PROVIDER_SCENARIOS | {scenarios.RATE_LIMITED}
# Up to this many, the scenario table names the routes that play a scenario; past it, counts them.
FEW_ROUTES = 3


def cell(value) -> str:
    """Write one value in a Markdown table cell."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key} {cell(item)}" for key, item in value.items())
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(header: tuple[str, ...], rows: list[tuple]) -> str:
    """Write a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def code(values) -> list[str]:
    return [f"`{value}`" for value in values]


def example(endpoint) -> str | None:
    """Return the path parameters the route answers 200 for, as the console's draw finds them first."""
    found = sample_ids.example(endpoint) if endpoint.supported else None
    if not found:
        return "no parameter" if found == {} else None
    return ", ".join(f"`{value}`" if len(found) == 1 else f"{param} `{value}`" for param, value in found.items())


def routes(version: str) -> str:
    """Tabulate the catalogue's routes of one API version, each with identifiers it answers 200 for."""
    rows = []
    for endpoint in ENDPOINTS:
        if endpoint.version != version:
            continue
        entry = route_entry(endpoint, RATE_LIMITS)
        limit = entry["rate_limit_per_minute"]
        group = f"`{entry['rate_limit_group']}` {limit}/min" if entry["rate_limit_group"] else None
        path = f"`GET {entry['path']}`" + ("" if endpoint.supported else " (404 `00402`: a link target only)")
        options = [option["name"] for option in entry["query_options"]]
        own = sorted(set(entry["scenarios"]) - COMMON_SCENARIOS)
        rows.append(
            (f"`{entry['name']}`", path, code(entry["scopes"]), group, code(options), code(own), example(endpoint))
        )
    header = ("route", "path", "scopes", "rate limit (per token)", "options", "scenarios of its own", "answers 200 for")
    return table(header, rows)


def played_on(name: str) -> str:
    """Name the routes that play a scenario, or count them when they are many."""
    names = routes_playing(name)
    return ", ".join(f"`{route}`" for route in names) if len(names) <= FEW_ROUTES else f"{len(names)} routes"


def scenario_table() -> str:
    """Tabulate the scenarios: status per generation, Prefer code, reserved identifiers, routes, what each plays."""
    rows = [
        (
            f"`{row['name']}`",
            status_by_generation(row["statuses"]),
            row["prefer_code"],
            {kind: code(ids) for kind, ids in row["reserved_identifiers"].items()} or None,
            played_on(row["name"]),
            row["description"],
        )
        for row in scenarios.table()
    ]
    header = ("scenario", "status", "`Prefer: code=`", "reserved identifiers", "played on", "what it plays")
    return table(header, rows)


def staging_cases() -> str:
    """Tabulate the official staging cases that play a scenario on some routes."""
    rows = [
        (code(case["identifiers"]), f"`{case['scenario']}`", len(case["routes"]), case["description"])
        for case in scenarios.STAGING_TABLE
    ]
    return table(("identifiers", "scenario", "routes", "what the official staging answers"), rows)


def staging_contradictions() -> str:
    """Tabulate the fields a staging identifier's route shows apart, where staging's files contradict its others."""
    rows = [
        (
            f"`{site.siret}`",
            insee_v3.STAGING_VIEW_ROUTES[route],
            f"`{'.'.join(path)}`",
            f"`{json.dumps(value, ensure_ascii=False)}`",
        )
        for site, route, fields in insee_v3.staging_views(HISTORY_END)
        for path, value in fields.items()
    ]
    return table(("SIRET", "routes", "field", "what these routes show"), rows)


def token_presets() -> str:
    """Tabulate the token presets."""
    rows = [
        (f"`{name}`", preset["description"], f"`{preset.get('claim', 'scopes')}`", len(preset["privileges"]))
        for name, preset in load_presets().items()
    ]
    return table(("preset", "what it is", "claim", "privileges"), rows)


def default_token() -> str:
    """Write the default preset's token for the default secret."""
    return f"```\n{preset_token('default', DEFAULT_SECRET)}\n```\n"


def settings_table() -> str:
    """Tabulate the settings: variable, flag of ``serve``, default, what it does."""
    rows = []
    for setting in fields(Settings):
        flag = None if setting.name in NOT_FLAGS else "--" + setting.name.replace("_", "-")
        default = TERMINAL_DEFAULTS.get(setting.name, setting.default)
        default = str(default).lower() if isinstance(default, bool) else default
        shown = "the public sandbox secret" if setting.name == "jwt_secret" else f"`{default}`"
        rows.append((f"`{ENVIRONMENT[setting.name]}`", code([flag]) if flag else None, shown, setting.metadata["help"]))
    return table(("environment variable", "flag of `serve`", "default", "what it sets"), rows)


def admin_routes() -> str:
    """Tabulate the admin API from its route table, each route said by its view's docstring."""
    rows = []
    for method, path, view in ADMIN_ROUTES:
        summary = " ".join((view.__doc__ or "").split("\n\n")[0].split()).replace("``", "`")
        rows.append((f"`{method} {PREFIX}{path}`", summary))
    return table(("route", "what it does"), rows)


def contract_rules() -> str:
    """Tabulate the rules of the real API whose breach the journal reports."""
    return table(("rule", "what the real API requires"), [(f"`{name}`", rule.title) for name, rule in RULES.items()])


SECTIONS = {
    "routes-v2": lambda: routes("v2"),
    "routes-v3": lambda: routes("v3"),
    "routes-v4": lambda: routes("v4"),
    "scenarios": scenario_table,
    "staging-cases": staging_cases,
    "staging-contradictions": staging_contradictions,
    "token-presets": token_presets,
    "default-token": default_token,
    "settings": settings_table,
    "contract-rules": contract_rules,
    "admin-routes": admin_routes,
}


def regenerate(text: str) -> str:
    """Return a docs file's text with every generated block written again."""

    def fill(match: re.Match) -> str:
        name = match["name"]
        if name not in SECTIONS:
            raise ValueError(f"unknown generated block {name!r}: one of {', '.join(SECTIONS)}")
        return match[1] + "\n" + SECTIONS[name]() + "\n" + match[4]

    return BLOCK.sub(fill, text)


def stale_files(directory: Path) -> dict[Path, str]:
    """Return each docs file under ``directory`` whose generated blocks are stale, with its fresh text."""
    stale = {}
    for path in sorted(directory.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        fresh = regenerate(text)
        if fresh != text:
            stale[path] = fresh
    return stale


def main(argv: list[str] | None = None) -> int:
    """Write the generated tables of the docs; with --check, only tell whether they are stale."""
    parser = argparse.ArgumentParser(prog="python -m mockserver.serving.docs", description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a table is stale")
    parser.add_argument("directory", nargs="?", type=Path, default=DOCS_DIR, help="the docs (default: docs/)")
    args = parser.parse_args(argv)
    stale = stale_files(args.directory)
    for path, fresh in stale.items():
        if args.check:
            print(f"{path}: generated tables are stale; run `make docs`", file=sys.stderr)
        else:
            path.write_text(fresh, encoding="utf-8")
            print(f"{path}: tables written again")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
