"""Scrapy concerns: the spider that walks mandated paths, and the pipeline that hands what it saw to
the audit. Nothing here decides whether a column passes: that is ``auditor``'s job."""
