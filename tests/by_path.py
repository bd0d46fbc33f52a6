"""Load a test-support module by its file path.

Under ``--import-mode=importlib`` test modules and conftests cannot import each other by name, so
the few that share helpers (a conftest's builders, the bad-input server, generated markup) load
them through this one function; ``pythonpath = ["tests"]`` in pyproject.toml makes it importable.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_module(path: Path, name: str) -> ModuleType:
    """The module in ``path``, registered as ``name`` (dataclasses look their module up by name)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
