"""Judging observations against the spec: rules, findings, national veto lines, baseline and gate.

``audit`` and ``Observations`` are loaded on first use (PEP 562): the command line's option parser
reads the gate's choices (``auditor.audit.gate``) at start-up, and importing this package must not
load every rule with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.audit.rules import Observations, audit

__all__ = ["Observations", "audit"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from auditor.audit import rules

        return getattr(rules, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
