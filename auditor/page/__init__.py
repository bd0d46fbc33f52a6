"""A fetched page read as a person reads it: regions, links, lists, articles, dates, charset, state.

``tree`` parses once (a browser-like fallback for pages deeper than libxml2 allows, ``deep_markup``)
and knows each element's region and visibility (class names, and ``structure``: the footer, links to
other sites, the search form and the header logo as the page shows them, whatever the classes say); ``links`` and ``roles`` say what each link is for;
``rows`` and ``listing`` read list entries by their rows; ``crumbs`` the breadcrumb; ``page_state``
and ``error_pages`` whether the page is the one asked for.

CMS-family knowledge (TRS, Hanweb …) lives in ``auditor.page.dialects``: one registered ``Dialect``
object per family in ``DIALECTS``, which the generic readers loop over.
"""
