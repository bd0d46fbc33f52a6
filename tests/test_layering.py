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

#: the test harness: the demo portal (shipped for ``pathaudit demo``) and the generated test portals
#: (not shipped); production stands on neither
HARNESS = frozenset({"sample_portal", "portal_lab"})
#: package → top-level names its modules may never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "auditor": frozenset({"scrapy", "twisted", "spiders", "reports", "pathaudit"}) | HARNESS,
    "spiders": frozenset({"reports", "pathaudit"}) | HARNESS,
    #: the command line hands plain data to ``spiders.runtime``: the reactor and Scrapy stay there
    "pathaudit/cli": frozenset({"scrapy", "twisted"}),
    "path_specs": frozenset({"scrapy", "twisted", "spiders", "reports", "pathaudit", "auditor"}) | HARNESS,
    "reports": HARNESS,
    # the demo portal may use the application's loopback server, never the test portals
    "sample_portal": frozenset({"portal_lab", "spiders", "reports"}),
}
#: the only application modules that may import the demo portal, each inside the function that runs
#: the demo (``pathaudit demo``, ``pathaudit serve-sample``)
DEMO_COMMANDS = frozenset({"pathaudit/cli/crawl_cmd.py", "pathaudit/cli/serve_cmd.py"})
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
    assert modules(package), f"no modules found under {package}/"  # a folder path names a sub-package
    assert not offences, "\n".join(offences)


def test_reports_import_only_the_audit_core():
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in modules("reports")
        for name in sorted((imported_tops(path) & PROJECT) - REPORTS_MAY_IMPORT)
    ]
    assert modules("reports")
    assert not offences, "\n".join(offences)


def test_the_application_never_stands_on_the_test_harness():
    """``pathaudit`` ships no test harness: the test portals never, the demo portal only from the demo
    commands, and there only inside a function (so no other command loads it)."""
    offences = []
    for path in modules("pathaudit"):
        relative = path.relative_to(REPO).as_posix()
        tops = imported_tops(path)
        if "portal_lab" in tops:
            offences.append(f"{relative} imports portal_lab")
        if "sample_portal" in tops and relative not in DEMO_COMMANDS:
            offences.append(f"{relative} imports sample_portal")
        if "sample_portal" in module_level_tops(path):
            offences.append(f"{relative} imports sample_portal at module level")
    assert modules("pathaudit")
    assert not offences, "\n".join(offences)


def module_level_tops(path: Path) -> set[str]:
    """Top-level names imported by a module's own top-level statements (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    tops: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            tops.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops.add(node.module.split(".")[0])
    return tops


def test_the_test_portals_are_not_shipped():
    """The wheel's package list names the demo portal and leaves the test portals out."""
    import tomllib

    include = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "packages"]["find"]["include"]
    assert "sample_portal*" in include
    assert not any(pattern.startswith("portal_lab") for pattern in include)


def private_imports(path: Path) -> list[str]:
    """``from project.module import _name``: a private helper borrowed across modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in PROJECT:
                found += [f"{node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_the_commands_borrow_no_private_helper_of_another_command():
    """``config show`` once took ``crawl_cmd._common`` (an import circle: crawl_cmd imports config_cmd
    to resolve its settings); shared options live in ``pathaudit.cli.options``."""
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((REPO / "pathaudit" / "cli").glob("*.py"))
        for name in private_imports(path)
    ]
    assert not offences, "\n".join(offences)


def imported_modules(path: Path) -> set[str]:
    """Full dotted names of every module a file imports, at any depth."""


#: sub-package of the audit core → sub-packages of it its modules may never import: the walk reads
#: pages and emits observations (it knows no rule); a page is read without knowing the walk; the
#: model (observations, findings, reasons) is plain data below all of them
SUB_FORBIDDEN: dict[str, frozenset[str]] = {
    "auditor/walk": frozenset({"auditor.audit"}),
    # the audit judges observations; it never walks (the in-process composition is auditor/inprocess.py)
    "auditor/audit": frozenset({"auditor.walk"}),
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
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


#: parts of the audit core the reports never use: they render findings, they do not read pages again
REPORTS_MAY_NOT_IMPORT = ("auditor.page", "auditor.walk")


def test_reports_do_not_read_pages_again():
    """A report shows the saved evidence as it was saved; reading an archived page with the page
    reader's region hints made a second, weaker reader in the report layer."""
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in modules("reports")
        for name in sorted(imported_modules(path))
        if name.startswith(tuple(f"{p}." for p in REPORTS_MAY_NOT_IMPORT)) or name in REPORTS_MAY_NOT_IMPORT
    ]
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize("package", ["auditor", "spiders", "reports", "pathaudit", "path_specs"])
def test_production_never_imports_the_test_only_portals(package: str):
    """portal_lab/ holds portals for tests and benchmarks; no shipped package may depend on it."""
    offences = [f"{path.relative_to(REPO)}" for path in modules(package) if "portal_lab" in imported_tops(path)]
    assert not offences, "\n".join(offences)




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
