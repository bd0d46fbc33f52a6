"""What each government CMS family renders differently: one registered ``Dialect`` per family.

``trs`` (TRS WCM static pages), ``hanweb`` (大汉 jcms: ``/col/colN/``, datastore lists,
``dataproxy.jsp``), ``jiyue`` (provincial 集约化 ``.shtml`` templates), ``gkml`` (信息公开目录
tables). A rule that only one family needs lives in its dialect, never in a generic reader; the
generic readers loop over ``DIALECTS`` (as lychee keeps its site quirks in one list) and import no
family by name (tests/auditor/page/test_dialects.py holds them to it).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from auditor.page.dialects.base import Datastore, Dialect, ScriptPaging
from auditor.page.dialects.gkml import GKML
from auditor.page.dialects.hanweb import HANWEB
from auditor.page.dialects.jiyue import JIYUE
from auditor.page.dialects.trs import TRS

#: every family the readers know, asked in this order
DIALECTS: tuple[Dialect, ...] = (TRS, HANWEB, JIYUE, GKML)


def article_file_pattern() -> str:
    """The families' article file names as one alternation (for ``auditor.page.urlshapes``)."""
    return "|".join(d.article_file for d in DIALECTS if d.article_file)


def url_date(path: str) -> tuple[str, str, str] | None:
    return next((found for d in DIALECTS if (found := d.url_date(path))), None)


def is_list_page_file(name: str) -> bool:
    return any(d.is_list_page_file(name) for d in DIALECTS)


def chrome_region(token: str) -> str | None:
    return next((found for d in DIALECTS if (found := d.chrome_region(token))), None)


def datastores(scripts: list[str], page_source: str) -> list[Datastore]:
    return [store for d in DIALECTS for store in d.datastores(scripts, page_source)]


def list_endpoints() -> tuple[str, ...]:
    return tuple(endpoint for d in DIALECTS if (endpoint := d.list_endpoint()))


def date_cell(row: HtmlElement) -> HtmlElement | None:
    return next((cell for d in DIALECTS if (cell := d.date_cell(row)) is not None), None)


def script_paging(script_text: str, page_extensions: tuple[str, ...]) -> ScriptPaging:
    """What the families' paging scripts declare, the first family to say a field winning."""
    found = [p for d in DIALECTS if (p := d.script_paging(script_text, page_extensions)) is not None]
    if not found:
        return ScriptPaging()
    fields = ScriptPaging.__dataclass_fields__
    return ScriptPaging(**{
        name: next((getattr(p, name) for p in found if getattr(p, name)), getattr(found[0], name)) for name in fields
    })
