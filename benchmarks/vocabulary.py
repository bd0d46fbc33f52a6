"""How much of the page reader is our own vocabulary: ``re.compile`` calls and the string literals
held in module-level word tables (tuples, lists, sets, frozensets and dicts of three or more items)
in ``auditor/page/`` and ``auditor/walk/``. Issue 17 asks both to go down, since each is a rule
written for one template met rather than a cue weighed on pages nobody showed the reader.

``python benchmarks/vocabulary.py`` prints both counts (and per file with ``-v``).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("auditor/page", "auditor/walk")


def _is_compile(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "compile"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
    )


def _table(node: ast.AST) -> ast.AST | None:
    """The collection literal a module-level value is (``frozenset({...})`` counts as its set)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"frozenset", "set", "tuple", "list"} and node.args:
        node = node.args[0]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return node if len(node.elts) >= 3 else None
    if isinstance(node, ast.Dict):
        return node if len(node.keys) >= 3 else None
    return None


def _strings(node: ast.AST) -> int:
    return sum(1 for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def count_file(path: Path) -> tuple[int, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    compiles = sum(1 for n in ast.walk(tree) if _is_compile(n))
    literals = 0
    for stmt in tree.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        table = _table(value) if value is not None else None
        if table is not None:
            literals += _strings(table)
    return compiles, literals


def main(argv: list[str]) -> int:
    total_c = total_l = 0
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            c, l = count_file(path)
            total_c, total_l = total_c + c, total_l + l
            if "-v" in argv and (c or l):
                print(f"{c:4d} {l:5d}  {path.relative_to(ROOT)}")
    print(f"re.compile calls: {total_c}")
    print(f"string literals in module-level tables of >=3: {total_l}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
