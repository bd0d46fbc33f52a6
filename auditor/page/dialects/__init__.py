"""What each government CMS family renders differently, one module per family.

``trs`` (TRS WCM static pages), ``hanweb`` (大汉 jcms: ``/col/colN/``, datastore lists,
``dataproxy.jsp``), ``jiyue`` (provincial 集约化 ``.shtml`` templates), ``gkml`` (信息公开目录
tables). A rule that only one family needs lives in its module, never in a generic reader.
"""

from __future__ import annotations

from auditor.page.dialects import trs

#: class or id tokens that mark page chrome beyond the generic hints, from every family
CHROME_TOKENS: dict[str, str] = {**trs.CHROME_TOKENS}
