"""Fixtures of the page-reader tests: generated column pages in many markups (variants.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

VARIANTS = Path(__file__).resolve().parent / "variants.py"


@pytest.fixture(scope="session")
def variants() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pathaudit_page_variants", VARIANTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
