"""Read typed values out of a composed YAML node tree, so every complaint can name its line.

``yaml.safe_load`` forgets where values stood; composing keeps a node per value with its
``start_mark``. This module turns nodes into text, numbers, dates and lists, and refuses anything
else with a :class:`SpecError` that says which key, which line and what was expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from auditor.specs.errors import SpecError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")
_BOOL_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_TAG_WORDS = {
    "null": "nothing",
    "bool": "true/false",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
    "str": "text",
}


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def describe(node: Node) -> str:
    """What a node is, in the words of the error messages ("a list", "text ("abc")")."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    word = _TAG_WORDS.get(node.tag.rsplit(":", 1)[-1], "text")
    if word == "nothing":
        return "nothing"
    return f'{word} ("{quoted(node.value)}")'


#: the most of a value an error message quotes: a spec author recognises the line, and an error
#: printed into a log served over HTTP (Scrapyd) never discloses more of a file than that
MAX_QUOTE = 60


def quoted(value: str) -> str:
    """The first line of ``value``, at most ``MAX_QUOTE`` characters (``…`` when cut)."""
    line = value.strip().split("\n", 1)[0]
    cut = line[:MAX_QUOTE]
    return cut + "…" if cut != value.strip() else cut


def refuse_foreign_root(root: Node, file: str, keys: Sequence[str], what: str) -> None:
    """Refuse, quoting nothing of it, a file that is not ``what`` at all: its top is plain text, or a
    mapping none of whose keys is one of ``keys`` or close to one (a typo gets its "did you mean").
    Such a file may be any readable file (``-a spec=/etc/shadow`` under Scrapyd, whose job log is
    served over HTTP): an error must not disclose its content. A list or an empty mapping is left to
    the usual messages, which quote nothing of it."""
    if isinstance(root, SequenceNode) or (isinstance(root, MappingNode) and not root.value):
        return
    if isinstance(root, MappingNode) and any(
        isinstance(key, ScalarNode) and (key.value in keys or difflib.get_close_matches(key.value, list(keys), n=1, cutoff=0.6))
        for key, _ in root.value
    ):
        return
    raise SpecError(file, None, f"is not {what} (one has the keys {', '.join(keys)}); nothing of it is shown")


def compose_file(path: str | Path) -> Node | None:
    """Read a UTF-8 YAML file into its node tree (None if it holds nothing but comments).

    Refuses a missing or unreadable file, bytes that are not UTF-8 and bad YAML, with the line.
    """
    file = str(path)
    raw = read_small_file(path, file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SpecError(file, line, "is not UTF-8 text: save the file as UTF-8") from None
    node = _compose_fast(text, file)
    if node is not _FAILED:
        return node
    try:
        _refuse_deep_nesting_and_aliases(text, file)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and _ran_off_the_end(exc):
            mark = exc.context_mark  # an unclosed bracket or quote: point at where it opened
        line = mark.line + 1 if mark is not None else None
        raise SpecError(file, line, _yaml_problem(exc)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise SpecError(file, line, f"holds a character YAML does not allow ({exc.character!r})") from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error above carries a mark
        raise SpecError(file, None, f"is not valid YAML ({exc})") from None
    if node is not None:
        _refuse_foreign_tags(node, file)
    return node


#: libyaml's loader (PyYAML built with it), ~15x faster than the pure-Python one; None without it
_C_LOADER = getattr(yaml, "CSafeLoader", None)
_FAILED = object()


def _compose_fast(text: str, file: str) -> Node | None | object:
    """The node tree by libyaml, or ``_FAILED`` when it is not there or finds the text wrong: the
    pure-Python loader then reads it again, so every complaint is worded and placed as before."""
    if _C_LOADER is None:
        return _FAILED
    try:
        _refuse_deep_nesting_and_aliases(text, file, _C_LOADER)
        node = yaml.compose(text, Loader=_C_LOADER)
        if node is not None:
            _refuse_foreign_tags(node, file)
    except (yaml.YAMLError, SpecError):
        return _FAILED
    return node


#: a spec is a few hundred lines of text: anything far larger is not one (and is not read whole)
MAX_SPEC_BYTES = 4 * 1024 * 1024
#: mandates nest three levels (entries > entry > rules); YAML this deep is an attack, not a spec
MAX_NESTING = 64
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def read_small_file(path: str | Path, file: str, *, limit: int = MAX_SPEC_BYTES, what: str = "a spec file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; a device (``/dev/zero``), a pipe, a
    folder or a huge file is refused before it is read (a pipe would block, a device never end)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SpecError(file, None, "no such file") from None
    except OSError as exc:
        raise SpecError(file, None, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise SpecError(file, None, f"is a directory, not {what}")
    if not stat.S_ISREG(info.st_mode):
        raise SpecError(file, None, f"is not a regular file (a device or a pipe), not {what}")
    if info.st_size > limit:
        raise SpecError(file, None, f"is {info.st_size // (1024 * 1024)} MB: too large for {what}")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise SpecError(file, None, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise SpecError(file, None, f"is larger than {limit // (1024 * 1024)} MB: too large for {what}")
    return raw


def _refuse_deep_nesting_and_aliases(text: str, file: str, loader: type = yaml.SafeLoader) -> None:
    """Count nesting on the parser's events (no recursion), before the recursive composer runs, and
    refuse aliases (``*name``): a spec has no use for them, and a self-referencing alias makes a
    cycle every reader of the tree loops on, nested ones a tree of billions of nodes (an alias bomb)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else None
            raise SpecError(file, line, f"uses a YAML alias (*{quoted(event.anchor or '')}): write the value out "
                            "instead (aliases are refused: one can refer to itself or multiply without end)")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise SpecError(file, line, f"nests lists or mappings more than {MAX_NESTING} levels deep: not a spec")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _refuse_foreign_tags(root: Node, file: str) -> None:
    """Only plain YAML values: ``!!binary``, ``!!python/…`` or a custom ``!tag`` has no place in a spec."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in _PLAIN_TAGS:
            raise SpecError(file, line_of(node), f"holds a {node.tag.replace('tag:yaml.org,2002:', '!!')} value: "
                            "a spec holds only text, numbers, dates, lists and mappings")
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def _ran_off_the_end(exc: yaml.MarkedYAMLError) -> bool:
    problem = exc.problem or ""
    return "<stream end>" in problem or "end of stream" in problem


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "not valid YAML"
    if "'\\t'" in problem:
        return "YAML syntax error: a tab indents this line; YAML indents with spaces only"
    if "expected a single document" in (exc.context or "") or "expected '<document start>'" in problem:
        return "YAML syntax error: the file holds more than one document (a second '---'?)"
    hint = f" ({exc.context})" if exc.context and exc.problem else ""
    return f"YAML syntax error: {problem}{hint}"


class NodeReader:
    """Typed access to the nodes of one file; every refusal names that file and the node's line."""

    def __init__(self, file: str) -> None:
        self.file = file

    def error(self, node: Node, message: str) -> SpecError:
        return SpecError(self.file, line_of(node), message)

    def fields(
        self,
        node: Node,
        where: str,
        allowed: Sequence[str] | None,
        required: Sequence[str] = (),
        *,
        key_node: Node | None = None,
    ) -> dict[str, tuple[Node, Node]]:
        """The ``key: value`` pairs of a mapping, by key name, with their key and value nodes.

        Refuses a non-mapping, a key given twice, and (when ``allowed`` is given) an unknown key,
        suggesting the nearest known one. ``where`` names the mapping in messages ("entry 3"); a
        missing required key is reported on ``key_node`` (the mapping's own key) if given.
        """
        if not isinstance(node, MappingNode):
            raise self.error(node, f"{where} must be a mapping (key: value lines), not {describe(node)}")
        found: dict[str, tuple[Node, Node]] = {}
        for item_key, item_value in node.value:
            if not isinstance(item_key, ScalarNode) or item_key.tag.endswith(":null"):
                raise self.error(item_key, f"{where} has a key that is not a plain name")
            key = item_key.value
            if key in found:
                first = line_of(found[key][0])
                raise self.error(item_key, f'"{key}" is given twice in {where} (first on line {first})')
            if allowed is not None and key not in allowed:
                hint = did_you_mean(key, allowed) or f" (known keys: {', '.join(allowed)})"
                raise self.error(item_key, f'unknown key "{key}" in {where}{hint}')
            found[key] = (item_key, item_value)
        for key in required:
            if key not in found:
                raise self.error(key_node or node, f'{where} has no "{key}"')
        return found

    def text(self, node: Node, what: str, *, required: bool = True) -> str:
        """A scalar as the text written (a number or a date stays as written); stripped."""
        if not isinstance(node, ScalarNode):
            raise self.error(node, f"{what} must be text, not {describe(node)}")
        if node.tag.endswith(":null"):
            if required:
                raise self.error(node, f"{what} is empty")
            return ""
        value = node.value.strip()
        if required and not value:
            raise self.error(node, f"{what} is empty")
        return value

    def whole_number(self, node: Node, what: str, *, minimum: int) -> int:
        if not isinstance(node, ScalarNode) or node.tag.endswith(":bool") or not _WHOLE_NUMBER.match(node.value):
            raise self.error(node, f"{what} must be a whole number, not {describe(node)}")
        if len(node.value.lstrip("+-").lstrip("0")) > 12:
            raise self.error(node, f"{what} is a {len(node.value)}-digit number: far too large")
        number = int(node.value)
        if number < minimum:
            if number < 0:
                raise self.error(node, f"{what} cannot be negative ({number})")
            raise self.error(node, f"{what} must be at least {minimum}, not {number}")
        return number

    def boolean(self, node: Node, what: str) -> bool:
        value = node.value.lower() if isinstance(node, ScalarNode) else None
        if value not in _BOOL_WORDS:
            raise self.error(node, f"{what} must be true or false, not {describe(node)}")
        return _BOOL_WORDS[value]

    def date(self, node: Node, what: str) -> dt.date:
        """A calendar date written YYYY-MM-DD (quoted or not); refuses times and impossible days."""
        if not isinstance(node, ScalarNode) or not _ISO_DATE.match(node.value.strip()):
            raise self.error(node, f"{what} must be a date written YYYY-MM-DD, not {describe(node)}")
        try:
            return dt.date.fromisoformat(node.value.strip())
        except ValueError:
            raise self.error(node, f'{what} is not a real date ("{node.value}")') from None

    def text_list(self, node: Node, what: str, *, example: str) -> tuple[str, ...]:
        """A list of non-empty texts, e.g. ``[视频, 图片, 文字]``."""
        if not isinstance(node, SequenceNode):
            raise self.error(node, f"{what} must be a list, e.g. {example}, not {describe(node)}")
        return tuple(self.text(item, f"an item of {what}") for item in node.value)


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """`` (did you mean "x"?)`` for the nearest of ``known``, or "" when none is near."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
