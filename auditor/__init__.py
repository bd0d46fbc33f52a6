"""PathAudit's audit logic: path specs, name matching, page parsing, media checks, rules and findings.

Nothing in this package imports Scrapy or the report writers: it works on plain data so every rule
can be tested on a saved page. The CLI (``auditor.cli``) is the one composition root that wires the
spiders, the audit and the reports together.
"""

__version__ = "0.1.0"
