"""The index page of a ``pathaudit run`` over many sites: one row per site with its verdict, counts
by kind, new and resolved findings since its previous run, and a trend sparkline; each row links to
the site's report. One self-contained file (inline CSS, no script, no CDN)."""

from reports.index.writer import SiteRow, render_index

__all__ = ["SiteRow", "render_index"]
