"""SITES.yaml: the portals one ``pathaudit run`` audits, e.g. every portal of a district.

::

    defaults:                      # optional; the keys of pathaudit.toml (spec, fail_on, politeness…)
      spec: liangjiang-2021
      fail_on: error
      politeness: {concurrent_per_host: 2}
    parallel: 4                    # optional; sites crawled at once (default: the machine's cores; never two of one host)
    sites:
      - name: liangjiang           # folder name under OUT/, the site's name in the history
        url: https://www.ljxq.gov.cn/
        spec: specs/district.yaml  # a bundled name, or a file relative to this SITES.yaml
        overrides: overrides/lj.yaml
        set: {AUDITOR_MAX_LIST_PAGES: 10}   # or a list of "NAME=VALUE"
        schedule: daily            # a label: `pathaudit run SITES.yaml --schedule daily`

Every problem is reported at once, with the file and the site it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.walk.scope import redact_url, strip_credentials

from pathaudit.config import ConfigError, FileSettings, check_settings, read_text_file

#: a site name is a folder name: letters (also CJK), digits, dot, dash, underscore
_NAME = re.compile(r"^[\w][\w.-]{0,63}$")
#: names the run itself uses in its output folder: a site of that name would overwrite the index
#: page or the history database of every site (compared without case: a case-insensitive file
#: system holds one of INDEX.HTML and index.html)
RESERVED_NAMES = frozenset({
    "index.html", "index.json", "history.sqlite", "history.sqlite-journal", "history.sqlite-wal",
    "history.sqlite-shm", "latest", "failed.txt", ".lock", ".pathaudit.lock", "con", "nul", "prn", "aux",
})
#: a SITES.yaml lists portals: a few thousand lines at most
MAX_SITES_BYTES = 4 * 1024 * 1024


def site_name_problem(name: Any) -> str | None:
    """Why ``name`` cannot be a site's name (its folder under OUT/ and its name in the history)."""
    if not isinstance(name, str) or not _NAME.match(name):
        return f"name must be a folder name (letters, digits, . - _), not {str(name)[:70]!r}"
    if name.lower() in RESERVED_NAMES or name.lower().startswith(("history.sqlite", "index.")) or set(name) <= {"."}:
        return f"name {name!r} is a file name the run itself writes under its output folder: choose another"
    return None


def _refuse_aliases(text: str, file: Path) -> None:
    """A SITES.yaml has no use for YAML aliases; a self-referencing one loops, nested ones make an
    alias bomb (``set:`` holding billions of values): refused on the parser's events, in a moment."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else 0
            raise SitesError([f"{file} line {line}: uses a YAML alias (*{str(event.anchor)[:40]}): write the value out"])
_SITE_KEYS = {"name", "url", "spec", "overrides", "set", "schedule", "fail_on", "as_of", "lang", "ledger", "also_hosts"}
_TOP_KEYS = {"defaults", "parallel", "sites"}
#: 0: one worker process per core of the machine (``pathaudit run``)
DEFAULT_PARALLEL = 0
#: sites crawled at once, at most: each holds a crawler, its pages and its connections
MAX_PARALLEL = 64


class SitesError(ValueError):
    """A SITES.yaml that cannot be used; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Site:
    name: str
    url: str
    schedule: str | None
    #: the site's own settings (spec, overrides, set…), a layer above the file's defaults
    settings: FileSettings


@dataclass
class SitesFile:
    path: Path
    sites: list[Site]
    defaults: FileSettings
    parallel: int = DEFAULT_PARALLEL
    extra: dict[str, Any] = field(default_factory=dict)

    def select(self, schedule: str | None = None, names: list[str] | None = None) -> list[Site]:
        """The sites of one schedule label and/or of the given names (all when neither is given)."""
        chosen = self.sites
        if schedule:
            chosen = [s for s in chosen if s.schedule == schedule]
        if names:
            unknown = sorted(set(names) - {s.name for s in self.sites})
            if unknown:
                raise SitesError([f"{self.path}: no site named {', '.join(unknown)}"])
            chosen = [s for s in chosen if s.name in names]
        return chosen


def load_sites(path: str | Path) -> SitesFile:
    file = Path(path)
    try:
        text = read_text_file(file, MAX_SITES_BYTES, "a SITES.yaml", ConfigError)
        _refuse_aliases(text, file)
        data = yaml.safe_load(text)
    except ConfigError as err:
        raise SitesError([str(err)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise SitesError([f"{file}{where}: not valid YAML ({getattr(err, 'problem', err)})"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("sites"), list) or not data["sites"]:
        raise SitesError([f"{file}: needs a list of sites under 'sites:' (each with name and url)"])
    problems: list[str] = []
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        problems.append(f"{file}: unknown key(s) {', '.join(map(str, unknown))} (known: {', '.join(sorted(_TOP_KEYS))})")
    base = file.resolve().parent
    defaults = FileSettings(f"{file} defaults")
    try:
        defaults = check_settings(data.get("defaults") or {}, f"{file} defaults", base)
    except ConfigError as err:
        problems.append(str(err))
    parallel = data.get("parallel", DEFAULT_PARALLEL)
    if "parallel" in data and (isinstance(parallel, bool) or not isinstance(parallel, int)
                               or not 1 <= parallel <= MAX_PARALLEL):
        problems.append(f"{file}: parallel must be a whole number from 1 to {MAX_PARALLEL}, not {str(parallel)[:40]!r}")
        parallel = DEFAULT_PARALLEL
    sites: list[Site] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["sites"], start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str):
            if name in seen:
                problems.append(f"{file}: site {name!r} is listed twice")
            seen.add(name)
        try:
            sites.append(_site(entry, index, file, base))
        except SitesError as err:
            problems += err.problems
    if problems:
        raise SitesError(problems)
    return SitesFile(file, sites, defaults, parallel)


def _site(entry: Any, index: int, file: Path, base: Path) -> Site:
    label = f"{file}: site {index}"
    if not isinstance(entry, dict):
        raise SitesError([f"{label}: must be a mapping with name and url"])
    problems = []
    name = entry.get("name")
    name_problem = site_name_problem(name)
    if name_problem:
        problems.append(f"{label}: {name_problem}")
    else:
        label = f"{file}: site {name!r}"
    url = entry.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        problems.append(f"{label}: url must be an http(s) URL, not {redact_url(str(url))[:80]!r}")
    unknown = sorted(set(entry) - _SITE_KEYS)
    if unknown:
        problems.append(f"{label}: unknown key(s) {', '.join(map(str, unknown))} (known: {', '.join(sorted(_SITE_KEYS))})")
    schedule = entry.get("schedule")
    if schedule is not None and not isinstance(schedule, str):
        problems.append(f"{label}: schedule must be a label (text)")
    own = {k: v for k, v in entry.items() if k in _SITE_KEYS - {"name", "url", "schedule", "set"}}
    sets = entry.get("set")
    if isinstance(sets, list):
        bad = [s for s in sets if not isinstance(s, str) or "=" not in s]
        if bad:
            problems.append(f"{label}: set entries must be NAME=VALUE, not {bad[0]!r}")
        else:
            sets = dict(s.split("=", 1) for s in sets)
    if sets is not None:
        own["set"] = sets
    settings = FileSettings(label)
    try:
        settings = check_settings(own, label, base)
    except ConfigError as err:
        problems.append(str(err))
    if problems:
        raise SitesError(problems)
    # a password written into the URL is never used, and must never reach the index page, the
    # history or a log line: the site's URL is kept without it from here on
    return Site(name, strip_credentials(url), schedule, settings)
