"""PathAudit's audit core: plain data in, plain data out.

``model`` (observations, the findings contract, reason codes) · ``specs`` (the path-spec language) ·
``page`` (a fetched page read once: links and regions, lists, articles, dates, charset; CMS dialects)
· ``walk`` (the walk plan and the choice of a column's link) · ``media`` (verdicts on media bytes) ·
``audit`` (rules, verdict, national veto lines, baseline and gate).

Nothing here imports Scrapy, Twisted, ``spiders``, ``reports`` or the application ``pathaudit``
(``tests/test_layering.py`` reads the imports and holds this): every rule is tested on saved pages.
"""

__version__ = "0.1.0"
