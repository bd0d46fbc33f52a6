"""The settings a team repeats, in a file: ``pathaudit.toml`` (or the ``defaults:`` of a SITES.yaml).

Three layers, each winning over the one before: PathAudit's defaults, the file, the command line.
Every merged value remembers where it came from (``pathaudit config show`` prints that).

Keys (all optional)::

    spec = "liangjiang-2021"        # a bundled spec name or a file (relative to the config file)
    overrides = "site-overrides.yaml"
    fail_on = "warning"              # error | warning | never
    as_of = "today"                  # today, or a fixed YYYY-MM-DD
    out = "audits/"
    lang = "zh"
    formats = ["html", "xlsx"]       # report formats written beside findings.json
    history = "audits/history.sqlite"  # or false for none
    site = "liangjiang"              # the site's name in the history (default: its host)
    timezone = "Asia/Shanghai"       # times and "today" in this zone (default: the machine's)
    keep = 30                        # pathaudit run: dated run folders kept per site (default: all)
    alert_command = "/usr/local/bin/notify-team"  # pathaudit run: given the run's JSON summary on stdin
    alert_webhook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"  # … or POSTed there
    scrapyd = "http://10.0.0.11:6800,http://10.0.0.12:6800"  # pathaudit run: jobs on these nodes

    [politeness]                     # mapped to Scrapy's settings
    concurrent_per_host = 2          # CONCURRENT_REQUESTS_PER_DOMAIN
    delay = 0.5                      # DOWNLOAD_DELAY, seconds
    autothrottle = true              # AUTOTHROTTLE_ENABLED
    max_delay = 10                   # AUTOTHROTTLE_MAX_DELAY
    robots = true                    # ROBOTSTXT_OBEY

    [set]                            # any setting, as --set NAME=VALUE
    AUDITOR_MAX_LIST_PAGES = 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILE = "pathaudit.toml"
DEFAULT_SOURCE = "default"
COMMAND_LINE = "command line"

#: politeness key -> (Scrapy setting, type)
POLITENESS: dict[str, tuple[str, type]] = {
    "concurrent_per_host": ("CONCURRENT_REQUESTS_PER_DOMAIN", int),
    "delay": ("DOWNLOAD_DELAY", float),
    "autothrottle": ("AUTOTHROTTLE_ENABLED", bool),
    "max_delay": ("AUTOTHROTTLE_MAX_DELAY", float),
    "robots": ("ROBOTSTXT_OBEY", bool),
}
#: plain keys -> the type a value must have
_PLAIN: dict[str, type | tuple[type, ...]] = {
    "spec": str, "overrides": str, "fail_on": str, "as_of": str, "out": str, "lang": str,
    "formats": (list, str), "history": (str, bool), "site": str, "ledger": str,
    "timezone": str, "keep": int, "alert_command": str, "alert_webhook": str,
    "scrapyd": str,
}
#: keys whose value is a file, read relative to the config file
_FILE_KEYS = ("spec", "overrides", "out", "history", "ledger")
_FAIL_ON = ("error", "warning", "never")
_LANGS = ("zh", "en")


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass
class FileSettings:
    """The settings a file gives, already checked: ``values`` by option name, ``sets`` as NAME=VALUE."""

    source: str
    values: dict[str, Any] = field(default_factory=dict)
    sets: list[str] = field(default_factory=list)


@dataclass
class Merged:
    """Options after merging, and where each came from (option name -> source)."""

    values: dict[str, Any]
    sources: dict[str, str]
    sets: list[tuple[str, str]]  # (NAME=VALUE, source), later ones win


#: a pathaudit.toml is a few dozen lines: anything far larger is not one, and is not read whole
MAX_CONFIG_BYTES = 1024 * 1024


def read_config_file(path: str | Path) -> FileSettings:
    """Read and check a pathaudit.toml: a regular file of at most ``MAX_CONFIG_BYTES`` (a device such
    as /dev/zero never ends, a FIFO blocks the run forever)."""
    file = Path(path)
    text = read_text_file(file, MAX_CONFIG_BYTES, "a pathaudit.toml", ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{file}: not valid TOML ({err})") from None
    return check_settings(data, str(file), base=file.parent, text=text)


def read_text_file(file: Path, limit: int, what: str, error: type[Exception]) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes; anything else raises ``error``
    with one line, before a byte is read from a device or a pipe."""
    import os
    import stat

    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{file}: is not a regular file (a folder, a device or a pipe), not {what}")
        if info.st_size > limit:
            raise error(f"{file}: is {info.st_size} bytes: too large for {what} (at most {limit})")
        with open(file, "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise error(f"{file}: is larger than {limit} bytes: too large for {what}")
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise error(f"{file}: cannot be read ({why})") from None


def key_line(text: str | None, key: str, table: str | None = None) -> str:
    """``, line N`` where ``key`` is given in a TOML text (inside ``[table]`` when named), or ""."""
    if not text:
        return ""
    import re

    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$", line)
        if header:
            current = header.group(1).strip().strip('"')
            continue
        if current == table and re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return f", line {number}"
    return ""


def _checked_set(name: str, value: Any, source: str, text: str | None, table: str) -> str:
    """``NAME=VALUE`` of a ``[set]`` or ``[politeness]`` entry, checked as ``--set`` checks it but
    named by the file, its line and its key (the user never typed a --set)."""
    from pathaudit.cli.inputs import InputError, known_settings, parse_settings

    item = f"{name}={_setting_text(value)}"
    try:
        parse_settings([item], known_settings())
    except InputError as err:
        message = str(err).replace(f"--set {name}", name, 1).removeprefix("--set ")
        key = name if table == "set" else next(k for k, (n, _) in POLITENESS.items() if n == name)
        if table == "set" and message.startswith(name):
            message = message[len(name):]
        else:
            message = ": " + message
        raise ConfigError(f"{source}{key_line(text, key, table)}: [{table}] {key}{message}") from None
    return item


def check_settings(data: Any, source: str, base: Path, text: str | None = None) -> FileSettings:
    """Check a mapping of settings (from TOML or a SITES.yaml ``defaults:``); paths made absolute
    against ``base`` unless they name a bundled spec. Each ``[set]`` value is checked here, as
    ``--set`` would check it (name, type, bounds), so a mistake names the file, line and key, and
    a SITES.yaml's every site is checked before anything is crawled. ``text`` (the TOML text)
    gives the lines."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the settings must be a table of keys")
    result = FileSettings(source)
    for key, value in data.items():
        if key == "politeness":
            result.sets += [_checked_set(*item.split("=", 1), source, text, "politeness")
                            for item in _politeness(value, source)]
        elif key == "set":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: [set] must be a table of NAME = VALUE")
            result.sets += [_checked_set(str(name), v, source, text, "set") for name, v in value.items()]
        elif key == "also_hosts":
            hosts = [value] if isinstance(value, str) else value
            if not isinstance(hosts, list) or not all(isinstance(h, str) and h.strip() for h in hosts):
                raise ConfigError(f"{source}{key_line(text, key)}: also_hosts must be a list of host names")
            result.sets.append(_checked_set("AUDITOR_ALLOWED_HOSTS", ",".join(h.strip() for h in hosts), source, text,
                                            "set"))
        elif key in _PLAIN:
            result.values[key] = _plain(key, value, source, base)
        else:
            known = ", ".join([*_PLAIN, "also_hosts", "politeness", "set"])
            raise ConfigError(f"{source}: unknown key {key!r} (known: {known})")
    formats = result.values.pop("formats", None)
    if formats is not None:
        result.sets.append(f"AUDITOR_REPORT_FORMATS={formats}")
    return result


def merge(defaults: dict[str, Any], files: list[FileSettings], args: argparse.Namespace,
          names: tuple[str, ...]) -> Merged:
    """Defaults < each file in order < the command line (options the user gave, i.e. not None)."""
    values = dict(defaults)
    sources = {name: DEFAULT_SOURCE for name in defaults}
    sets: list[tuple[str, str]] = []
    for settings in files:
        for name, value in settings.values.items():
            values[name] = value
            sources[name] = settings.source
        sets += [(item, settings.source) for item in settings.sets]
    for name in names:
        given = getattr(args, name, None)
        if given is not None:
            values[name] = given
            sources[name] = COMMAND_LINE
    sets += [(item, COMMAND_LINE) for item in getattr(args, "set", None) or []]
    if values.get("history") is True:
        values["history"] = None  # "history = true": the default place
        sources["history"] = DEFAULT_SOURCE
    return Merged(values, sources, sets)


def apply(merged: Merged, args: argparse.Namespace) -> argparse.Namespace:
    """Write the merged options back onto ``args`` (``as_of`` "today" becomes None)."""
    for name, value in merged.values.items():
        setattr(args, name, value)
    if getattr(args, "as_of", None) == "today":
        args.as_of = None
    args.set = [item for item, _ in merged.sets]
    return args


def find_config(explicit: str | None, cwd: Path | None = None) -> Path | None:
    """The config file: the one named by ``--config``, else ``./pathaudit.toml`` if it exists."""
    if explicit:
        return Path(explicit)
    candidate = (cwd or Path.cwd()) / CONFIG_FILE
    return candidate if candidate.is_file() else None


def _plain(key: str, value: Any, source: str, base: Path) -> Any:
    wanted = _PLAIN[key]
    if isinstance(value, bool) and key != "history" or not isinstance(value, wanted):
        raise ConfigError(f"{source}: {key} has the wrong type ({type(value).__name__})")
    if key == "fail_on" and value not in _FAIL_ON:
        raise ConfigError(f"{source}: fail_on must be one of {', '.join(_FAIL_ON)}, not {value!r}")
    if key == "lang" and value not in _LANGS:
        raise ConfigError(f"{source}: lang must be one of {', '.join(_LANGS)}, not {value!r}")
    if key == "as_of" and value != "today":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"{source}: as_of must be today or a date YYYY-MM-DD, not {value!r}") from None
    if key == "timezone":
        check_timezone(value, source)
    if key == "alert_webhook" and not value.startswith(("http://", "https://")):
        raise ConfigError(f"{source}: alert_webhook must be an http(s) URL, not {value[:60]!r}")
    if key == "keep" and value < 1:
        raise ConfigError(f"{source}: keep must be at least 1 (the runs kept per site), not {value!r}")
    if key == "formats":
        return ",".join(value) if isinstance(value, list) else value
    if key == "history" and value is False:
        return False
    if key in _FILE_KEYS and isinstance(value, str):
        return _relative_to(value, base, bundled=(key == "spec"))
    return value


def check_timezone(name: str, source: str) -> str:
    """An IANA zone name (``Asia/Shanghai``) the system knows; else a ``ConfigError``."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{source}: timezone must be a zone name such as Asia/Shanghai, not {name!r}") from None
    return name


def _relative_to(value: str, base: Path, *, bundled: bool) -> str:
    path = Path(value).expanduser()
    if bundled and not path.suffix and len(path.parts) == 1:
        return value  # a bundled spec's name
    return str(path if path.is_absolute() else (base / path))


def _politeness(value: Any, source: str) -> list[str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [politeness] must be a table")
    sets = []
    for key, item in value.items():
        if key not in POLITENESS:
            raise ConfigError(f"{source}: unknown politeness key {key!r} (known: {', '.join(POLITENESS)})")
        setting, kind = POLITENESS[key]
        if kind is bool and not isinstance(item, bool) or kind is not bool and (
                isinstance(item, bool) or not isinstance(item, (int, float))):
            raise ConfigError(f"{source}: politeness {key} must be a {kind.__name__}, not {item!r}")
        if kind is not bool and item < 0:
            raise ConfigError(f"{source}: politeness {key} cannot be negative")
        sets.append(f"{setting}={_setting_text(item)}")
    return sets


def _setting_text(value: Any) -> str:
    if isinstance(value, dict):  # a table (ITEM_PIPELINES = {...}) is read back as JSON
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)
