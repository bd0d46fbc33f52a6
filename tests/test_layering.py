"""The tree's layers, read from the imports of every module (AST, nothing imported).

Data flows one way: spec → walk → observations → audit → findings → reports. The audit core must be
testable on saved pages, so it may not reach up into Scrapy or the packages that use it; reports are
pure functions of findings; the Scrapy adapter never renders or wires the application.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

#: package → top-level names its modules may never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "auditor": frozenset({"scrapy", "twisted", "spiders", "reports", "pathaudit"}),
    "spiders": frozenset({"reports", "pathaudit"}),
    "path_specs": frozenset({"scrapy", "twisted", "spiders", "reports", "pathaudit", "auditor"}),
}
#: reports may import only the audit core among the project's packages
PROJECT = frozenset({"auditor", "spiders", "reports", "pathaudit", "path_specs"})
REPORTS_MAY_IMPORT = frozenset({"auditor", "reports"})


def imported_tops(path: Path) -> set[str]:
    """Top-level names of every import in a module, at any depth (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    tops: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            tops.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                tops.add(node.args[0].value.split(".")[0])
    return tops


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def test_imported_tops_sees_imports_inside_functions(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from scrapy.http import Request\n    import twisted.internet\n")
    assert imported_tops(module) == {"scrapy", "twisted"}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_the_layers_above_it(package: str):
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in modules(package)
        for name in sorted(imported_tops(path) & FORBIDDEN[package])
    ]
    assert modules(package), f"no modules found under {package}/"
    assert not offences, "\n".join(offences)


def test_reports_import_only_the_audit_core():
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in modules("reports")
        for name in sorted((imported_tops(path) & PROJECT) - REPORTS_MAY_IMPORT)
    ]
    assert modules("reports")
    assert not offences, "\n".join(offences)


#: sub-package of the audit core → sub-packages of it its modules may never import: the walk reads
#: pages and emits observations (it knows no rule); a page is read without knowing the walk; the
#: model (observations, findings, reasons) is plain data below all of them
SUB_FORBIDDEN: dict[str, frozenset[str]] = {
    "auditor/walk": frozenset({"auditor.audit"}),
    "auditor/page": frozenset({"auditor.walk", "auditor.audit"}),
    "auditor/model": frozenset({"auditor.walk", "auditor.page", "auditor.audit"}),
    "auditor/media": frozenset({"auditor.walk", "auditor.audit"}),
}


def imported_modules(path: Path) -> set[str]:
    """Full dotted names of every absolute import in a module, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(SUB_FORBIDDEN))
def test_sub_package_does_not_import_the_layers_above_it(package: str):
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in modules(package)
        for name in sorted(imported_modules(path))
        if any(name == bad or name.startswith(bad + ".") for bad in SUB_FORBIDDEN[package])
    ]
    assert modules(package), f"no modules found under {package}/"
    assert offences == []
