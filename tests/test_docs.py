"""The docs say what the code does: generated tables are fresh, and the README's commands answer as it says."""

import re
import shlex
from pathlib import Path

import pytest

from mockserver.catalogue import BY_NAME, ENDPOINTS
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token
from mockserver.serving import docs

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# The statuses of the README's curl commands, in the order it gives them.
README_STATUSES = [200, 451, 200, 429, 502, 200]


def test_the_generated_tables_of_the_docs_are_fresh():
    stale = docs.stale_files(docs.DOCS_DIR)
    assert not stale, f"stale generated tables in {sorted(map(str, stale))}: run `make docs`"


def test_every_generated_table_is_in_some_doc():
    text = "".join(path.read_text(encoding="utf-8") for path in docs.DOCS_DIR.rglob("*.md"))
    assert {name for name in docs.SECTIONS if f"<!-- generated: {name} -->" not in text} == set()


def test_a_stale_table_is_written_again_and_an_unknown_one_refused():
    stale = "intro\n<!-- generated: token-presets -->\n| old |\n<!-- end: token-presets -->\nafter\n"
    fresh = docs.regenerate(stale)
    assert fresh.startswith("intro\n<!-- generated: token-presets -->\n\n| preset |") and fresh.endswith("after\n")
    assert "| old |" not in fresh and docs.regenerate(fresh) == fresh
    with pytest.raises(ValueError, match="unknown generated block"):
        docs.regenerate("<!-- generated: nothing -->\n<!-- end: nothing -->")


def test_check_mode_fails_on_a_stale_file_and_changes_nothing(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("<!-- generated: settings -->\n<!-- end: settings -->\n", encoding="utf-8")
    assert docs.main(["--check", str(tmp_path)]) == 1
    assert "MOCKSERVER_" not in page.read_text(encoding="utf-8")
    assert docs.main([str(tmp_path)]) == 0 and docs.main(["--check", str(tmp_path)]) == 0
    assert "`MOCKSERVER_JOURNAL_SIZE` | `--journal-size` | `1000`" in page.read_text(encoding="utf-8")


def documented_examples() -> list[tuple[str, dict[str, str]]]:
    """Return each route of docs/routes.md's tables with the path parameters its last column names."""
    found = []
    for line in (ROOT / "docs" / "routes.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        if len(cells) != 7 or not cells[0].startswith("`") or cells[6] in ("—", "no parameter"):
            continue
        endpoint = BY_NAME[cells[0].strip("`")]
        # One parameter is written `value`; several, name `value`, name `value`.
        pairs = re.findall(r"(\w+) `([^`]+)`", cells[6]) or [(endpoint.identifiers[0][0], cells[6].strip("`"))]
        found.append((endpoint.name, dict(pairs)))
    return found


def test_the_routes_page_names_an_identifier_for_every_served_route_with_parameters():
    named = {name for name, _ in documented_examples()}
    assert {e.name for e in ENDPOINTS if e.supported and e.identifiers} - named == set()


@pytest.mark.parametrize(
    ("name", "params"), documented_examples(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_each_identifier_the_routes_page_names_answers_200_on_its_route(client, name, params):
    from .helpers import TRACEABILITY

    token = preset_token("default", DEFAULT_SECRET)
    response = client.get(
        BY_NAME[name].path.format(**params), query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.data[:300]


def test_the_readme_is_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 200


def test_every_admin_route_is_documented():
    app = create_app(Settings())
    text = (ROOT / "docs" / "admin-api.md").read_text(encoding="utf-8")
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/__admin/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert f"`{method} {path}`" in text


@pytest.mark.parametrize("page", [README, *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file(page):
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
    missing = [t for t in targets if "://" not in t and not (page.parent / t).exists()]
    assert missing == []


def readme_commands() -> list[list[str]]:
    """Return the README's curl commands, split as a shell splits them."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [shlex.split(line.split("#")[0]) for line in lines if line.startswith("curl ")]


def test_the_readme_commands_answer_as_it_says():
    client = create_app(Settings(rate_limit_factor=0)).test_client()
    token = preset_token("default", DEFAULT_SECRET)
    query = "context=test&recipient=13002526500013&object=essai"
    statuses = []
    for words in readme_commands():
        words = [word.replace("$TOKEN", token).replace("$Q", query) for word in words]
        headers = dict(words[i + 1].split(": ", 1) for i, word in enumerate(words) if word == "-H")
        method = words[words.index("-X") + 1] if "-X" in words else "GET"
        body = words[words.index("-d") + 1] if "-d" in words else None
        url = next(word for word in words if word.startswith("http://127.0.0.1:8080/"))
        response = client.open(url.removeprefix("http://127.0.0.1:8080"), method=method, headers=headers, data=body)
        statuses.append(response.status_code)
    assert statuses == README_STATUSES
