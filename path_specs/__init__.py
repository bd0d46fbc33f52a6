"""The path specs shipped with PathAudit, as package data (the language: README.md beside this file)."""

from __future__ import annotations

import functools
import tempfile
from importlib import resources
from pathlib import Path

_SUFFIX = ".yaml"
#: files here that are not specs
_NOT_SPECS = {"overrides.example"}


def bundled_spec_names() -> tuple[str, ...]:
    """The names of the bundled specs, e.g. ``("gov-disclosure-platform", "liangjiang-2021")``."""
    return tuple(sorted(p.stem for p in _spec_dir().glob(f"*{_SUFFIX}") if p.stem not in _NOT_SPECS))


def bundled_spec(name: str) -> Path:
    """The file of a bundled spec by name (``"liangjiang-2021"``); ``LookupError`` if there is none."""
    if name in bundled_spec_names():
        return _spec_dir() / f"{name}{_SUFFIX}"
    raise LookupError(f'no bundled spec "{name}"; bundled specs: {", ".join(bundled_spec_names())}')


def spec_file(name_or_path: str | Path) -> Path:
    """The spec a user named: a file path as given, or a bundled spec by its name alone
    (``liangjiang-2021``), so schedules, Scrapyd jobs and config files need not know where the
    package is installed. A path that exists wins over a bundled name."""
    path = Path(name_or_path)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    return bundled_spec(str(name_or_path))


@functools.cache
def _spec_dir() -> Path:
    """The folder of the bundled specs: this package's, or, when it is imported from a zipped egg
    (as Scrapyd runs a deployed project), a copy of its specs in a temporary folder."""
    package = resources.files(__package__)
    if isinstance(package, Path) and package.is_dir():
        return package
    copy = Path(tempfile.mkdtemp(prefix="pathaudit-specs-"))
    for entry in package.iterdir():
        if entry.name.endswith(_SUFFIX):
            (copy / entry.name).write_bytes(entry.read_bytes())
    return copy
