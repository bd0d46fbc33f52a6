"""The findings contract (``findings.json``, schema ``pathaudit/findings/1``).

Other tools, CI jobs and the report writers depend on this shape: fields may be added, never renamed.
It is documented in docs/findings.md and docs/findings.schema.json.
"""

from __future__ import annotations

import copy
import json
import os
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from auditor.model.observations import TrailStep

SCHEMA_ID = "pathaudit/findings/1"

PathStatus = Literal["ok", "missing", "empty", "stale", "unverified"]
Severity = Literal["error", "warning", "info"]

FINDING_KINDS: tuple[str, ...] = (
    "missing_column",
    "renamed_column",
    "misplaced_column",
    "missing_subcolumn",
    "empty_section",
    "stale_section",
    "missing_field",
    "deadline_missed",
    "broken_image",
    "broken_video",
    "broken_audio",
    "broken_attachment",
    "unverified",
    # the clause rules (auditor/audit/clause_rules.py)
    "missing_yearly_item",
    "below_yearly_count",
    "missing_phone",
    "unanswered_message",
    "unlinked_interpretation",
    "not_mobile_ready",
)
MEDIA_FINDING_KINDS = ("broken_image", "broken_video", "broken_audio", "broken_attachment")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
#: a finding's fields that only a run with history has (left out of findings.json otherwise)
HISTORY_FIELDS = ("first_seen", "last_seen", "runs_seen", "in_previous_run")
#: a finding's evidence fields that belong to the run, not to what the site showed: its record in the
#: run's own archive, when a medium's bytes were answered and whether ``--cache`` replayed them. Two
#: runs of an unchanged site differ in these (and in ``HISTORY_FIELDS``) only; comparisons leave them out
RUN_EVIDENCE_FIELDS = ("record", "checked_at", "replayed")
#: the same of a path's ``checked_media`` entries
RUN_MEDIUM_FIELDS = ("checked_at", "replayed")


@dataclass
class PathResult:
    """How one mandated path stands on the site."""

    id: str
    path: list[str]
    status: PathStatus
    url: str | None
    trail: list[TrailStep]
    items: int | None
    latest_date: str | None
    lead: list[str]
    responsible: list[str]
    clause: str
    #: the mandate's own words, for the inspector
    quote: str = ""
    #: what could not be determined and why (unverified paths)
    reason: str | None = None
    #: the same reason as a stable code (``auditor.model.reasons.WORDING``) and its facts
    reason_code: str | None = None
    reason_data: dict[str, Any] | None = None
    #: every medium checked on this path's item pages, broken or not (reports show thumbnails of the
    #: images that loaded): {"url", "kind", "ok", "reason", "page", "width", "height", "content_type"}
    checked_media: list[dict[str, Any]] = field(default_factory=list)
    #: the name the site shows for the column when it is not the mandated one
    site_name: str | None = None
    #: other links that carried the column's name too; the walk took the best-placed one
    alternates: list[str] = field(default_factory=list)
    #: sub-columns the column page offers (names), mandated or not
    subcolumns: list[str] = field(default_factory=list)
    #: what the count is certain of and what it is not (later list pages only behind a search
    #: endpoint, pagination capped …), in the crawler's English words (for greps and older readers)
    notes: list[str] = field(default_factory=list)
    #: the same notes as codes with their facts (``auditor.model.notes``), for reports in any language
    notes_data: list[dict[str, Any]] = field(default_factory=list)
    #: for a sub-column a rule requires (``children``) reported as a path of its own: the id of the
    #: mandated path whose rule requires it; None for a mandated path
    required_by: str | None = None
    #: how the column's page was read: ``static``, ``data`` (the JSON list its script loads) or
    #: ``rendered`` (in a browser); None when the column was not read
    read: str | None = None


@dataclass
class Finding:
    kind: str
    severity: Severity
    path: list[str] | None
    url: str | None
    page: str | None
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    #: the mandated path id this finding belongs to (None for site-wide findings)
    path_id: str | None = None
    #: the message as a code and its parameters, for reports in any language
    #: (``auditor.audit.wording``); ``message`` is the same sentence in Chinese
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    #: history across runs of the site (None when no history is kept): when the finding was first and
    #: last seen (the finishing times of those runs), in how many runs, and whether the previous run had it
    first_seen: str | None = None
    last_seen: str | None = None
    runs_seen: int | None = None
    in_previous_run: bool | None = None


@dataclass
class FindingsReport:
    site: dict[str, Any]
    spec: dict[str, Any]
    started_at: str
    finished_at: str
    complete: bool
    stats: dict[str, Any]
    paths: list[PathResult]
    findings: list[Finding]
    schema: str = SCHEMA_ID
    #: the site's earlier runs, from the history database (None when none is kept): ``site``,
    #: ``run_id``, ``previous_run``, ``resolved`` (findings of the previous run no longer seen) and
    #: ``runs`` (counts per run, oldest first, for the trend chart); see docs/findings.md
    history: dict[str, Any] | None = None
    #: the site's own column map (``auditor.audit.site_map.map_section``): every column page the
    #: walk read, with its parent, items, newest date and state; the coverage; the veto lines
    #: counted over all columns (None when the walk kept none); see docs/findings.md
    column_map: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The document findings.json holds, in fresh containers (a caller may change it freely).

        Built field by field rather than by ``dataclasses.asdict``: the same values in the same
        order, without asdict's per-value type tests and deep copies of every string (it was most of
        the cost of writing findings.json, which a crawl does up to six times)."""
        ordered: dict[str, Any] = {"schema": self.schema}
        for name in _REPORT_FIELDS:
            value = getattr(self, name)
            if name == "paths":
                ordered[name] = [_path_dict(path) for path in value]
            elif name == "findings":
                ordered[name] = [_finding_dict(finding) for finding in value]
            elif value is not None or name not in _OPTIONAL_REPORT_FIELDS:
                ordered[name] = _plain(value)
        return ordered

    def write(self, path: str | Path) -> Path:
        """Write atomically, so a reader never sees half a file (a crawl may be killed any time)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        try:
            tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
            tmp.replace(target)
        except OSError:  # a full disk: the old file stays, and no half-written one is left beside it
            tmp.unlink(missing_ok=True)
            raise
        return target

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FindingsReport:
        if data.get("schema") != SCHEMA_ID:
            raise ValueError(f"not a {SCHEMA_ID} document (schema={data.get('schema')!r})")
        paths = [
            PathResult(**{**_known(PathResult, p), "trail": [TrailStep(**t) for t in p.get("trail", [])]})
            for p in data["paths"]
        ]
        findings = [Finding(**_known(Finding, f)) for f in data["findings"]]
        rest = _known(cls, {k: v for k, v in data.items() if k not in ("paths", "findings")})
        return cls(paths=paths, findings=findings, **rest)

    @classmethod
    def read(cls, path: str | Path, role: str = "findings") -> FindingsReport:
        """The one reader of findings.json: every way the file can be wrong becomes a
        :class:`FindingsFileError` with one clear sentence naming ``role`` and the file."""
        return read_findings(path, role)

    def worst_severity(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)


class FindingsFileError(ValueError):
    """A file that cannot be read as ``pathaudit/findings/1``: the message says why and names it."""


#: findings of a very large portal run to tens of MB; a file far larger is not one (never read whole)
MAX_FINDINGS_BYTES = 1024 * 1024 * 1024


def read_findings(path: str | Path, role: str = "findings") -> FindingsReport:
    """Read and check a findings file (``role`` names it in messages: findings, baseline …).

    Fields a newer writer added are ignored, never refused (docs/findings.md: readers must ignore
    fields they do not know), so a findings.json with extra keys or new finding kinds still reads."""
    where = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FINDINGS_BYTES:
            raise FindingsFileError(
                f"{role} file is {info.st_size // (1024 * 1024)} MB: too large for a findings.json: {where}")
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise FindingsFileError(f"{role} file is not a regular file (a device or a pipe): {where}")
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FindingsFileError(f"{role} file not found: {where}") from None
    except IsADirectoryError:
        raise FindingsFileError(f"{role} file is a directory, not a findings.json: {where}") from None
    except UnicodeDecodeError:
        raise FindingsFileError(f"{role} file is not UTF-8 text: {where}") from None
    except OSError as err:
        raise FindingsFileError(f"cannot read {role} file {where}: {err.strerror or err}") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise FindingsFileError(f"{role} file nests too deep to be a findings document: {where}") from None
    except json.JSONDecodeError as err:
        raise FindingsFileError(
            f"{role} file is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno}): {where}"
        ) from None
    if not isinstance(data, dict):
        raise FindingsFileError(f"{role} file is not a findings document (expected a JSON object): {where}")
    problem = shape_problem(data)
    if problem is None:
        try:
            return FindingsReport.from_dict(data)
        except ValueError as err:
            problem = str(err)
        except (KeyError, TypeError, AttributeError) as err:
            problem = f"malformed entry ({type(err).__name__}: {err})"
    raise FindingsFileError(f"{role} file is not a valid findings document: {problem}: {where}")


def shape_problem(data: dict[str, Any]) -> str | None:
    """The first way ``data`` departs from the findings contract that the reports cannot cope with
    (None: it reads). Only what readers rely on is checked; added fields pass."""
    if data.get("schema") != SCHEMA_ID:
        return f"schema is {data.get('schema')!r}, expected {SCHEMA_ID!r}"
    for key, kind in (("site", dict), ("spec", dict), ("stats", dict), ("paths", list), ("findings", list)):
        if not isinstance(data.get(key), kind):
            return f"{key!r} must be a JSON {'object' if kind is dict else 'array'}"
    for key in ("started_at", "finished_at"):
        if not isinstance(data.get(key), str):
            return f"{key!r} must be a string"
    if not isinstance(data.get("complete"), bool):
        return "'complete' must be true or false"
    for number, path in enumerate(data["paths"]):
        if not isinstance(path, dict):
            return f"paths[{number}] is not an object"
        for key in ("id", "status", "clause"):
            if not isinstance(path.get(key), str):
                return f"paths[{number}].{key} must be a string"
        for key in ("path", "lead", "responsible", "trail"):
            if not isinstance(path.get(key), list):
                return f"paths[{number}].{key} must be an array"
        if not all(isinstance(s, dict) and "name" in s and "url" in s for s in path["trail"]):
            return f"paths[{number}].trail entries need a name and a url"
        if not isinstance(path.get("checked_media", []), list):
            return f"paths[{number}].checked_media must be an array"
    for number, finding in enumerate(data["findings"]):
        if not isinstance(finding, dict):
            return f"findings[{number}] is not an object"
        if not isinstance(finding.get("kind"), str) or not isinstance(finding.get("message"), str):
            return f"findings[{number}] needs a kind and a message"
        if finding.get("severity") not in SEVERITY_RANK:
            return f"findings[{number}].severity is {finding.get('severity')!r}, expected error, warning or info"
        if finding.get("path") is not None and not isinstance(finding.get("path"), list):
            return f"findings[{number}].path must be an array or null"
        if not isinstance(finding.get("evidence", {}), dict):
            return f"findings[{number}].evidence must be an object"
    return None


#: the fields of findings.json's objects in their order (``schema`` goes first, before the others)
_REPORT_FIELDS = tuple(f.name for f in fields(FindingsReport) if f.name != "schema")
_PATH_FIELDS = tuple(f.name for f in fields(PathResult))
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
#: left out of the file when None
_OPTIONAL_REPORT_FIELDS = ("history", "column_map")


def _path_dict(path: PathResult) -> dict[str, Any]:
    data = {name: _plain(getattr(path, name)) for name in _PATH_FIELDS}
    if not data["notes_data"]:  # present only where there are notes: files stay as they were
        del data["notes_data"]
    return data


def _finding_dict(finding: Finding) -> dict[str, Any]:
    data = {name: _plain(getattr(finding, name)) for name in _FINDING_FIELDS}
    for name in HISTORY_FIELDS:
        if data[name] is None:
            del data[name]
    return data


def _plain(value: Any) -> Any:
    """``value`` as ``dataclasses.asdict`` copies it (dataclasses become dicts of their fields, lists
    and dicts are copied all the way down), by the exact type of the common JSON values first."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    if hasattr(kind, "__dataclass_fields__") and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if kind is tuple:
        return tuple(_plain(item) for item in value)
    return copy.deepcopy(value)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Keep the keys ``cls`` knows: a newer writer may add fields, and an older reader must cope."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
