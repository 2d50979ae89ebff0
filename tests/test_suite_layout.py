"""The suite's own layout: test files share code through helper modules, never by importing one another."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def borrowed_modules(path: Path) -> set[str]:
    """Return the test files and conftest that ``path`` imports from."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("tests.")):
            module = (node.module or "").removeprefix("tests.")
            if module.startswith("test_") or module == "conftest":
                found.add(module)
    return found


def test_no_test_file_imports_another_test_file_or_conftest():
    borrowing = {path.name: borrowed_modules(path) for path in sorted(TESTS.glob("test_*.py"))}
    assert not {name: modules for name, modules in borrowing.items() if modules}, "move what they share to helpers.py"
