"""``portal_lab`` is the test ground: the shipped packages (the wheel's ``auditor``, ``spiders``,
``reports``, ``path_specs``, ``pathaudit``) must never import it, or the wheel would break without it."""

from __future__ import annotations

import ast
from pathlib import Path

SHIPPED = ("auditor", "spiders", "reports", "path_specs", "pathaudit")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_shipped_module_imports_portal_lab(repo_root: Path):
    offenders = [str(path.relative_to(repo_root)) for package in SHIPPED
                 for path in (repo_root / package).rglob("*.py")
                 if any(n == "portal_lab" or n.startswith("portal_lab.") for n in _imports(path))]
    assert not offenders


def test_the_check_sees_an_import_of_the_lab(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text("from portal_lab.disjoint import build_disjoint_portal\n", encoding="utf-8")
    assert "portal_lab.disjoint" in _imports(module)
