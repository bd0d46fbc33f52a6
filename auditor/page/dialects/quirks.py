"""Site-specific markup that the generic page readers cannot infer, kept in one place.

Every entry names the portal it was seen on. Add to this file rather than teaching a parser about one
site: the parsers stay generic and a quirk that stops mattering is deleted in one line.
"""

from __future__ import annotations

#: class or id tokens that mark page chrome (region name as in ``auditor.page.tree.Region``)
#: beyond the generic hints. Chrome is ignored when looking for a column's list and sub-columns.
CHROME_TOKENS: dict[str, str] = {
    # 邯郸 hdzfxxgk.hd.gov.cn (TRS): the site-wide mega menu under the content, ``<div class="dhlm">``
    # (导航栏目), is not in a <nav> and carries no English hint
    "dhlm": "nav",
}
