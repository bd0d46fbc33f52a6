"""The path-spec language: load, validate, expand and layer site overrides (see path_specs/README.md)."""

from auditor.specs.errors import SpecError
from auditor.specs.loader import load_spec
from auditor.specs.model import KIND_MAX_AGE_DAYS, MandatedPath, Rules, Spec, SpecMeta
from auditor.specs.names import normalise_name
from auditor.specs.overrides import SiteOverrides, layer_overrides, load_overrides

__all__ = [
    "KIND_MAX_AGE_DAYS",
    "MandatedPath",
    "Rules",
    "SiteOverrides",
    "Spec",
    "SpecError",
    "SpecMeta",
    "layer_overrides",
    "load_overrides",
    "load_spec",
    "normalise_name",
]
