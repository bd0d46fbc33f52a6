"""Small random portals whose markup words are disjoint from the reader's vocabulary.

``build_disjoint_portal(seed, truths=None, **knobs)`` builds one (``build``); ``site`` holds the
column tree and the truths, ``knobs`` the markup choices, ``tokens`` and ``vocabulary`` the random
words and the check that they avoid the reader's, ``scoring`` the per-status and per-role score of
a walk against the manifest. Serve one over HTTP with
``pathaudit.loopback.server.serve_portal(lab.portal)`` or walk it in-process with
``walk_lab_portal``.
"""

from portal_lab.disjoint.build import AS_OF, LabPortal, build_disjoint_portal, lab_spec
from portal_lab.disjoint.knobs import Knobs

__all__ = ["AS_OF", "Knobs", "LabPortal", "build_disjoint_portal", "lab_spec"]
