"""From a task list's rows to draft entries: the pure reading of clauses, no file and no YAML.

What a clause gives is either **quoted** (written in the document: a 公开路径, a quoted column name, a
date, a list of labels) or **inferred** (PathAudit's reading: a unit taken from the row above, a
column placed under the path the rest of the document uses, a kind of column). Every inferred value
carries its reason in :attr:`DraftEntry.notes`, which the YAML writer turns into comments, so the
team reviewing the draft knows which lines to check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from auditor.specs.draft.document import TaskDocument, TaskRow
from auditor.specs.names import normalise_name
from auditor.specs.paths import HOME_PAGE, PathSyntaxError, split_path

_CN_DIGITS = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{_CN_DIGITS}]+)、")
_SUBSECTION = re.compile(rf"^[（(]([{_CN_DIGITS}]+)[)）]")
#: a numbered clause at the start of a paragraph: "1." "2．" "3、"
_ITEM = re.compile(r"^(\d{1,2})[.．、](?!\d)")
_PUBLICATION_PATH = re.compile(r"公开路径[：:]")
#: a sub-item marker inside a 公开路径: （1）政府网站>…；（2）其他渠道
_SUB_ITEM = re.compile(r"^\s*[（(]\d+[)）]\s*")
_PATH_SEPARATOR = re.compile("[>＞]")
#: 在政府网站“政务公开>政府信息公开目录”中设置“六稳”“六保”等栏目 / 在“…”中设置“法治政府建设年度报告”栏目
_SET_UP_COLUMN = re.compile(r"“([^”]+)”(?:中|栏目下|下)[，,]?(?:要)?(?:开设|设置|增设)((?:“[^”]+”)+)等?(?:栏目|专栏|专题)")
#: 在政府网站“政务公开>…>政策解读”中，至少设置“视频、图片、文字”3个子栏目
_SET_UP_CHILDREN = re.compile(r"“([^”]+)”中[，,]?(?:要)?(?:至少)?设置“([^”]+)”(?:等)?(?:\d+个)?子栏目")
#: 在政府网站“政策解读”栏目集中展示
_NAMED_COLUMN = re.compile(r"政府网站“([^”]+)”(?:栏目|专栏)")
#: 按照“现行有效”和“失效/废止”进行分类展示
_CLASSIFIED = re.compile(r"按照((?:“[^”]+”[和、及与]?)+)(?:进行)?分类(?:展示|公开)")
_QUOTED = re.compile(r"“([^”]+)”")
#: 列清留言摘要、受理日期、答复日期、答复部门、答复内容等
_LIST_FIELDS = re.compile(r"列清([^。；;，,]+)")
_LIST_END = re.compile(r"等?(?:基本|经营许可|相关)?(?:信息|内容|情况)?$")
#: 不少于4次 / 至少开展1次
_COUNT = re.compile(r"(?:不少于|至少(?:开展|发布|召开)?)\s*(\d+)\s*(次|场|期|篇|条)")
_COUNT_MATCH = re.compile(r"通过([^，。；、]{2,8}?)形式")
_DATE_END_OF_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月底前")
_DATE_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前")
_RECURRING = re.compile(r"每(?:年|季度|半年|月)|\d+个(?:月|工作日|日)内|\d+日内")
_SENTENCE_END = re.compile(r"(?<=[。；;])")
_UNIT_SEPARATOR = re.compile("[、，,；;\n]")


@dataclass
class DraftEntry:
    """One entry of the draft: one path one clause gives, with what the clause says of it."""

    clause: str
    quote: str
    #: the path as written (``政府网站>A>B/C``), or as the draft completed it
    path: str
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    required_fields: tuple[str, ...] = ()
    deadline: dt.date | None = None
    #: a deadline or period the clause gives in words that is not one date (每年, 3个月内)
    deadline_words: tuple[str, ...] = ()
    #: (count, what is counted, the words) — 每年…不少于4次
    counts: tuple[tuple[int, str, str], ...] = ()
    kind: str | None = None
    min_items: int | None = None
    #: the clause's whole text, for the rules its words imply
    text: str = ""
    #: clause rules the clause implies (path_specs/README.md, *Clause rules*): key -> value
    clause_rules: dict[str, object] = field(default_factory=dict)
    #: key -> why the value was inferred, not quoted ("path", "lead", "kind", ...)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DraftMeta:
    title: str = ""
    document_number: str = ""
    issued: dt.date | None = None
    issuer: str = ""


@dataclass
class Draft:
    meta: DraftMeta
    entries: list[DraftEntry]
    #: clauses with something checkable the draft could not place, for the reviewer
    unplaced: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Clause:
    """A numbered clause of the 贯彻举措 column, with the row it stands in."""

    number: str
    text: str
    row: TaskRow
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    #: why a unit is not the row's own cell (taken from the row above)
    unit_notes: dict[str, str]
    #: the other clauses of the same cell, for counts stated apart from the path they concern
    cell_index: int


#: Columns that clauses mandate by name without any path, and where portals put them. These are
#: the names of the national 政府信息公开 template and of the 互动交流 section every portal has
#: (政府网站与政务新媒体检查指标): a clause "公开…网民留言" means that column.
KNOWN_COLUMNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"公开(?!信箱)[^。；]*网民留言"),
        "政府网站>互动交流>网民留言",
        "the clause publishes 网民留言 without a path: the 互动交流 section of every portal holds it",
    ),
    (
        re.compile(r"公开[^。；]*政府信息公开工作年度报告"),
        "政府网站>政府信息公开>政府信息公开年报",
        "the clause publishes the yearly report without a path: the national 政府信息公开 template's column",
    ),
    (
        re.compile(r"信息公开专栏在移动端"),
        "政府网站>政府信息公开",
        "the clause puts the 政府信息公开 专栏 on phones: the national template's section of that name",
    ),
)

#: the kind a column's name implies (first match wins), after the national staleness windows
_KIND_BY_NAME: tuple[tuple[str, str], ...] = (
    ("联系我们", "static"),
    ("联系方式", "static"),
    ("留言", "notice"),
    ("规划", "periodic"),
    ("预算", "periodic"),
    ("决算", "periodic"),
    ("债务", "periodic"),
    ("收费", "periodic"),
    ("年度报告", "periodic"),
    ("年报", "periodic"),
    ("公共企事业单位", "periodic"),
    ("法规", "periodic"),
    ("规章", "periodic"),
    ("政策", "policy"),
    ("解读", "policy"),
    ("规范性文件", "policy"),
)


def draft_from_document(document: TaskDocument) -> Draft:
    """Every checkable clause of the task list as draft entries, in the document's order."""
    meta = read_meta(document.text)
    clauses = list(split_clauses(document.rows))
    entries: list[DraftEntry] = []
    unplaced: list[str] = []
    by_cell: dict[int, list[DraftEntry]] = {}
    pending_counts: list[tuple[Clause, tuple[tuple[int, str, str], ...]]] = []
    for clause in clauses:
        found = entries_of(clause, meta)
        entries.extend(found)
        by_cell.setdefault(clause.cell_index, []).extend(found)
        counts = read_counts(clause.text)
        if counts and not found:
            pending_counts.append((clause, counts))
    # a count stated in one clause about the column another clause of the same cell names
    for clause, counts in pending_counts:
        targets = {normalise_name(e.path): e for e in by_cell.get(clause.cell_index, [])}
        if len(targets) == 1:
            target = next(iter(targets.values()))
            target.counts += counts
            target.notes["counts"] = f"stated in {clause.number}, which names no column; the cell's one column is this"
        else:
            unplaced.append(f"{clause.number}: {counts[0][2]}")
    resolve_short_paths(entries)
    _infer_clause_rules(entries)
    _infer_kinds(entries)
    _share_fields(entries)
    _containers(entries)
    return Draft(meta=meta, entries=entries, unplaced=unplaced)


def read_meta(text: str) -> DraftMeta:
    """Title, 发文字号, date and issuer from the notice around the table."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    number = re.search(r"\S+?[〔﹝\[［【(（]\d{4}[〕﹞\]］】)）]\d+号", text)
    title = ""
    for line in reversed(lines):
        if re.search(r"(任务分工|工作要点|任务清单)$", line) and not line.startswith("关于"):
            title = line
            break
    if not title:
        heading = re.search(r"关于印发(.+?)的通知", re.sub(r"\s+", "", text))
        title = heading.group(1) if heading else ""
    issued = None
    issuer = ""
    for index, line in enumerate(lines):
        match = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", line)
        if match:
            try:
                issued = dt.date(*map(int, match.groups()))
            except ValueError:
                continue
            if index and not re.search(r"[。：:，]", lines[index - 1]):
                issuer = lines[index - 1]
    return DraftMeta(
        title=title, document_number=number.group(0).strip() if number else "", issued=issued, issuer=issuer
    )


def split_clauses(rows: Sequence[TaskRow]) -> list[Clause]:
    """The numbered clauses of every row, each with its section number (一（一）1) and units.

    A row whose task cells are empty continues the section above (a merged cell); a row whose lead
    cell is empty has the lead of the row above (a cell merged down the rows in the original).
    """
    section = subsection = ""
    last_lead: tuple[str, ...] = ()
    last_responsible: tuple[str, ...] = ()
    clauses: list[Clause] = []
    for index, row in enumerate(rows):
        for line in row.task.split("\n"):
            if match := _SECTION.match(line.strip()):
                section, subsection = match.group(1), ""
            elif match := _SUBSECTION.match(line.strip()):
                subsection = match.group(1)
        notes: dict[str, str] = {}
        lead = split_units(row.lead)
        if not lead and last_lead:
            lead = last_lead
            notes["lead"] = "the row's 牵头单位 cell is empty: the row above's"
        responsible = split_units(row.responsible)
        if not responsible and last_responsible:
            responsible = last_responsible
            notes["responsible"] = "the row's 责任单位 cell is empty: the row above's"
        last_lead, last_responsible = lead, responsible
        prefix = section + (f"（{subsection}）" if subsection else ("、" if section else ""))
        for number, text in _numbered(row.measures):
            clauses.append(
                Clause(
                    number=prefix + number,
                    text=text,
                    row=row,
                    lead=lead,
                    responsible=responsible,
                    unit_notes=notes,
                    cell_index=index,
                )
            )
    return clauses


def split_units(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _UNIT_SEPARATOR.split(cell) if part.strip())


def _numbered(measures: str) -> list[tuple[str, str]]:
    """The cell's clauses: each paragraph starting "1." begins one; the rest belong to the one before.
    A cell with no number is one clause numbered by its section alone (四（二）)."""
    items: list[tuple[str, str]] = []
    for line in measures.split("\n"):
        match = _ITEM.match(line)
        if match:
            items.append((match.group(1), line[match.end() :].strip()))
        elif items:
            number, text = items[-1]
            items[-1] = (number, text + "\n" + line)
        elif line.strip():
            items.append(("", line.strip()))
    return items


def entries_of(clause: Clause, meta: DraftMeta) -> list[DraftEntry]:
    """The entries one clause makes: one per path it gives or names."""
    text = clause.text
    found: list[tuple[str, str, dict[str, str]]] = []  # (path, the sentence quoted, notes)
    children: dict[str, tuple[str, ...]] = {}
    containers: set[str] = set()

    for path, sentence in publication_paths(text):
        found.append((path, sentence, {}))
    for match in _SET_UP_CHILDREN.finditer(text):
        path = _home(match.group(1))
        names = tuple(n.strip() for n in re.split("[、，,]", match.group(2)) if n.strip())
        found.append((path, _sentence_at(text, match.start()), {}))
        children[normalise_name(path)] = names
    for match in _SET_UP_COLUMN.finditer(text):
        parent = _home(match.group(1))
        names = _QUOTED.findall(match.group(2))
        # one quoted name is the column's name; several side by side (“六稳”“六保”) are one name together
        path = f"{parent}>{names[0] if len(names) == 1 else match.group(2)}"
        found.append((path, _sentence_at(text, match.start()), {}))
        containers.add(normalise_name(path))
    for match in _NAMED_COLUMN.finditer(text):
        if any(match.group(1) in path for path, _, _ in found):
            continue
        found.append((_home(match.group(1)), _sentence_at(text, match.start()), {}))
    if not found:
        for pattern, path, why in KNOWN_COLUMNS:
            if match := pattern.search(text):
                found.append((path, _sentence_at(text, match.start()), {"path": why}))
                break

    classified = _CLASSIFIED.search(text)
    fields = read_fields(text)
    deadline, deadline_note = read_deadline(text, meta)
    if deadline is None and clause.row.due:
        # a 完成时限 column: the row's date applies to each of its clauses
        deadline, deadline_note = read_deadline(clause.row.due, meta)
        if deadline is not None:
            deadline_note = "; ".join(filter(None, ("from the row's 完成时限 cell", deadline_note)))
    words = tuple(dict.fromkeys(m.group(0) for m in _RECURRING.finditer(text + "\n" + clause.row.due)))
    counts = read_counts(text)

    entries: list[DraftEntry] = []
    seen: set[str] = set()
    for path, sentence, notes in found:
        key = normalise_name(path)
        if key in seen:
            continue
        seen.add(key)
        number = clause.number
        if sub := re.match(r"[（(](\d{1,2})[)）]", sentence):
            # the sentence is a sub-item of the clause: 三（二）1（4）
            number, sentence = f"{number}（{sub.group(1)}）", sentence[sub.end() :]
        entry = DraftEntry(
            clause=number,
            quote=sentence,
            path=path,
            lead=clause.lead,
            responsible=clause.responsible,
            deadline=deadline,
            deadline_words=words,
            counts=counts,
            notes={**clause.unit_notes, **notes},
            text=clause.text,
        )
        if deadline_note:
            entry.notes["deadline"] = deadline_note
        if key in children:
            entry.children = children[key]
        elif classified and len(found) == 1:
            entry.children = tuple(_QUOTED.findall(classified.group(1)))
        if fields and (len(found) == 1 or sentence_has(sentence, fields)):
            entry.required_fields = fields
        if key in containers:
            entry.min_items = -1  # decided once every entry is known (see _containers)
        entries.append(entry)
    return entries


def sentence_has(sentence: str, fields: tuple[str, ...]) -> bool:
    return all(name in sentence for name in fields)


def publication_paths(text: str) -> list[tuple[str, str]]:
    """Every website path after 公开路径：, with the sentence it closes (the quote).

    ``（1）政府网站>…；（2）其他渠道`` keeps the website path: a channel without ``>`` is not a column.
    A path ends at ``；``, ``〕`` or the end of its line; a closing bracket with no opening one in the
    path (``…>市政府规章）〕``, ``（公开路径：…>联系我们）``) is the bracket of the note, not the name's.
    """
    results: list[tuple[str, str]] = []
    for match in _PUBLICATION_PATH.finditer(text):
        block = _note_block(text[match.end() :])
        for part in re.split("[；;]", block):
            part = _strip_unbalanced(_SUB_ITEM.sub("", part).strip())
            if not _PATH_SEPARATOR.search(part):
                continue
            results.append((part, _quote_before(text, match.start())))
    return results


def _note_block(rest: str) -> str:
    """The text of a 公开路径 note: up to its closing bracket (〔…〕 or （…）), the end of the
    sentence or of the line, whichever comes first; brackets opened inside it are its own."""
    depth = 0
    for index, char in enumerate(rest):
        if char in "（(":
            depth += 1
        elif char in "）)":
            if depth == 0:
                return rest[:index]
            depth -= 1
        elif char in "〕】]。\n":
            return rest[:index]
    return rest


def _strip_unbalanced(part: str) -> str:
    while part and part[-1] in "）)" and part.count("（") + part.count("(") < part.count("）") + part.count(")"):
        part = part[:-1].rstrip()
    return part.rstrip("。，,")


def _quote_before(text: str, at: int) -> str:
    """The sentence a 公开路径 note closes, without the note and the "按照…要求，" preamble."""
    start = max(text.rfind(mark, 0, at) for mark in ("。", "；", "\n"))
    sentence = text[start + 1 : at].rstrip("〔（(【[ ")
    return _trim_quote(sentence)


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(mark, 0, at) for mark in ("。", "\n"))
    ends = [i for i in (text.find("。", at), text.find("\n", at)) if i >= 0]
    end = min(ends) if ends else len(text)
    return _trim_quote(text[start + 1 : end])


def _trim_quote(sentence: str) -> str:
    sentence = re.sub(r"^(?:按照[^，]{0,30}要求，)", "", sentence.strip())
    sentence = re.sub(r"〔公开路径[^〕]*〕|（公开路径[^）]*）+", "", sentence)
    return sentence.strip("，,；; ")


def _home(path: str) -> str:
    """A path named in prose, from the home page: ``政务公开>政府信息公开目录`` → ``政府网站>…``."""
    path = path.strip()
    if normalise_name(_PATH_SEPARATOR.split(path)[0]) == normalise_name(HOME_PAGE):
        return path
    return f"{HOME_PAGE}>{path}"


def read_fields(text: str) -> tuple[str, ...]:
    """The labels a clause asks each item to show: after 列清, or a list of details starting with 名称
    (…单位名称、办公地址、办公时间、联系电话等基本信息)."""
    text = re.sub(r"〔公开路径[^〕]*〕?|（公开路径[^）]*）?", "。", text)
    if match := _LIST_FIELDS.search(text):
        return _labels(match.group(1).split("、"))
    for part in re.split("[，,。；;（）()〔〕]", text):
        items = part.split("、")
        if len(items) < 3:
            continue
        for index, item in enumerate(items):
            if item.endswith("名称"):
                return ("名称", *_labels(items[index + 1 :]))
    return ()


def _labels(items: Sequence[str]) -> tuple[str, ...]:
    labels: list[str] = []
    for item in items:
        item = _LIST_END.sub("", item.strip()) if item is items[-1] else item.strip()
        if item and item not in labels:
            labels.append(item)
    return tuple(labels)


def read_deadline(text: str, meta: DraftMeta) -> tuple[dt.date | None, str]:
    """The first date a clause sets (2021年6月底前 → 2021-06-30, 于2021年5月31日前 → 2021-05-31), and a
    note when its year is the mandate's rather than written."""
    candidates: list[tuple[int, dt.date, bool]] = []
    for match in _DATE_END_OF_MONTH.finditer(text):
        year, month = match.group(1), int(match.group(2))
        year_value = int(year) if year else (meta.issued.year if meta.issued else None)
        if year_value is None or not 1 <= month <= 12:
            continue
        day = calendar.monthrange(year_value, month)[1]
        candidates.append((match.start(), dt.date(year_value, month, day), not year))
    for match in _DATE_DAY.finditer(text):
        year = match.group(1)
        year_value = int(year) if year else (meta.issued.year if meta.issued else None)
        if year_value is None:
            continue
        try:
            candidates.append((match.start(), dt.date(year_value, int(match.group(2)), int(match.group(3))), not year))
        except ValueError:
            continue
    if not candidates:
        return None, ""
    _, date, yearless = min(candidates)
    return date, ("the clause gives no year: the mandate's" if yearless else "")


def read_counts(text: str) -> tuple[tuple[int, str, str], ...]:
    """每年…不少于4次: (4, what is counted, the words). The first count of a sentence is the total
    (其中…不少于2次 is a part of it, not another count)."""
    counts: list[tuple[int, str, str]] = []
    for sentence in re.split("[。；;\n]", text):
        match = _COUNT.search(sentence)
        if not match:
            continue
        means = _COUNT_MATCH.search(sentence)
        counts.append((int(match.group(1)), means.group(1) if means else "", sentence.split("，其中")[0].strip()))
    return tuple(counts)


def resolve_short_paths(entries: list[DraftEntry]) -> None:
    """A column named alone (在政府网站“政策解读”栏目) is the shortest mandated path ending in that
    name: the general column rather than a topic's own (疫情防控>政策解读)."""
    full = [(e.path, split_path(e.path).expanded()) for e in entries if len(_segments(e.path)) > 1]
    for entry in entries:
        segments = _segments(entry.path)
        if len(segments) != 1:
            continue
        name = normalise_name(segments[0])
        matches = sorted(
            (len(expanded), ">".join((HOME_PAGE, *expanded)))
            for _, paths in full
            for expanded in paths
            if normalise_name(expanded[-1]) == name
        )
        if matches:
            entry.path = matches[0][1]
            entry.notes["path"] = (
                f"the clause names the column “{segments[0]}” alone: the shortest path the document gives to it"
            )


def _segments(path: str) -> tuple[str, ...]:
    try:
        split = split_path(path, expand_siblings=False)
    except PathSyntaxError:
        return ()
    return (*split.parents, *split.siblings)


#: (key, value, words the clause must hold, words the column's name must hold, why)
_CLAUSE_RULE_HINTS: tuple[tuple[str, object, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("answered", True, ("事事有回音", "件件有回音", "件件有落实"), ("留言", "信箱", "咨询"),
     "件件有落实、事事有回音: every message answered"),
    ("contact_phone", True, ("联系电话",), ("联系",), "公开…联系电话 on a contact page: the page shows a phone number"),
    ("policy_links", True, ("相互关联", "关联政策文件", "与政策文件"), ("解读",),
     "解读…与政策文件相互关联: each 解读 links its file and the file links back"),
    ("due_yearly", "01-31", ("政府信息公开工作年度报告",), ("年报", "年度报告"),
     "the 条例 (第四十九条) has the 政府信息公开工作年度报告 out by 31 January"),
    ("mobile", True, ("在移动端展示", "手机适配"), ("信息公开",),
     "推动…专栏在移动端展示: the column's page is made for phones (without a browser, its width is unverified)"),
)


def _infer_clause_rules(entries: list[DraftEntry]) -> None:
    """The clause rules a clause's words imply for its column, and a count stated per year
    (每年…不少于4次) as ``min_per_year``; each inferred, so each carries its note. Once per column."""
    done: set[tuple[str, str]] = set()
    for entry in entries:
        key = normalise_name(entry.path)
        last = (_segments(entry.path) or ("",))[-1]
        text = entry.text or entry.quote
        for rule, value, words, names, why in _CLAUSE_RULE_HINTS:
            if (key, rule) in done or not any(w in text for w in words) or not any(n in last for n in names):
                continue
            done.add((key, rule))
            entry.clause_rules[rule] = value
            entry.notes[rule] = why
        yearly = [c for c in entry.counts if "每年" in c[2]]
        if yearly and (key, "min_per_year") not in done:
            count, what, words = yearly[0]
            done.add((key, "min_per_year"))
            entry.clause_rules["min_per_year"] = (count, what)
            entry.notes["min_per_year"] = f"{words}" + (f" ({entry.notes['counts']})" if "counts" in entry.notes else "")
            entry.counts = tuple(c for c in entry.counts if c is not yearly[0])


def _infer_kinds(entries: list[DraftEntry]) -> None:
    """A kind for the first entry of each column, from its name (the national staleness windows)."""
    seen: set[str] = set()
    for entry in entries:
        key = normalise_name(entry.path)
        if key in seen:
            continue
        seen.add(key)
        last = _segments(entry.path)[-1] if _segments(entry.path) else ""
        if "动态更新" in entry.quote and "清单" not in last:
            entry.kind = "news"
            entry.notes["kind"] = "保持动态更新: the 14-day window of dynamic columns"
            continue
        for word, kind in _KIND_BY_NAME:
            if word in last:
                entry.kind = kind
                entry.notes["kind"] = f"a {word} column: the national window of {kind} columns"
                break


def _share_fields(entries: list[DraftEntry]) -> None:
    """Several clauses on one column (one per sector) each list their labels; the column asks for the
    labels at least three quarters of them name, so no sector's own wording (办学性质) is demanded of
    every item. The first entry carries them; the others' own labels go to a note."""
    groups: dict[str, list[DraftEntry]] = {}
    for entry in entries:
        groups.setdefault(normalise_name(entry.path), []).append(entry)
    for group in groups.values():
        listing = [e for e in group if e.required_fields]
        if len(listing) < 2:
            continue
        tally = Counter(name for e in listing for name in e.required_fields)
        shared = tuple(name for name, n in tally.items() if n * 4 >= len(listing) * 3)
        rest = [name for name in tally if name not in shared]
        for entry in listing:
            entry.required_fields = ()
        listing[0].required_fields = shared
        listing[0].notes["required_fields"] = (
            f"the labels at least 3 of 4 of the {len(listing)} clauses on this column name"
            + (f"; also named by some: {'、'.join(rest)}" if rest else "")
        )


def _containers(entries: list[DraftEntry]) -> None:
    """A column a clause sets up (设置…栏目) above other mandated columns holds its items in them."""
    paths = [normalise_name(e.path) for e in entries]
    for entry in entries:
        if entry.min_items != -1:
            continue
        key = normalise_name(entry.path)
        if any(other.startswith(key + ">") for other in paths):
            entry.min_items = 0
            entry.notes["min_items"] = "set up as a column above the columns other clauses mandate: a container"
        else:
            entry.min_items = None
