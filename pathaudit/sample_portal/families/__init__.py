"""Generated portals in several CMS families, each with its own ground-truth manifest.

``build_family_portal(seed, family=None)`` builds one: the family from the seed unless named, and
every layout choice and planted defect from the seed (replay any portal with its seed). The bundled
demo portal (``pathaudit.sample_portal.build_portal``) is not one of these and does not change.
"""

from __future__ import annotations

import functools

from pathaudit.sample_portal.families.base import AS_OF, ORIGIN_TOKEN, Family
from pathaudit.sample_portal.families.catalogue import CatalogueFamily
from pathaudit.sample_portal.families.hanweb import HanwebFamily
from pathaudit.sample_portal.families.provincial import ProvincialFamily
from pathaudit.sample_portal.families.trs import TrsFamily
from pathaudit.sample_portal.model import Portal
from auditor.specs import Spec

FAMILIES: dict[str, type[Family]] = {
    f.name: f for f in (TrsFamily, HanwebFamily, ProvincialFamily, CatalogueFamily)
}
FAMILY_NAMES = tuple(FAMILIES)


def family_for_seed(seed: int) -> str:
    """Seeds go round the families, so any run of consecutive seeds covers all of them."""
    return FAMILY_NAMES[seed % len(FAMILY_NAMES)]


@functools.cache
def _default_spec() -> Spec:
    from pathaudit.sample_portal.generator import load_default_spec

    return load_default_spec()


def build_family_portal(seed: int, family: str | None = None, spec: Spec | None = None) -> Portal:
    name = family or family_for_seed(seed)
    if name not in FAMILIES:
        raise ValueError(f"unknown portal family {name!r} (known: {', '.join(FAMILY_NAMES)})")
    return FAMILIES[name]().build(spec or _default_spec(), seed)


__all__ = ["AS_OF", "FAMILIES", "FAMILY_NAMES", "ORIGIN_TOKEN", "build_family_portal", "family_for_seed"]
