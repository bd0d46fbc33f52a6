"""Fixtures of the page-reader tests: generated column pages in many markups (variants.py)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from by_path import load_module

VARIANTS = Path(__file__).resolve().parent / "variants.py"


@pytest.fixture(scope="session")
def variants() -> ModuleType:
    return load_module(VARIANTS, "pathaudit_page_variants")
