"""The clause rules: what a task list asks of a column beyond its existence and freshness.

Each rule is one function of what the walk already saw (the column's list, its page's facts, the
sampled item pages and their facts), so none asks for pages of its own; each returns findings in the
findings.json contract. The spec keys are documented in path_specs/README.md (*Clause rules*):

* ``due_yearly``     — 五（三）7: the yearly report for last year by 31 January (``missing_yearly_item``);
* ``min_per_year``   — 二（二）2: at least N matching items in the last full year (``below_yearly_count``);
* ``contact_phone``  — 二（三）2: the page shows a contact phone number (``missing_phone``);
* ``answered`` / ``reply_within_days`` — 二（三）1: every message answered, in time (``unanswered_message``);
* ``policy_links``   — 二（二）5: each 解读 links its policy file and the file links back
  (``unlinked_interpretation``);
* ``mobile``         — 三（二）1（4）: the column opens on a phone (``not_mobile_ready``), as a browser
  measured it (``spiders/mobile_view.py``); without a browser it is ``unverified``.

What a rule cannot judge from what was read is an ``unverified`` finding with its reason, never a pass
and never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from auditor.audit.finding import make_finding
from auditor.model.findings import Finding
from auditor.model.observations import MOBILE_TOLERANCE_PX, ColumnObservation, ItemPageObservation, ListItem, Listing
from auditor.model.reasons import Reason
from auditor.page.canonical import same_page
from auditor.page.facts import ACCEPTED_LABELS, REPLIED_LABELS, REPLY_LABELS, STATE_LABELS
from auditor.specs import MandatedPath, normalise_name

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
#: what a reply field shows while there is no reply
_NO_REPLY = re.compile(r"^(?:暂无|无|未答复|未回复|待答复|待回复|办理中|正在办理|处理中|正在处理|尚未答复|-+|—+)?[。.]?$")
#: the phone's screen width the mobile rule asks the page to fit, CSS px
SCREEN = 390
_PENDING_STATE = re.compile(r"未答复|未回复|待答复|待回复|办理中|处理中|未办结")


def clause_findings(
    path: MandatedPath,
    obs: ColumnObservation,
    pages: list[ItemPageObservation],
    linked: list[ItemPageObservation],
    as_of: dt.date,
    status: str = "ok",
    children: dict[str, Listing] | None = None,
) -> list[Finding]:
    """Every clause-rule finding of one found column (``status``: what the column rules made of it;
    ``children``: the lists of its sub-columns the walk read, by name).

    A column already reported stale is not reported again for its yearly item: its newest item is
    older than its window, and one finding (更新栏目内容) says what the missing report would."""
    rules = path.rules
    findings: list[Finding] = []
    if rules.due_yearly and status != "stale":
        findings.extend(due_yearly(path, obs, pages, as_of))
    if rules.min_per_year:
        findings.extend(min_per_year(path, obs, as_of, children))
    if rules.contact_phone:
        findings.extend(contact_phone(path, obs, pages))
    if rules.answered or rules.reply_within_days:
        findings.extend(answered(path, pages))
    if rules.policy_links:
        findings.extend(policy_links(path, pages, linked))
    if rules.mobile:
        findings.extend(mobile(path, obs))
    return findings


# --- 五（三）7: a yearly item by its legal date -------------------------------------------------------
def due_day(as_of: dt.date, month_day: str) -> tuple[int, dt.date]:
    """(the year whose item must be there, the day it was due) on ``as_of``: before this year's due
    day, the year before last's item (due last year) is the one that must be there."""
    month, day = (int(part) for part in month_day.split("-"))
    due = dt.date(as_of.year, month, day)
    if as_of <= due:
        return as_of.year - 2, dt.date(as_of.year - 1, month, day)
    return as_of.year - 1, due


def _titles(obs: ColumnObservation, pages: list[ItemPageObservation]) -> list[tuple[str, str | None, str | None]]:
    """(title, date, url) of every item the column lists, and of the item pages read."""
    seen: list[tuple[str, str | None, str | None]] = []
    items: list[ListItem] = list(obs.listing.items) if obs.listing else []
    for listing in obs.subcolumn_listings.values():
        items.extend(listing.items)
    for item in items:
        seen.append((item.title, item.date, item.url))
    for page in pages:
        if page.title:
            seen.append((page.title, page.date, page.url))
    return seen


def due_yearly(path: MandatedPath, obs: ColumnObservation, pages: list[ItemPageObservation], as_of: dt.date) -> Iterator[Finding]:
    assert path.rules.due_yearly is not None
    year, due = due_day(as_of, path.rules.due_yearly)
    marks = (f"{year}年", f"{year}年度")
    found = [(title, date, url) for title, date, url in _titles(obs, pages) if any(m in normalise_name(title) for m in marks)]
    where = " > ".join(path.segments)
    if not found:
        params = {"path": where, "year": year, "due": due.isoformat(), "as_of": as_of.isoformat()}
        evidence = {"year": year, "due": due.isoformat(), "listed": len(obs.listing.items) if obs.listing else 0}
        yield make_finding("missing_yearly_item", "error", path, obs.url, "missing_yearly_item", params, evidence)
        return
    dated = sorted(date for _, date, _ in found if date)
    if dated and dated[0] > due.isoformat():
        title, date, url = next(f for f in found if f[1] == dated[0])
        params = {"path": where, "year": year, "due": due.isoformat(), "date": date, "title": title}
        evidence = {"year": year, "due": due.isoformat(), "date": date, "title": title, "item": url}
        yield make_finding("missing_yearly_item", "warning", path, url or obs.url, "missing_yearly_item.late", params, evidence)


# --- 二（二）2: a count per year -------------------------------------------------------------------
def min_per_year(path: MandatedPath, obs: ColumnObservation, as_of: dt.date,
                 children: dict[str, Listing] | None = None) -> Iterator[Finding]:
    """At least N matching items in the last full year, counted over the column's list and its
    sub-columns' (``children``: the lists of the sub-columns the walk read). Below N is an error only
    when every list the items come from was read back past the year's first day, or read whole; a
    parent's page that shows the newest items of its sub-columns is a teaser, not their lists."""
    rule = path.rules.min_per_year
    assert rule is not None
    if obs.listing is None:
        return
    year = as_of.year - 1
    subs = [*obs.subcolumn_listings.values(), *(children or {}).values()]
    own_is_teaser = bool(subs) and bool(obs.listing.subcolumns)
    listings = subs if own_is_teaser else [obs.listing, *subs]
    items = list({i.url or i.title: i for listing in [obs.listing, *subs] for i in listing.items}.values())
    match = normalise_name(rule.match)
    counted = [i for i in items if i.date and i.date.startswith(f"{year}-") and match in normalise_name(i.title)]
    this_year = [i for i in items if i.date and i.date.startswith(f"{as_of.year}-") and match in normalise_name(i.title)]
    where = " > ".join(path.segments)
    evidence = {
        "year": year,
        "count": len(counted),
        "min_per_year": rule.count,
        "match": rule.match,
        "titles": [i.title for i in counted][:20],
        "this_year_so_far": len(this_year),
    }
    if len(counted) >= rule.count:
        return
    short = [listing for listing in listings if not _covers(listing, year)]
    if short:
        dates = sorted(i.date for listing in short for i in listing.items if i.date)
        reason = Reason("clause_year_not_covered", year=year, oldest=dates[0] if dates else "-")
        yield unverified_clause(path, obs.url, "min_per_year", reason, evidence)
        return
    params = {"path": where, "year": year, "count": len(counted), "min_per_year": rule.count, "match": rule.match or "-"}
    yield make_finding("below_yearly_count", "error", path, obs.url, "below_yearly_count", params, evidence)


def _covers(listing: Listing, year: int) -> bool:
    """The list was read back past 1 January of ``year``, or read whole (one page, nothing left
    unread, no total above what was read); and each of its items has a date (an undated item may be
    one of the year's)."""
    if any(not i.date for i in listing.items):
        return False
    dates = sorted(i.date for i in listing.items if i.date)
    if dates and dates[0] <= f"{year}-01-01":
        return True
    declared = listing.declared_total
    return (not listing.notes and not listing.next_pages and (listing.page_count or 1) <= 1
            and (declared is None or declared <= len(listing.items)))


# --- 二（三）2: a contact phone number ----------------------------------------------------------------
def contact_phone(path: MandatedPath, obs: ColumnObservation, pages: list[ItemPageObservation]) -> Iterator[Finding]:
    if obs.facts is None:
        return
    if obs.facts.phones:
        return
    read = [page for page in pages if page.status == "ok" and page.facts is not None]
    if any(page.facts.phones for page in read if page.facts):
        return
    where = " > ".join(path.segments)
    evidence = {"pages": [obs.url, *(page.url for page in read)]}
    yield make_finding("missing_phone", "error", path, obs.url, "missing_phone", {"path": where}, evidence)


# --- 二（三）1: every message answered ---------------------------------------------------------------
def read_date(text: str | None) -> dt.date | None:
    match = _DATE.search(text or "")
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _first(labelled: dict[str, str], labels: tuple[str, ...]) -> tuple[str | None, str | None]:
    for label in labels:
        if label in labelled:
            return label, labelled[label]
    return None, None


def answered(path: MandatedPath, pages: list[ItemPageObservation]) -> Iterator[Finding]:
    """Each sampled message: a reply (a reply text that is not a placeholder, or a reply date), a
    reply date not before the acceptance date, and within ``reply_within_days`` when the spec says."""
    limit = path.rules.reply_within_days
    where = " > ".join(path.segments)
    for page in sorted(pages, key=lambda p: p.url):
        if page.status != "ok" or page.facts is None:
            continue
        values = page.facts.labelled
        _, accepted_text = _first(values, ACCEPTED_LABELS)
        _, replied_text = _first(values, REPLIED_LABELS)
        _, reply = _first(values, REPLY_LABELS)
        _, state = _first(values, STATE_LABELS)
        accepted, replied = read_date(accepted_text), read_date(replied_text)
        reply_text = (reply or "").strip()
        no_reply = (not reply_text or _NO_REPLY.match(reply_text) is not None) and replied is None
        if state and _PENDING_STATE.search(state[:20]):
            no_reply = True
        base = {"path": where, "title": page.title or page.url}
        evidence = {
            "title": page.title,
            "accepted": accepted.isoformat() if accepted else None,
            "replied": replied.isoformat() if replied else None,
            "reply": reply_text[:80],
        }
        if no_reply:
            yield _message(path, page, "unanswered_message.no_reply", base, evidence)
            continue
        if accepted is None or replied is None:
            continue  # the dates' labels are missing_field's to report
        if replied < accepted:
            params = {**base, "accepted": accepted.isoformat(), "replied": replied.isoformat()}
            yield _message(path, page, "unanswered_message.before_acceptance", params, evidence)
            continue
        days = (replied - accepted).days
        if limit is not None and days > limit:
            params = {**base, "accepted": accepted.isoformat(), "replied": replied.isoformat(), "days": days,
                      "limit": limit}
            yield _message(path, page, "unanswered_message.late", params, {**evidence, "days": days, "limit": limit})


def _message(path: MandatedPath, page: ItemPageObservation, code: str, params: dict, evidence: dict) -> Finding:
    found = make_finding("unanswered_message", "error", path, page.url, code, params, evidence)
    found.page = page.url
    return found


# --- 二（二）5: 政策解读 and 政策文件 linked both ways -------------------------------------------------------
def policy_links(
    path: MandatedPath, pages: list[ItemPageObservation], linked: list[ItemPageObservation]
) -> Iterator[Finding]:
    where = " > ".join(path.segments)
    for page in sorted(pages, key=lambda p: p.url):
        if page.status != "ok" or page.facts is None:
            continue
        base = {"path": where, "title": page.title or page.url}
        documents = [link for link in page.facts.related if not same_page(link[2], page.url)]
        if not documents:
            evidence = {"title": page.title, "direction": "to_document"}
            yield _interpretation(path, page, "unlinked_interpretation.no_document", base, evidence)
            continue
        marker, text, url = documents[0]
        target = next((p for p in linked if same_page(p.url, url)), None)
        evidence = {"title": page.title, "document": url, "document_title": text, "marker": marker}
        if target is None or target.status != "ok" or target.facts is None:
            why = target.reason if target is not None and target.reason else Reason("linked_page_not_read", url=url)
            yield unverified_clause(path, page.url, "policy_links", why, evidence)
            continue
        back = [link for link in target.facts.related if same_page(link[2], page.url)]
        if not back:
            params = {**base, "document": target.title or text or url}
            evidence["direction"] = "to_interpretation"
            yield _interpretation(path, page, "unlinked_interpretation.no_backlink", params, evidence)


def _interpretation(path: MandatedPath, page: ItemPageObservation, code: str, params: dict, evidence: dict) -> Finding:
    found = make_finding("unlinked_interpretation", "error", path, page.url, code, params, evidence)
    found.page = page.url
    return found


# --- 三（二）1（4）: the 信息公开 column on a phone ---------------------------------------------------------
def mobile(path: MandatedPath, obs: ColumnObservation) -> Iterator[Finding]:
    """The column opens on a phone: its own page fits a 390 px screen (a device-wide viewport, laid
    out no wider), or a mobile version (手机版, the ``m.`` site, the home page as a phone is served it)
    fits and links the column by name to a page that fits. Only a browser can tell
    (``spiders/mobile_view.py``); without one the rule is ``unverified``, whatever the page declares."""
    if obs.facts is None and obs.mobile is None:
        return
    where = " > ".join(path.segments)
    declared = {"viewport": obs.facts.viewport if obs.facts else None,
                "mobile_links": obs.facts.mobile_links if obs.facts else []}
    view = obs.mobile
    if view is None:
        yield unverified_clause(path, obs.url, "mobile", Reason("clause_needs_browser", width=SCREEN), declared)
        return
    pages = {page.role: page for page in view.pages}
    evidence = {**declared, "screen": SCREEN, "tolerance": MOBILE_TOLERANCE_PX,
                "pages": [{"role": p.role, "url": p.url, "viewport": p.viewport, "width": p.width} for p in view.pages],
                "homes_tried": list(view.homes_tried)}
    column, home, reached = pages.get("column"), pages.get("mobile_home"), pages.get("mobile_column")
    if column is not None and column.fits():
        return
    if home is not None and reached is not None and reached.fits():
        return
    if view.failure is not None or column is None:
        reason = Reason("clause_browser_failed", error=view.failure or "-")
        yield unverified_clause(path, obs.url, "mobile", reason, evidence)
        return
    if home is None:
        params = {"path": where, "width": column.width, "screen": SCREEN}
        code = "not_mobile_ready" if column.viewport else "not_mobile_ready.no_viewport"
    else:
        params = {"path": where, "home": home.url, "width": reached.width if reached else 0, "screen": SCREEN}
        code = "not_mobile_ready.not_reachable" if reached is None else "not_mobile_ready.mobile_too_wide"
    yield make_finding("not_mobile_ready", "error", path, obs.url, code, params, evidence)


# --- findings --------------------------------------------------------------------------------------
def unverified_clause(path: MandatedPath, url: str | None, rule: str, reason: Reason, evidence: dict) -> Finding:
    """A clause rule that could not be judged: ``unverified`` (a warning), with the rule's key."""
    params = {"path": " > ".join(path.segments), "rule": rule, "reason": reason.to_json()}
    evidence = {
        **evidence,
        "rule": rule,
        "reason": reason.phrase(),
        "reason_code": reason.code,
        "reason_data": reason.to_json(),
        "reason_zh": reason.sentence("zh"),
        "reason_en": reason.sentence("en"),
    }
    return make_finding("unverified", "warning", path, url, "unverified_clause", params, evidence)
