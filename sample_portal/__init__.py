"""The bundled sample portal: a realistic Chinese government site with planted defects, its
ground-truth manifest, and a loopback server (``serve_portal``) for tests, demos and trials."""

from sample_portal.generator import AS_OF, SamplePortalError, build_portal
from pathaudit.loopback.model import Behaviour, Portal, Resource

__all__ = ["AS_OF", "Behaviour", "Portal", "Resource", "SamplePortalError", "build_portal"]
