"""The spec keys of the clause rules: what each is written as, and how it is refused.

Kept apart from the entry reader so that the language's older keys and these additions stay easy to
tell apart (path_specs/README.md, *Clause rules*).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from auditor.specs.model import PerYear
from auditor.specs.yaml_nodes import NodeReader, describe

CLAUSE_RULE_KEYS = (
    "due_yearly", "min_per_year", "contact_phone", "answered", "reply_within_days", "policy_links", "mobile"
)
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


def read_clause_rule(reader: NodeReader, key: str, node: Node, what: str) -> Any:
    """The value of one clause-rule key; raises the reader's :class:`SpecError` on a bad one."""
    if key in ("contact_phone", "answered", "policy_links", "mobile"):
        return reader.boolean(node, what)
    if key == "reply_within_days":
        return reader.whole_number(node, what, minimum=1)
    if key == "due_yearly":
        return _month_day(reader, node, what)
    if key == "min_per_year":
        return _per_year(reader, node, what)
    raise AssertionError(key)


def _month_day(reader: NodeReader, node: Node, what: str) -> str:
    text = reader.text(node, what)
    match = _MONTH_DAY.fullmatch(text)
    if match is None:
        raise reader.error(node, f'{what} must be a day of the year written "MM-DD" (e.g. "01-31"), not "{text}"')
    try:
        # a year without 29 February: a yearly due day must exist every year
        dt.date(2001, int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise reader.error(node, f'{what} is not a day every year has ("{text}")') from None
    return text


def _per_year(reader: NodeReader, node: Node, what: str) -> PerYear:
    if isinstance(node, ScalarNode):
        return PerYear(count=reader.whole_number(node, what, minimum=1))
    if not isinstance(node, MappingNode):
        raise reader.error(node, f"{what} must be a number or {{count: 4, match: 新闻发布会}}, not {describe(node)}")
    fields = reader.fields(node, what, ("count", "match"), required=("count",))
    count = reader.whole_number(fields["count"][1], f'"count" of {what}', minimum=1)
    match = reader.text(fields["match"][1], f'"match" of {what}') if "match" in fields else ""
    return PerYear(count=count, match=match)
