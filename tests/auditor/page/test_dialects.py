"""The CMS-family registry: every family is one registered ``Dialect``, and the generic readers ask the
registry, never a family by name."""

from __future__ import annotations

import ast
from pathlib import Path

from auditor.page.dialects import DIALECTS, Dialect

PAGE = Path(__file__).resolve().parents[3] / "auditor" / "page"


def test_every_family_is_registered_once() -> None:
    names = [d.name for d in DIALECTS]
    assert sorted(names) == ["gkml", "hanweb", "jiyue", "trs"]
    assert all(isinstance(d, Dialect) for d in DIALECTS)


def test_no_generic_reader_imports_a_family_by_hand() -> None:
    offenders = []
    for path in sorted(PAGE.rglob("*.py")):
        if "dialects" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("auditor.page.dialects."):
                offenders.append(f"{path.name}: from {node.module}")
            if isinstance(node, ast.ImportFrom) and node.module == "auditor.page.dialects":
                family = {d.name for d in DIALECTS} & {alias.name for alias in node.names}
                if family:
                    offenders.append(f"{path.name}: imports {sorted(family)}")
    assert offenders == []
