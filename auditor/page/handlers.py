"""Where a click handler the page's own scripts define sends the browser.

``<a onclick="zhinan(2)">政府信息公开指南</a>`` names no URL: the page's script does
(``function zhinan(id){ location.href = 'seal/zhinan?id=' + id }``). A person clicks the link and
lands on ``seal/zhinan?id=2``; the walk reads the same page by evaluating that one shape of script
and nothing more: a named function whose body sends the browser (``location.href =``,
``location.assign(``, ``window.open(``) to a sum of string literals and its own parameters, called
with literal arguments. Anything else (a URL read from the DOM, a computed branch) stays unknown,
and the link stays a link the crawl cannot follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: ``function name(a, b) {`` — the head of a named function declaration
_FUNCTION_HEAD = re.compile(r"function\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)\s*\{")
#: where a script sends the browser, up to the expression naming the URL
_SENDS = re.compile(
    r"(?:location(?:\s*\.\s*href)?\s*=(?!=)|location\s*\.\s*(?:assign|replace)\s*\(|\bopen\s*\()\s*"
)

#: a function's parameters and the parts of the URL it sends the browser to: ("lit", text) or
#: ("arg", index of the parameter)
Template = tuple[tuple[str, str | int], ...]


def handler_templates(scripts: Iterable[str]) -> dict[str, Template]:
    """Named functions of ``scripts`` that send the browser to a URL built of literals and their
    parameters, by name."""
    out: dict[str, Template] = {}
    for code in scripts:
        for head in _FUNCTION_HEAD.finditer(code):
            params = [p.strip() for p in head.group(2).split(",") if p.strip()]
            body = _body(code, head.end())
            sends = _SENDS.search(body)
            if sends is None:
                continue
            template = _template(_expression(body, sends.end()), params)
            if template is not None:
                out.setdefault(head.group(1), template)
    return out


def call_target(code: str, templates: dict[str, Template]) -> str | None:
    """The URL an ``onclick`` call of one of ``templates``' functions sends the browser to, when
    every argument it uses is a literal (``zhinan(2)``, ``go('a', "b")``); None otherwise."""
    code = code.strip().removeprefix("javascript:").strip().rstrip(";").strip()
    code = code.removeprefix("return ").strip()
    name, paren, rest = code.partition("(")
    name = name.strip()
    if not paren or not rest.endswith(")") or name not in templates:
        return None
    args = _literals(rest[:-1])
    if args is None:
        return None
    parts: list[str] = []
    for kind, value in templates[name]:
        if kind == "lit":
            parts.append(str(value))
        elif isinstance(value, int) and value < len(args):
            parts.append(args[value])
        else:
            return None
    return "".join(parts) or None


def _body(code: str, start: int) -> str:
    """The text of a function body whose ``{`` ends just before ``start`` (braces balanced, strings
    not looked into: a handler's body is short and plain)."""
    depth = 1
    for index in range(start, min(len(code), start + 4000)):
        char = code[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return code[start:index]
    return code[start:start + 4000]


def _expression(body: str, start: int) -> str:
    """The expression from ``start`` up to the end of its statement or call."""
    depth, quote = 0, ""
    for index in range(start, len(body)):
        char = body[index]
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return body[start:index]
            depth -= 1
        elif char in ";,\n}" and depth == 0:
            return body[start:index]
    return body[start:]


def _template(expression: str, params: list[str]) -> Template | None:
    parts: list[tuple[str, str | int]] = []
    for term in _split_outside_quotes(expression, "+"):
        if len(term) >= 2 and term[0] == term[-1] and term[0] in "'\"":
            parts.append(("lit", term[1:-1]))
        elif term in params:
            parts.append(("arg", params.index(term)))
        else:
            return None
    return tuple(parts) if parts and any(kind == "lit" for kind, _ in parts) else None


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it stands outside a quoted string, each term stripped
    (the terms of a ``+`` sum, the arguments of a call)."""
    terms, current, quote = [], "", ""
    for char in text:
        if quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
            current += char
        elif char == separator:
            terms.append(current.strip())
            current = ""
        else:
            current += char
    terms.append(current.strip())
    return terms


def _literals(text: str) -> list[str] | None:
    """The arguments of a call as strings, when each is a number or a quoted string."""
    out: list[str] = []
    for term in _split_outside_quotes(text, ","):
        if not term:
            continue
        if len(term) >= 2 and term[0] == term[-1] and term[0] in "'\"":
            out.append(term[1:-1])
        elif term.replace(".", "", 1).lstrip("-").isdigit():
            out.append(term)
        else:
            return None
    return out
