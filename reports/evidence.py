"""A finding's evidence as label/value rows for people.

Evidence is an open-ended dict: the keys this module knows get their own labels and value labels
(``why: placeholder`` -> 栏目只显示占位文字), any other key is shown as it is, so evidence a newer
crawler adds still reaches the inspector. Values that are http(s) URLs carry an href; nothing
else does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reports.wording import VALUE_LABEL_PREFIX, Words
from reports.view import http_url

#: known keys in the order an inspector reads them
_ORDER = (
    "segment", "subcolumn", "stopped_at", "offered", "searched",
    "mandated_name", "site_name", "similarity",
    "why", "placeholder",
    "title", "missing", "required",
    "deadline", "earliest_date", "latest_date", "age_days", "max_age_days", "as_of",
    "reason", "reason_zh", "http_status", "content_type", "size", "detail", "pages",
)


@dataclass(frozen=True)
class Value:
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: tuple[Value, ...]


#: keys shown elsewhere or not at all: the saved copy has its own panel; ``reason_zh`` repeats
#: ``reason`` (worded in the report's language); ``detail`` is the media checker's English diagnosis
_NOT_ROWS = {"record", "reason_zh", "reason_en", "reason_code", "reason_data"}
_ENGLISH_ONLY = {"detail"}


def evidence_rows(evidence: dict[str, Any], t: Words) -> list[Row]:
    if not isinstance(evidence, dict):
        return [Row("evidence", "evidence", (Value(_plain(evidence)),))]
    keys = [k for k in _ORDER if k in evidence] + [k for k in evidence if k not in _ORDER]
    keys = [k for k in keys if k not in _NOT_ROWS and (t.lang == "en" or k not in _ENGLISH_ONLY)]
    if "reason_data" in evidence:  # a crawl reason: worded from its code and facts
        evidence = {**evidence, "reason": t.reason(evidence)}
    rows = []
    for key in keys:
        values = _values(key, evidence[key], t)
        if values:
            rows.append(Row(key, t.label("ev", key), values))
    return rows


def _values(key: str, value: Any, t: Words) -> tuple[Value, ...]:
    if value is None or value == "" or value == [] or value == {}:
        return ()
    if key == "similarity" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (Value(f"{value:.0%}" if value <= 1 else str(value)),)
    if key in VALUE_LABEL_PREFIX and isinstance(value, str):
        return (Value(t.label(VALUE_LABEL_PREFIX[key], value)),)
    if key == "reason" and isinstance(value, str):
        return (Value(t.reason(value)),)
    if key == "media_kind" and isinstance(value, str):
        return (Value(t.media(value)),)
    if isinstance(value, dict) and ("name" in value or "url" in value):
        return (_named_link(value),)
    if isinstance(value, list):
        out: list[Value] = []
        for item in value:
            if isinstance(item, dict) and ("name" in item or "url" in item):
                out.append(_named_link(item))
            elif item is not None and item != "":
                out.append(_scalar(item))
        return tuple(out)
    return (_scalar(value),)


def _named_link(value: dict[str, Any]) -> Value:
    name = value.get("name")
    url = value.get("url")
    text = str(name) if name else str(url or "")
    return Value(text, http_url(url))


def _scalar(value: Any) -> Value:
    if isinstance(value, str):
        return Value(value, http_url(value))
    return Value(_plain(value))


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
