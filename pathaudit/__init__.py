"""The PathAudit application: the one place that wires spec → crawl → audit → reports.

``pathaudit.cli`` (the ``pathaudit`` command), ``pathaudit.loopback`` (the small web server that
``crawl --local-dir`` serves a build from), the history, the many-site runs and their index. The demo
portal is a package of its own (``sample_portal``), imported only by ``pathaudit demo`` and
``serve-sample``; the generated test portals (``portal_lab``) are not shipped at all.
"""

from auditor import __version__

__all__ = ["__version__"]
