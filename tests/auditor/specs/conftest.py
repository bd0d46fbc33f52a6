"""Fixtures for the spec-language tests: write a spec file, find the line a snippet stands on."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

#: a valid mandate block; tests append their own entries after it
MANDATE = """\
mandate:
  id: test-mandate
  title: 测试任务分工
entries:
"""


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to a file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_entries(write_spec: Callable[..., Path]) -> Callable[..., Path]:
    """Write a spec made of the standard mandate block and the given (dedented) entries."""

    def write(entries: str, name: str = "spec.yaml") -> Path:
        return write_spec(MANDATE + textwrap.dedent(entries), name)

    return write


@pytest.fixture
def line_of() -> Callable[[Path, str], int]:
    """The 1-based line of the first line of ``path`` containing ``snippet``."""

    def find(path: Path, snippet: str) -> int:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if snippet in line:
                return number
        raise AssertionError(f"{snippet!r} is not in {path}")

    return find
