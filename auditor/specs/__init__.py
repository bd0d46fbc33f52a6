"""The path-spec language: load, validate, expand and layer site overrides (see path_specs/README.md)."""

from auditor.specs.model import KIND_MAX_AGE_DAYS, MandatedPath, Rules, Spec, SpecMeta
from auditor.specs.names import normalise_name

__all__ = ["KIND_MAX_AGE_DAYS", "MandatedPath", "Rules", "Spec", "SpecMeta", "normalise_name"]
