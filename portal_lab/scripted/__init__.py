"""A portal whose 政府信息公开 platform is drawn by script, beside static pages (``site.py``), its
ground truth and spec, and its loopback server (``server.py``)."""

from portal_lab.scripted.server import ScriptedPortalServer, serve_scripted
from portal_lab.scripted.site import AS_OF, SPEC, TRUTH, build_site

__all__ = ["AS_OF", "SPEC", "TRUTH", "ScriptedPortalServer", "build_site", "serve_scripted"]
