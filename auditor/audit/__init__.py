"""Judging observations against the spec: rules, findings, national veto lines, baseline and gate."""

from auditor.audit.rules import Observations, audit

__all__ = ["Observations", "audit"]
