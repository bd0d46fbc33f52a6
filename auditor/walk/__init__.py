"""The walk, pure: a portal walked along the mandated paths as a person clicks, with no Scrapy.

``walker`` (the coordinator: start, feed, take_requests, finish) of its jobs, which share one
``context``: ``census`` (the site's column map), ``finding`` (a mandated column's link, the bounded
search, renamed, missing vs unverified), ``choosing`` (the pages of the links found decide),
``reading`` (lists, item pages, sub-columns); ``plan`` (mandated paths as a tree), ``matching`` (a
page's link for a column name, renamed-name similarity), ``confirm`` (is the page a click landed on
the column?), ``search`` (the bounded search's state), ``book`` (each page asked once), ``config``
(``WalkConfig``: every ``AUDITOR_*`` walk default), ``media_check`` (a medium's Range reads),
``drive`` (``walk_site``: the walker fed in-process by a ``fetch`` function).
"""
