"""A fetched page read as a person reads it: regions, links, lists, articles, dates, charset, state.

CMS-family knowledge (TRS, Hanweb …) lives in ``auditor.page.dialects``, one module per family.
"""
