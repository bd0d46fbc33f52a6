"""Generated portals in several CMS families, each with its own ground-truth manifest.

``build_family_portal(seed, family=None, without=())`` builds one: the family from the seed unless
named, and every layout choice and planted defect from the seed (replay any portal with its seed).
The bundled demo portal (``sample_portal.build_portal``) is not one of these and does not
change.

======== ================================================================================
trs      TRS WCM static: folder URLs, ``index_1.html``, ``t20210601_…`` articles, branch tree
hanweb   Hanweb jcms: flat ``/col/colN/``, datastore records, image nav, ancestors-only tree
provincial 集约化: flat ``.shtml`` folders, absolute self-links, tab blocks with "更多>"
catalogue 信息公开目录: full catalogue tree, 名称/索引号/发布机构/发布日期 tables, ``->`` crumbs
======== ================================================================================

Per seed: where sub-columns are shown (boxes, tab blocks, grid, tree only), tool bar, the 最新公开
ticker and its headline decoys, hidden legacy blocks, columns linked only from their siblings'
trees, abbreviated/reordered/alias/space-padded names, date forms and places, class names and
nesting, a firewall refusing some sibling pages, and the planted defects (missing, renamed, empty,
stale, broken media, missing fields). ``portal.manifest`` says what a person reading the pages finds
(``families.truth``); ``portal_lab.fetch.portal_fetch`` serves it in-process and
``server.serve_portal`` over HTTP; ``portal_lab.scoring`` scores a walk against it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from portal_lab.families.base import AS_OF, ORIGIN_TOKEN, Family
from portal_lab.families.catalogue import CatalogueFamily
from portal_lab.families.hanweb import HanwebFamily
from portal_lab.families.layout import FEATURES
from portal_lab.families.provincial import ProvincialFamily
from portal_lab.families.trs import TrsFamily
from pathaudit.loopback.model import Portal
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
    from sample_portal.generator import load_default_spec

    return load_default_spec()


def build_family_portal(seed: int, family: str | None = None, spec: Spec | None = None,
                        without: Iterable[str] = ()) -> Portal:
    """The seed's portal; ``without`` leaves out page features (``layout.FEATURES``: toolbar,
    ticker, hidden_blocks, tab_blocks …) so a test can isolate one kind of markup."""
    name = family or family_for_seed(seed)
    if name not in FAMILIES:
        raise ValueError(f"unknown portal family {name!r} (known: {', '.join(FAMILY_NAMES)})")
    return FAMILIES[name]().build(spec or _default_spec(), seed, without=frozenset(without))


__all__ = ["AS_OF", "FAMILIES", "FEATURES", "FAMILY_NAMES", "ORIGIN_TOKEN", "build_family_portal", "family_for_seed"]
