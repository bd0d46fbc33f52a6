"""The PathAudit application: the one place that wires spec → crawl → audit → reports.

``pathaudit.cli`` (the ``pathaudit`` command), ``pathaudit.sample_portal`` (the bundled portal with
planted defects and the loopback server that ``--local-dir`` and the tests use).
"""

from auditor import __version__

__all__ = ["__version__"]
