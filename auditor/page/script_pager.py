"""A pager drawn by a script: what the script's own data says about the list's pages.

Templates write their pagers in script as often as in markup, under names nobody can list:
``fn('pg', 4, 0, 'list', 'shtml', 47)``; a loop ``for (k = 2; k <= q7; k++) document.write('<a
href="list_' + k + '.html">')`` with ``var q7 = 4``; a 下一页 button ``onclick="go(2)"`` beside
``function go(n) { if (n > tp) return; location.href = 'list_' + n + '.html'; }``. None of these
is read by the names of the functions or variables: what says it is a pager is the data itself,

* an address the script joins from text and a counter, ending in a page's extension (or a query
  parameter's ``=``): the pages' addresses, and the counter's bound (``k <= q7``, ``n > tp``, a
  number or a variable assigned one) is the page count;
* a call whose arguments are literals (or names the script assigns a number), among them a page
  file's stem and extension and small numbers: the number beside the current page's (0 or 1) is the
  count, a larger one the total (``createPageHTML(countPage, currentPage, "index", "html")`` with
  ``var countPage = 56`` reads as the literals would);
* a name whose value the script computes (``var endPage = countPage - 1``), joined into a page's
  address (``"index_" + endPage + ".html"``, the 尾页 link): the highest page number written
  (``last_page_number``), whatever the names are.

What the data does not settle is not guessed at: the count is None and ``unread`` says a pager
was drawn by script and could not be read, so the list's count is a floor, never a confident small
count. Addresses read here are only candidates: the walk keeps a page only when it names itself
as the column does and lists items not seen yet (``auditor.walk.reading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: never offer more candidate pages than this, whatever a script declares
MAX_PAGES = 200

#: string literals and names joined by ``+`` ('list_' + k + '.html', "index"+"_"+i+"."+"html",
#: "<a href=\"index_"+endPage+".html\">"): a string literal may hold escaped quotes
_STRING = r"'(?:\\.|[^'\\\n])*'" + "|" + r'"(?:\\.|[^"\\\n])*"'
_CHAIN = re.compile(rf"""(?:{_STRING}|[A-Za-z_$][\w$]*)(?:\s*\+\s*(?:{_STRING}|[A-Za-z_$][\w$]*))+""")
_PIECE = re.compile(rf"""{_STRING}|[A-Za-z_$][\w$]*""")
#: ``name = value`` (not ``==``, ``<=``): a number, a quoted number, a name, a name plus or minus a number
_ASSIGN = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?<![=!<>])=(?!=)\s*([^;\n,)}]+)""")
#: a call whose arguments hold no call, no name-less expression: name(…literals…)
_CALL = re.compile(r"[A-Za-z_$][\w$.]*\s*\(([^()]*)\)")
#: a click that passes a page number (``go(2)``, ``turn('3')``; ``scrollTo(0, 0)`` passes none)
_PAGE_ARGUMENT = re.compile(r"\(\s*['\"]?[1-9]\d{0,3}['\"]?\s*[,)]")
#: the characters that end an address written inside a string (a quote, a space, markup)
_NOT_ADDRESS = frozenset(" \t\n'\"<>")


@dataclass(frozen=True)
class ScriptPager:
    """What a script-drawn pager says: the page count (None: it cannot tell), a total of items,
    candidate addresses of the list's pages (as written, relative to the page), and whether a
    pager was drawn that could not be read."""

    page_count: int | None = None
    declared_total: int | None = None
    pages: tuple[str, ...] = ()
    unread: bool = False


def read_script_pager(scripts: list[str], clicks: list[str], extensions: tuple[str, ...]) -> ScriptPager | None:
    """The pager the page's inline ``scripts`` draw, with ``clicks`` the code of its short click
    targets (``onclick`` values, ``javascript:`` links: 下一页, ▶, 2); None when no script draws one."""
    code = "\n".join(scripts)
    every = "\n".join([code, *clicks])
    for head, counter, tail in joins(every):
        pager = _joined_pager(head, counter, tail, every, clicks, extensions)
        if pager is not None:
            return pager
    numbers = assigned_numbers(code)
    for call in _CALL.finditer(every):
        pager = _call_pager(call.group(1), extensions, numbers)
        if pager is not None:
            return pager
    if any(_PAGE_ARGUMENT.search(click) and not _goes_nowhere(click) for click in clicks):
        return ScriptPager(unread=True)  # a 下一页 that runs a script whose pages nothing here says
    return None


def last_page_number(scripts: list[str], extensions: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The highest page number the scripts write into a page's address from a name whose value they
    compute (``var endPage = countPage - 1`` … ``"index_" + endPage + ".html"``): (the address
    before the number, after it, the number); None when no such address is written."""
    code = "\n".join(scripts)
    numbers = assigned_numbers(code)
    best: tuple[str, str, int] | None = None
    for head, name, tail in joins(code):
        head_text, tail_text = address_end(head), address_start(tail)
        value = numbers.get(name)
        if value is None or value < 1 or not head_text or not _page_file(tail_text, extensions):
            continue
        if best is None or value > best[2]:
            best = (head_text, tail_text, value)
    return best


def assigned_numbers(code: str) -> dict[str, int]:
    """The number each name is first given (``var q7 = 4``, ``q7: '4'``, ``last = q7 - 1``), read in
    the order written; a name given something else first (a call, a string) has none."""
    numbers: dict[str, int] = {}
    given: set[str] = set()
    for name, value in _ASSIGN.findall(code):
        if name in given:
            continue
        given.add(name)
        found = _evaluated(value.strip().rstrip(";").strip(), numbers)
        if found is not None:
            numbers[name] = found
    for name, value in re.findall(r"""([A-Za-z_$][\w$]*)\s*:\s*['"]?(\d+)['"]?\s*[,}]""", code):
        numbers.setdefault(name, int(value))
    return numbers


def _evaluated(expression: str, numbers: dict[str, int]) -> int | None:
    """A number, a quoted number, a name with a number, or such a name plus or minus a number."""
    text = expression.strip("'\"") if expression[:1] in "'\"" and expression[-1:] == expression[:1] else expression
    if text.isdigit():
        return int(text)
    match = re.fullmatch(r"([A-Za-z_$][\w$]*)\s*(?:([+-])\s*(\d+))?", expression)
    if not match or match.group(1) not in numbers:
        return None
    value = numbers[match.group(1)]
    if match.group(2):
        value += int(match.group(3)) * (1 if match.group(2) == "+" else -1)
    return value


def joins(code: str, open_end: bool = False) -> list[tuple[str, str, str]]:
    """Each name joined by ``+`` between string literals: (the literals' text before it, the name,
    the literals' text after it), adjacent literals read as one and escaped quotes unescaped; with
    ``open_end`` a name that ends the join counts too (``"/api/list?channel=" + id``), its text
    after it empty."""
    out = []
    for chain in _CHAIN.finditer(code):
        pieces = [p.group(0) for p in _PIECE.finditer(chain.group(0))]
        for i, piece in enumerate(pieces):
            if piece[0] in "'\"":
                continue
            before, after = _literals(reversed(pieces[:i])), _literals(pieces[i + 1:])
            if after is None and open_end and i == len(pieces) - 1:
                after = []
            if before is not None and after is not None:
                out.append(("".join(reversed(before)), piece, "".join(after)))
    return out


def _literals(pieces) -> list[str] | None:
    """The texts of the string literals at the start of ``pieces`` (None when there is none)."""
    texts = []
    for piece in pieces:
        if piece[0] not in "'\"":
            break
        texts.append(re.sub(r"\\(.)", r"\1", piece[1:-1]))
    return texts or None


def _page_file(tail: str, extensions: tuple[str, ...]) -> bool:
    return tail.startswith(".") and tail.split("?", 1)[0].lstrip(".").lower() in extensions


def _joined_pager(head: str, counter: str, tail: str, code: str, clicks: list[str],
                  extensions: tuple[str, ...]) -> ScriptPager | None:
    head_text, tail_text = address_end(head), address_start(tail)
    page_file = _page_file(tail_text, extensions)
    query_page = head_text.endswith("=") and "?" in head_text and (not tail_text or tail_text.startswith("&"))
    if not (page_file or query_page) or not head_text:
        return None
    last = _bound(code, counter)
    if last is None:
        numbers = sorted({int(n) for click in clicks for n in re.findall(r"\((\d{1,4})\)", click)})
        return ScriptPager(pages=tuple(f"{head_text}{n}{tail_text}" for n in numbers[:MAX_PAGES]), unread=True)
    first = _start(code, counter)
    numbers = range(max(first, 1), min(last, MAX_PAGES) + 1)
    return ScriptPager(page_count=last, pages=tuple(f"{head_text}{n}{tail_text}" for n in numbers))


def _goes_nowhere(click: str) -> bool:
    """``javascript:void(0)``: a link whose click handler is elsewhere."""
    return "".join(click.split()).lower().removeprefix("javascript:").rstrip(";") == "void(0)"


def address_end(text: str) -> str:
    """The address a string ends with (``<a href="/x/list_`` → ``/x/list_``), cut at its ``=``
    unless the ``=`` ends it (a query parameter: ``list.jsp?page=``)."""
    start = len(text)
    while start and text[start - 1] not in _NOT_ADDRESS:
        start -= 1
    address = text[start:]
    if "=" in address[:-1]:
        address = address[address.rindex("=", 0, len(address) - 1) + 1:] if not address.endswith("=") else address
    return address


def address_start(text: str) -> str:
    """The address a string starts with (``.html">`` → ``.html``)."""
    end = 0
    while end < len(text) and text[end] not in _NOT_ADDRESS:
        end += 1
    return text[:end]


def _bound(code: str, counter: str) -> int | None:
    """The last value ``counter`` takes, from a comparison the script makes with it: ``k <= q7``
    (q7), ``k < q7`` (q7 - 1), a guard ``n > tp`` (tp) or ``n >= tp`` (tp - 1), either way round."""
    name = re.escape(counter)
    forms = (
        (rf"\b{name}\s*(<=|<|>=|>)\s*([\w$.]+)", False),
        (rf"([\w$.]+)\s*(<=|<|>=|>)\s*{name}\b", True),
    )
    for pattern, swapped in forms:
        for match in re.finditer(pattern, code):
            other, sign = (match.group(1), match.group(2)) if swapped else (match.group(2), match.group(1))
            if swapped:
                sign = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[sign]
            value = _value(code, other)
            if value is None or value < 1:
                continue
            return value - 1 if sign in ("<", ">=") else value
    return None


def _start(code: str, counter: str) -> int:
    """The first value a loop gives ``counter`` (``for (var k = 2; …``), 1 when none."""
    match = re.search(rf"\b{re.escape(counter)}\s*=\s*(\d+)\s*;", code)
    return int(match.group(1)) if match else 1


def _value(code: str, operand: str) -> int | None:
    """A number written as such, or the number a name is assigned (``var q7 = 4``, ``q7: '4'``)."""
    if operand.isdigit():
        return int(operand)
    name = operand.rsplit(".", 1)[-1]
    if not re.match(r"^[A-Za-z_$][\w$]*$", name):
        return None
    match = re.search(rf"""\b{re.escape(name)}\s*[:=]\s*['"]?(\d+)""", code)
    return int(match.group(1)) if match else None


def _call_pager(arguments: str, extensions: tuple[str, ...], assigned: dict[str, int]) -> ScriptPager | None:
    """A call of literals naming a page file: ``fn('pg', 4, 0, 'list', 'shtml', 47)``; a name the
    script assigns a number stands for it (``fn(countPage, currentPage, "index", "html")``)."""
    numbers: list[int] = []
    strings: list[str] = []
    for argument in (a.strip() for a in arguments.split(",")):
        if len(argument) >= 2 and argument[0] in "'\"" and argument[-1] == argument[0]:
            strings.append(argument[1:-1])
        elif argument.isdigit():
            numbers.append(int(argument))
        elif argument in assigned:
            numbers.append(assigned[argument])
        else:
            return None
    ext = next((i for i, s in enumerate(strings) if s.lower() in extensions), None)
    if ext is None or ext == 0 or not numbers or not strings[ext - 1]:
        return None
    stem, extension = strings[ext - 1], strings[ext]
    count, total = _count_and_total(numbers)
    if count is None:
        return ScriptPager(unread=True)
    pages = tuple(f"{stem}_{n}.{extension}" for n in range(1, min(count, MAX_PAGES) + 1))
    return ScriptPager(page_count=count, declared_total=total, pages=pages)


def _count_and_total(numbers: list[int]) -> tuple[int | None, int | None]:
    """Of a pager call's numbers: the current page is the first 0 or 1; of the others, one is the
    page count, and a second one at least as large the total of items. More is not settled."""
    rest = list(numbers)
    current = next((n for n in rest if n in (0, 1)), None)
    if current is not None and len(rest) > 1:
        rest.remove(current)
    if len(rest) == 1:
        return rest[0], None
    if len(rest) == 2 and min(rest) >= 1 and max(rest) >= min(rest):
        return min(rest), max(rest)
    return None, None
