"""Turn what the spider observed into path results and findings (the ``findings.json`` contract).

Pure: observations in, ``FindingsReport`` parts out; no Scrapy, no I/O. One function per rule, so
each can be read (and tested) on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace

from auditor.audit.clause_rules import clause_findings
from auditor.audit.content import Content, judge_listing
from auditor.audit.finding import make_finding
from auditor.model.findings import Finding, PathResult
from auditor.model.observations import (
    ColumnObservation,
    ItemPageObservation,
    MediaObservation,
    Observations,
    TrailStep,
)
from auditor.audit.site_map import elsewhere, misplaced_evidence
from auditor.audit.wording import Words
from auditor.model.reasons import REASON_NOT_REACHED, REASON_UNREACHED_COMPLETE, Reason
from auditor.specs import MandatedPath, Spec
from auditor.specs.names import normalise_name

#: findings.json keeps each message in Chinese beside its code (the findings contract)
_ZH = Words("zh")



def show(segments: Iterable[str]) -> str:
    return " > ".join(segments)


def audit(spec: Spec, seen: Observations, *, as_of: dt.date, complete: bool) -> tuple[list[PathResult], list[Finding]]:
    """Judge every mandated path of ``spec`` against what was seen."""
    contents: dict[tuple[str, ...], Content] = {}
    expected = _expected_children(spec)
    results: list[PathResult] = []
    findings: list[Finding] = []
    reported_media: set[str] = set()
    # a broken medium is reported once, on the deepest path whose item pages use it: a parent column
    # that lists its sub-columns' newest items must not take their media findings
    owners = _media_owners(seen.items, {p.segments for p in spec.paths})
    media_users = _media_users(seen.items)
    renamed_done: set[tuple[str, ...]] = set()
    for path in spec.paths:
        result = _base_result(path)
        obs = seen.columns.get(path.segments)
        path_findings: list[Finding] = []
        if obs is None:
            result.status = "unverified"
            reason = REASON_NOT_REACHED if not complete else REASON_UNREACHED_COMPLETE
            path_findings.append(_unverified(path, None, reason, result))
        elif obs.status == "missing":
            result.status = "missing"
            result.trail = list(obs.trail)
            path_findings.append(_misplaced_column(path, obs, seen, spec) or _missing_column(path, obs))
        elif obs.status == "unverified":
            result.status = "unverified"
            result.trail = list(obs.trail)
            path_findings.append(_unverified(path, obs.url or _last_url(obs.trail), obs.reason or Reason("unknown"), result))
        else:
            result.url, result.trail = obs.url, list(obs.trail)
            result.read = obs.read or "static"  # a driver without a browser reads pages as sent
            result.alternates = list(obs.alternates)
            result.subcolumns = [name for name, _ in obs.listing.subcolumns] if obs.listing else []
            result.notes = [n.phrase("en") for n in obs.listing.notes] if obs.listing else []
            result.notes_data = [n.to_json() for n in obs.listing.notes] if obs.listing else []
            if obs.match in ("alias", "similar"):
                result.site_name = obs.site_name
            path_findings.extend(_renamed(path, seen, renamed_done))
            content = _content(path.segments, seen, contents, expected, complete)
            result.items, result.latest_date = content.items, content.latest_date
            status, rule_findings = _judge_content(path, obs, content, as_of, result)
            result.status = status
            path_findings.extend(rule_findings)
            path_findings.extend(_missing_subcolumns(path, obs, seen))
            # pages fetched only because an item links them (a 解读's 政策文件) are not the column's items
            pages = [item for item in seen.items if item.column == path.segments and item.role is None]
            path_findings.extend(_missing_fields(path, pages))
            linked = [item for item in seen.items if item.column == path.segments and item.role == "linked"]
            children = {key[-1]: child.listing for key, child in seen.columns.items()
                        if key[:-1] == path.segments and child.listing is not None}
            path_findings.extend(clause_findings(path, obs, pages, linked, as_of, status=result.status,
                                                 children=children))
            others = {url for url, owner in owners.items() if owner != path.segments}
            media_findings, checked = _media(path, pages, seen.media, media_users, reported_media, others)
            path_findings.extend(media_findings)
            result.checked_media = checked
        for finding in path_findings:
            finding.path_id = finding.path_id or path.id
        results.append(result)
        findings.extend(path_findings)
        for row, row_findings in _required_subcolumns(spec, path, result, seen, contents, expected, complete):
            results.append(row)
            findings.extend(row_findings)
    return results, findings


def _required_subcolumns(
    spec: Spec,
    path: MandatedPath,
    parent: PathResult,
    seen: Observations,
    contents: dict[tuple[str, ...], Content],
    expected: dict[tuple[str, ...], set[str]],
    complete: bool,
) -> Iterator[tuple[PathResult, list[Finding]]]:
    """Each sub-column ``path``'s rule requires (``children``), as a path of its own: its status
    comes from its own column when the parent was read, else from the parent's (a missing parent
    has its children missing, an unreadable one leaves them unverified). A missing child's error
    stays the parent's ``missing_subcolumn`` finding; a child that could not be judged gets its
    own ``unverified`` finding."""
    mandated = {p.segments for p in spec.paths}
    for name in path.rules.children:
        segments = path.segments + (name,)
        if segments in mandated:
            continue  # a mandated path of its own already
        row = _base_result(path, child=name)
        obs = seen.columns.get(segments)
        why: Reason | None = None
        if parent.status in ("missing", "unverified") and (obs is None or obs.status != "found"):
            row.status = parent.status
            row.trail = list(parent.trail)
            if parent.status == "unverified" and parent.reason_data:
                why = Reason.from_json(parent.reason_data)
        elif obs is None:
            why = REASON_NOT_REACHED if not complete else REASON_UNREACHED_COMPLETE
        elif obs.status != "found":
            row.status, row.trail, why = obs.status, list(obs.trail), obs.reason
        else:
            row.url, row.trail = obs.url, list(obs.trail)
            if obs.match in ("alias", "similar"):
                row.site_name = obs.site_name
            content = _content(segments, seen, contents, expected, complete)
            row.items, row.latest_date = content.items, content.latest_date
            row.notes = [n.phrase("en") for n in obs.listing.notes] if obs.listing else []
            row.notes_data = [n.to_json() for n in obs.listing.notes] if obs.listing else []
            if content.state == "items":
                row.status = "ok"
            elif content.state == "empty":
                row.status = "empty"
            else:
                why = Reason("content_undetermined", why=content.why or "layout")
        found: list[Finding] = []
        if row.status == "unverified":
            unverified = _unverified(path, row.url or _last_url(row.trail), why or REASON_UNREACHED_COMPLETE, row)
            unverified.path = list(segments)
            unverified.params["path"] = show(segments)
            unverified.message = _ZH.message(unverified.code, unverified.params)
            unverified.path_id = row.id
            found.append(unverified)
        yield row, found


def _base_result(path: MandatedPath, child: str | None = None) -> PathResult:
    """A path's row before the walk's observation is read: ``child`` names a sub-column the
    path's rule requires, which is a row of its own with the mandated path's units."""
    return PathResult(
        id=f"{path.id}>{child}" if child else path.id,
        path=[*path.segments, child] if child else list(path.segments),
        required_by=path.id if child else None,
        status="unverified",
        url=None,
        trail=[],
        items=None,
        latest_date=None,
        lead=list(path.lead),
        responsible=list(path.responsible),
        clause=path.clause,
        quote=path.quote,
    )


def _last_url(trail: list[TrailStep]) -> str | None:
    return trail[-1].url if trail else None


def _expected_children(spec: Spec) -> dict[tuple[str, ...], set[str]]:
    """The sub-columns the walk goes to below each column: mandated ones and required ones."""
    expected: dict[tuple[str, ...], set[str]] = {}
    for path in spec.paths:
        for depth in range(1, len(path.segments)):
            expected.setdefault(path.segments[:depth], set()).add(path.segments[depth])
        expected.setdefault(path.segments, set()).update(path.rules.children)
    return expected


def _content(
    segments: tuple[str, ...],
    seen: Observations,
    cache: dict[tuple[str, ...], Content],
    expected: dict[tuple[str, ...], set[str]],
    complete: bool,
) -> Content:
    """A column's content; a parent column's comes from its sub-columns (walked or discovered).

    A partial crawl that has not reached every sub-column the walk goes to cannot judge a parent:
    its content is unknown, never "no sub-columns"."""
    if segments in cache:
        return cache[segments]
    obs = seen.columns.get(segments)
    unreached = [name for name in expected.get(segments, ()) if not _reached(seen, segments + (name,))]
    if obs is None or obs.status != "found" or obs.listing is None:
        content = Content("unknown", why="not_read")
    elif obs.listing.kind == "parent" and unreached and not complete:
        content = Content("unknown", why="not_read")
    else:
        subs: list[Content] = []
        listing = obs.listing
        if listing.kind == "list" and not listing.items and not listing.declared_total and _found_children(seen, segments):
            # an empty list box beside sub-columns that were found: the column holds what they hold
            listing = replace(listing, kind="parent")
        if listing.kind == "parent":
            for child in seen.columns:
                if len(child) == len(segments) + 1 and child[: len(segments)] == segments:
                    if seen.columns[child].status == "found":
                        subs.append(_content(child, seen, cache, expected, complete))
                    elif seen.columns[child].status == "unverified":
                        # a sub-column the site would not show may hold items: never "all empty"
                        subs.append(Content("unknown", why="not_read"))
            subs.extend(judge_listing(sub) for sub in obs.subcolumn_listings.values())
        content = judge_listing(listing, subs)
    cache[segments] = content
    return content


def _found_children(seen: Observations, segments: tuple[str, ...]) -> bool:
    return any(
        len(child) == len(segments) + 1 and child[: len(segments)] == segments and obs.status == "found"
        for child, obs in seen.columns.items()
    )


def _reached(seen: Observations, segments: tuple[str, ...]) -> bool:
    obs = seen.columns.get(segments)
    return obs is not None and obs.reason != REASON_NOT_REACHED


def _judge_content(
    path: MandatedPath, obs: ColumnObservation, content: Content, as_of: dt.date, result: PathResult
) -> tuple[str, list[Finding]]:
    where = show(path.segments)
    if content.state == "unknown":
        if content.why == "js_only":
            reason = Reason("list_by_javascript", source=content.js_source or "script")
        elif content.why == "not_read":
            reason = Reason("crawl_ended_before_subcolumns")
        else:
            reason = Reason("content_undetermined", why=content.why)
        return "unverified", [_unverified(path, obs.url, reason, result)]
    if content.state == "empty":
        why = content.why if content.why in ("placeholder", "subcolumns_empty", "no_subcolumns") else "no_items"
        evidence = {"why": content.why}
        if content.placeholder:
            evidence["placeholder"] = content.placeholder
        params = {"path": where, "placeholder": content.placeholder}
        return "empty", [make_finding("empty_section", "error", path, obs.url, f"empty_section.{why}", params, evidence)]
    findings: list[Finding] = []
    status = "ok"
    items = content.items or 0
    if items < path.rules.min_items:
        findings.append(
            make_finding(
                "empty_section",
                "warning",
                path,
                obs.url,
                "empty_section.below_min_items",
                {"path": where, "items": items, "min_items": path.rules.min_items},
                {"why": "below_min_items", "items": items, "min_items": path.rules.min_items},
            )
        )
    stale = _stale(path, obs, content, as_of)
    if stale is not None:
        findings.append(stale)
        status = "stale"
    late = _deadline(path, obs, content)
    if late is not None:
        findings.append(late)
    return status, findings


def _stale(path: MandatedPath, obs: ColumnObservation, content: Content, as_of: dt.date) -> Finding | None:
    max_age = path.rules.effective_max_age_days
    if max_age is None or obs.listing is None or obs.listing.kind == "page":
        return None
    where = show(path.segments)
    evidence = {"latest_date": content.latest_date, "max_age_days": max_age, "as_of": as_of.isoformat()}
    if content.latest_date is None:
        params = {"path": where}
        evidence["why"] = "no_dates"
        return make_finding("stale_section", "error", path, obs.url, "stale_section.no_dates", params, evidence)
    age = (as_of - dt.date.fromisoformat(content.latest_date)).days
    if age <= max_age:
        return None
    params = {"path": where, "latest_date": content.latest_date, "age_days": age, "max_age_days": max_age}
    return make_finding("stale_section", "error", path, obs.url, "stale_section.age", params, {**evidence, "age_days": age})


def _deadline(path: MandatedPath, obs: ColumnObservation, content: Content) -> Finding | None:
    deadline = path.rules.deadline
    if deadline is None or obs.listing is None:
        return None
    dates = [item.date for item in obs.listing.items if item.date]
    if any(date <= deadline.isoformat() for date in dates):
        return None
    where = show(path.segments)
    params = {"path": where, "deadline": deadline.isoformat()}
    evidence = {"deadline": deadline.isoformat(), "earliest_date": min(dates) if dates else None}
    return make_finding("deadline_missed", "error", path, obs.url, "deadline_missed", params, evidence)


def _renamed(path: MandatedPath, seen: Observations, done: set[tuple[str, ...]]) -> Iterator[Finding]:
    """A column found under another name, reported once, on the path that ends there."""
    obs = seen.columns.get(path.segments)
    if obs is None or obs.match != "similar" or path.segments in done:
        return
    done.add(path.segments)
    evidence = {"mandated_name": path.segments[-1], "site_name": obs.site_name, "similarity": obs.similarity}
    params = dict(evidence)
    code = "renamed_column"
    cues = obs.rename
    if cues is not None and not cues.by_name:
        # the cues that decided it, when its name alone did not (auditor.walk.renaming): how the names differ, the score, the headlines
        evidence.update(rename_form=cues.form, rename_score=cues.score, headlines=list(cues.headlines))
        if cues.form is None and cues.headlines:
            code = "renamed_column.headlines"
            params.update(headline=cues.headlines[0], score=cues.score)
    yield make_finding("renamed_column", "warning", path, obs.url, code, params, evidence)


def _missing_column(path: MandatedPath, obs: ColumnObservation) -> Finding:
    depth = max(len(obs.trail) - 1, 0)
    segment = path.segments[min(depth, len(path.segments) - 1)]
    stopped = obs.trail[-1] if obs.trail else None
    params = {
        "path": show(path.segments), "segment": segment, "stopped_at": stopped.name if stopped else None,
        "searched": len(obs.searched),
    }
    evidence = {
        "segment": segment,
        "stopped_at": {"name": stopped.name, "url": stopped.url} if stopped else None,
        "searched": obs.searched,
        "offered": obs.offered,
    }
    if obs.failed_pages:
        # pages of the search the server refused: noted, they could not have linked the column
        evidence["unreadable"] = list(obs.failed_pages)
    return make_finding("missing_column", "error", path, stopped.url if stopped else None, "missing_column", params, evidence)


def _misplaced_column(path: MandatedPath, obs: ColumnObservation, seen: Observations, spec: Spec) -> Finding | None:
    """The column not found where the mandate puts it, but in the site's map under its exact name
    at another place: misplaced, naming both places (``auditor.audit.site_map``). A column of that
    name the mandate puts at that other place too (重要政策 under two sections), or one another
    mandated path was found at, is that path's, never this one's."""
    depth = max(len(obs.trail) - 1, 0)
    segment = path.segments[min(depth, len(path.segments) - 1)]
    stopped = obs.trail[-1] if obs.trail else None
    found = elsewhere(seen.column_map, segment, stopped.name if stopped else None, stopped.url if stopped else None)
    if found is None:
        return None
    taken = {o.url for o in seen.columns.values() if o.status == "found" and o.url}
    if found.url in taken:
        return None
    mandated_parents = {
        name
        for other in spec.paths
        for i, seg in enumerate(other.segments)
        if seg == segment and i > 0
        for name in (other.segments[i - 1], *spec.aliases_for(other.segments[i - 1]))
    }
    if found.parent_name is not None and normalise_name(found.parent_name) in {normalise_name(n) for n in mandated_parents}:
        return None
    params = {
        "path": show(path.segments), "segment": segment, "stopped_at": stopped.name if stopped else None,
        "found_under": found.parent_name or "首页", "found_url": found.url,
    }
    evidence = misplaced_evidence(found, obs, segment)
    return make_finding("misplaced_column", "error", path, found.url, "misplaced_column", params, evidence)


def _missing_subcolumns(path: MandatedPath, obs: ColumnObservation, seen: Observations) -> Iterator[Finding]:
    for name in path.rules.children:
        child = seen.columns.get(path.segments + (name,))
        if child is None or child.status != "missing":
            continue
        params = {"path": show(path.segments), "subcolumn": name}
        evidence = {"subcolumn": name, "offered": child.offered}
        yield make_finding("missing_subcolumn", "error", path, obs.url, "missing_subcolumn", params, evidence)


def _missing_fields(path: MandatedPath, pages: list[ItemPageObservation]) -> Iterator[Finding]:
    required = path.rules.required_fields
    if not required:
        return
    for page in pages:
        if page.status != "ok":
            continue
        missing = [label for label in required if label not in page.fields_present]
        if missing:
            params = {"path": show(path.segments), "missing": missing}
            evidence = {"missing": missing, "required": list(required), "title": page.title}
            yield make_finding("missing_field", "error", path, page.url, "missing_field", params, evidence)


def _media_owners(items: list[ItemPageObservation], mandated: set[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The mandated path each medium is reported on: the deepest one whose item pages use it."""
    owners: dict[str, tuple[str, ...]] = {}
    for page in items:
        if page.column not in mandated:
            continue
        for ref in page.media:
            current = owners.get(ref.url)
            if current is None or len(page.column) > len(current):
                owners[ref.url] = page.column
    return owners


def _media_users(items: list[ItemPageObservation]) -> dict[str, list[str]]:
    """Every page that uses each medium: the medium was checked once, its finding names them all."""
    users: dict[str, list[str]] = {}
    for page in items:
        for ref in page.media:
            users.setdefault(ref.url, [])
            if page.url not in users[ref.url]:
                users[ref.url].append(page.url)
    return users


def _media(
    path: MandatedPath,
    pages: list[ItemPageObservation],
    media: dict[str, MediaObservation],
    users: dict[str, list[str]],
    reported: set[str],
    elsewhere: Collection[str] = (),
) -> tuple[list[Finding], list[dict]]:
    findings: list[Finding] = []
    checked: list[dict] = []
    listed: set[str] = set()
    for page in sorted(pages, key=lambda p: p.url):  # arrival order varies from crawl to crawl
        for ref in page.media:
            verdict = media.get(ref.url)
            if verdict is None or ref.url in listed:
                continue
            listed.add(ref.url)
            checked.append(
                {
                    "url": ref.url,
                    "kind": verdict.kind,
                    "ok": verdict.ok,
                    "reason": verdict.reason,
                    "page": page.url,
                    "width": verdict.width,
                    "height": verdict.height,
                    "content_type": verdict.content_type,
                    "checked_at": verdict.checked_at,
                    **({"replayed": True} if verdict.replayed else {}),
                }
            )
            if verdict.ok is None and verdict.cause is not None and ref.url not in reported | set(elsewhere):
                reported.add(ref.url)  # the server did not serve it: could not be checked, not broken
                findings.append(_unverified_medium(path, verdict, page.url, users.get(ref.url, [])))
                continue
            if verdict.ok is not False or ref.url in reported or ref.url in elsewhere:
                continue
            reported.add(ref.url)
            findings.append(_broken_medium(path, verdict, page.url, users.get(ref.url, [])))
    return findings, checked


def _broken_medium(path: MandatedPath, verdict: MediaObservation, page: str, users: list[str]) -> Finding:
    failed_status = bool(verdict.http_status and verdict.http_status >= 400)
    code = "broken_medium.status" if failed_status else "broken_medium"
    params = {"media_kind": verdict.kind, "media_reason": verdict.reason or "other", "http_status": verdict.http_status}
    evidence = {
        "reason": verdict.reason,
        "http_status": verdict.http_status,
        "content_type": verdict.content_type,
        "size": verdict.size,
        "detail": verdict.detail,
        "pages": sorted(set(verdict.pages) | set(users) | {page}),
        # when the bytes were answered: an earlier crawl's when --cache replayed them (issue 19)
        "checked_at": verdict.checked_at,
        **({"replayed": True} if verdict.replayed else {}),
    }
    severity = "warning" if verdict.reason == "timeout" else "error"
    finding = make_finding(f"broken_{verdict.kind}", severity, path, verdict.url, code, params, evidence)
    finding.page = page
    return finding


def _reason_evidence(reason: Reason) -> dict:
    """A reason in a finding's evidence: the English phrase, the code and facts, both sentences."""
    return {
        "reason": reason.phrase(),
        "reason_code": reason.code,
        "reason_data": reason.to_json(),
        "reason_zh": reason.sentence("zh"),
        "reason_en": reason.sentence("en"),
    }


def _unverified_medium(path: MandatedPath, verdict: MediaObservation, page: str, users: list[str]) -> Finding:
    """A medium the server refused (403, 429, 5xx, a reset after retries): unverified, a warning."""
    reason = verdict.cause or Reason("media_refused")
    params = {"media_kind": verdict.kind, "reason": reason.to_json()}
    evidence = {
        **_reason_evidence(reason),
        "media_kind": verdict.kind,
        "http_status": verdict.http_status,
        "pages": sorted(set(verdict.pages) | set(users) | {page}),
    }
    finding = make_finding("unverified", "warning", path, verdict.url, "unverified_medium", params, evidence)
    finding.page = page
    return finding


def _unverified(path: MandatedPath, url: str | None, reason: Reason, result: PathResult) -> Finding:
    """The path is unverified for ``reason``: its finding, and the reason on the path's result."""
    result.reason, result.reason_code, result.reason_data = reason.phrase(), reason.code, reason.to_json()
    params = {"path": show(path.segments), "reason": reason.to_json()}
    return make_finding("unverified", "warning", path, url, "unverified", params, _reason_evidence(reason))
