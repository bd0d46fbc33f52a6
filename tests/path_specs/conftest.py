"""Fixtures for the bundled specs: the seed mandate's text and the loaded specs."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.specs import Spec, load_spec
from path_specs import bundled_spec

#: the seed mandate, 渝两江管办发﹝2021﹞44号, as plain text
SEED_FILE = "000_2038d99dbcf0fd1a.txt"


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    return (shared_dir / "seeds" / SEED_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def liangjiang() -> Spec:
    return load_spec(bundled_spec("liangjiang-2021"))


@pytest.fixture(scope="session")
def national() -> Spec:
    return load_spec(bundled_spec("gov-disclosure-platform"))
