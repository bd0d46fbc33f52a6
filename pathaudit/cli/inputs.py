"""Everything the user typed, checked before the crawl: one line for each mistake, never a traceback.

``--as-of`` must be a date, ``--set NAME=VALUE`` must name a setting that exists (PathAudit's in
``spiders.settings`` or Scrapy's own) with a value of its type, report formats and languages must be
known, the start URL must be an http(s) URL with a host and a port that can be. Credentials written
into the start URL (``http://user:pass@host/``) are taken out: they are never sent on, printed or
written into a finding (``auditor.walk.scope.strip_credentials``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from auditor.walk.scope import origin_of, redact_url, strip_credentials
from spiders.bounds import BOUNDS, out_of_bounds  # noqa: F401 - BOUNDS is part of this module's API

#: settings whose value is a count (read with getint): a fraction is a mistake
_FRACTIONAL = ("DELAY", "TIMEOUT", "SECONDS", "BACKOFF", "CONCURRENCY", "FACTOR")
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False, "on": True, "off": False}
_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_LANGS = ("zh", "en")
#: ``--render``'s modes (spiders/render.py)
_RENDER_MODES = ("auto", "never", "always")
#: sizes, counts and times: a negative one is a mistake (others, like DEPTH_PRIORITY, may be negative)
_NON_NEGATIVE = ("AUDITOR_", "DOWNLOAD_", "CONCURRENT_", "RETRY_", "AUTOTHROTTLE_", "REDIRECT_MAX")


#: settings a run decides itself: the output folder is ``--out`` (checked and locked before the
#: crawl); a setting that moved it would write into a folder no one checked or locked
RESERVED = {
    "AUDITOR_OUT_DIR": "the output folder is --out (or out = in pathaudit.toml / SITES.yaml), which is checked and locked",
    "AUDITOR_JOBS_DIR": "it is for Scrapyd jobs; a crawl writes to --out",
    "AUDITOR_RUN_ID": "each crawl chooses its own",
}
#: settings that name classes Scrapy imports: a name that does not import is one line, not a traceback
_CLASS_TABLES = ("ITEM_PIPELINES", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS",
                 "DOWNLOAD_HANDLERS")


class InputError(ValueError):
    """A mistake in what the user typed; the message is the one line they read."""


@dataclass(frozen=True)
class StartUrl:
    url: str
    #: the URL had ``user:password@`` (taken out)
    had_credentials: bool


def check_start_url(raw: str) -> StartUrl:
    """An http(s) URL with a host and a valid port, without credentials."""
    shown = redact_url(raw)
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises for a port out of range or not a number
    except ValueError as err:
        raise InputError(f"the start URL is not a valid URL ({err}): {shown}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"the start URL must be http(s): {shown}")
    if not parts.hostname:
        raise InputError(f"the start URL has no host name: {shown}")
    clean = strip_credentials(raw)
    if origin_of(clean) is None:
        raise InputError(f"the start URL is not a valid URL: {shown}")
    return StartUrl(clean, clean != raw)


def check_as_of(raw: str | None, what: str = "--as-of") -> str | None:
    """``YYYY-MM-DD`` (or nothing: today)."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} takes a date as YYYY-MM-DD, not {text[:40]!r}") from None
    if len(text) != 10:
        raise InputError(f"{what} takes a date as YYYY-MM-DD, not {text[:40]!r}")
    return day.isoformat()


def parse_settings(items: list[str], defaults: dict[str, Any]) -> dict[str, Any]:
    """``--set NAME=VALUE`` items, each checked against the setting's default: name and type."""
    chosen: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--set takes NAME=VALUE, not {item[:60]!r}")
        if name not in defaults:
            raise InputError(f"--set {name}: no such setting (PathAudit's are in spiders/settings.py, the rest are Scrapy's)")
        if name in RESERVED:
            raise InputError(f"--set {name} cannot be given: {RESERVED[name]}")
        chosen[name] = _typed(name, value.strip(), defaults[name])
        bounded = out_of_bounds(name, chosen[name])
        if bounded:
            raise InputError(f"--set {bounded}")
        if name in _CLASS_TABLES and isinstance(chosen[name], dict):
            _check_classes(name, chosen[name])
    return chosen


def _check_classes(name: str, table: dict[str, Any]) -> None:
    """Every class a table names can be imported (Scrapy would import it anyway, at the start; the
    command line imports it here by its dotted path, without Scrapy)."""
    import importlib

    for path, order in table.items():
        if order is None:
            continue
        try:
            module, _, attribute = str(path).rpartition(".")
            getattr(importlib.import_module(module), attribute)
        except Exception as err:  # noqa: BLE001 - any failure to import is the one line we print
            why = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
            raise InputError(f"--set {name}: {str(path)[:80]} cannot be loaded ({why})") from None


def _typed(name: str, value: str, default: Any) -> Any:
    """``value`` as the type of ``default``; the special values PathAudit reads are checked too."""
    if name == "AUDITOR_AS_OF":
        return check_as_of(value, f"--set {name}") or ""
    if name == "AUDITOR_REPORT_FORMATS":
        from reports import parse_formats

        try:
            parse_formats(value)
        except ValueError as err:
            raise InputError(f"--set {name}: {err}") from None
        return value
    if name == "AUDITOR_RESOLVE":
        from spiders.resolver import static_names

        try:
            return static_names(value)
        except (ValueError, TypeError):
            raise InputError(f"--set {name} takes {{\"NAME\": \"ADDRESS\"}} or NAME=ADDRESS,…, not {value[:60]!r}") from None
    if name == "AUDITOR_RENDER" and value.lower() not in _RENDER_MODES:
        raise InputError(f"--set {name} takes one of {', '.join(_RENDER_MODES)}, not {value[:40]!r}")
    if name == "AUDITOR_REPORT_LANG" and value not in _LANGS:
        raise InputError(f"--set {name} takes zh or en, not {value[:40]!r}")
    if name == "LOG_LEVEL":
        if value.upper() not in _LOG_LEVELS:
            raise InputError(f"--set {name} takes one of {', '.join(_LOG_LEVELS)}, not {value[:40]!r}")
        return value.upper()
    if isinstance(default, bool):
        if value.lower() not in _BOOLEANS:
            raise InputError(f"--set {name} takes true or false, not {value[:40]!r}")
        return _BOOLEANS[value.lower()]
    if isinstance(default, (int, float)):
        return _number(name, value, fraction_ok=isinstance(default, float) or any(w in name for w in _FRACTIONAL))
    if isinstance(default, (dict, list, tuple)):
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(default, dict) and isinstance(parsed, dict):
            return parsed
        if not isinstance(default, dict):
            if isinstance(parsed, list):
                return parsed
            return [part.strip() for part in value.split(",") if part.strip()]
        raise InputError(f"--set {name} takes a JSON object, not {value[:40]!r}")
    return value


def _number(name: str, value: str, *, fraction_ok: bool) -> int | float:
    if len(value) > 30:
        raise InputError(f"--set {name} takes a number, not a {len(value)}-character value")
    try:
        number: int | float = int(value)
    except ValueError:
        try:
            number = float(value)
        except ValueError:
            raise InputError(f"--set {name} takes a number, not {value[:40]!r}") from None
        if not math.isfinite(number):
            raise InputError(f"--set {name} takes a finite number, not {value!r}")
        if not fraction_ok:
            if not number.is_integer():
                raise InputError(f"--set {name} takes a whole number, not {value!r}")
            number = int(number)
    if number < 0 and name.startswith(_NON_NEGATIVE):
        raise InputError(f"--set {name} cannot be negative ({value})")
    return number


def known_settings() -> dict[str, Any]:
    """Every setting a crawl may be given: Scrapy's defaults under PathAudit's (``spiders.runtime``)."""
    from spiders.runtime import known_settings as every_setting

    return every_setting()
