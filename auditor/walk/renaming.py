"""Is a column the site names otherwise the mandated one? Cues weighed into a score, with "unsure".

A person who does not find 意见征集 under 互动交流 looks at what is there: a column whose name is
another form of it (``auditor.walk.matching.similarity``: a prefix, an abbreviation, a word dropped,
inserted or moved), or one whose name is only akin to it (the same first word, a word of the one
synonym table), and opens it: when its items' headlines speak of the mandated topic, that is the
column. Three cues, weighed together, never a first match:

* the **name**: a form of the mandated name (strong), a kinship (weak), nothing (none);
* the **place**: its page's breadcrumb puts it under the mandated parent;
* the **headlines**: the share of its items' headlines that say a word of the mandated topic.

The score decides: at or above ``ACCEPT`` the column is taken (renamed, with both names, the score
and the headlines as evidence); in the band from ``UNSURE`` it is not taken and the column is
``unverified`` (not a guess either way); below, the column is not there. A kinship alone, away from
the mandated place, is never enough: away from it, only a form of the name is taken, anything
else is at most unsure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from auditor.model.observations import RenameEvidence
from auditor.page.links import clean_link_name
from auditor.specs.names import normalise_name
from auditor.walk.matching import GENERIC_WORDS, VAGUE_TAILS, char_ratio, similarity, simplified, topic

#: the score from which a column under another name is taken, and the band below it that is unsure
ACCEPT = 0.6
UNSURE = 0.4

#: what each name cue is worth before the place and the headlines are weighed in
_STRONG_NAME = 0.8
_KIN_TOPIC = 0.45  # the mandated topic kept whole, another tail (人事信息 → 人事任免)
_KIN_SYNONYM = 0.45  # one word of the synonym table for another (工作动态 → 政务动态)
#: the same kind of column (政策文件 and 规范性文件 are both 文件): at the mandated place that is enough
#: to be unsure, never to be taken without headlines on the topic, and nothing away from the place
_KIN_TAIL = UNSURE - 0.15
_KIN_WORD = 0.15  # one two-character word shared (财政预决算 → 财政资金, 政策解读 → 解读回应): headlines must add to it
_PLACE = 0.15
#: how much of what is left the headlines can add (all of them on the topic: 90 %)
_HEADLINE_WEIGHT = 0.9
#: headlines needed before their share says anything
_MIN_HEADLINES = 3

#: words column names use for one another: the one synonym table, kept small on purpose (a column's
#: headlines confirm the rest: 民意征集's all say 意见, 财政资金's say 预算 and 决算)
SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"通知", "公告", "公示"}),
    frozenset({"工作", "政务"}),
)


@dataclass(frozen=True)
class NameCue:
    """How a site's name relates to the mandated one: the form and what it is worth."""

    form: str | None
    weight: float


@lru_cache(maxsize=65536)
def name_cue(mandated: str, candidate: str) -> NameCue:
    """The name cue of ``candidate`` for ``mandated``: a form of the name (``similarity``), a
    kinship (the mandated topic kept with another tail, a synonym, a shared first or last word), or
    none."""
    a, b = _form(mandated), _form(candidate)
    if not a or not b:
        return NameCue(None, 0.0)
    if a == b:
        return NameCue("exact", 1.0)
    if similarity(a, b) > 0:
        return NameCue(_strong_form(a, b), _STRONG_NAME)
    core = topic(a)
    if core != a and len(core) >= 2 and b.startswith(core) and len(b) - len(core) >= 2:
        return NameCue("shared_first_word", _KIN_TOPIC)
    if any(similarity(a, other) > 0 or other == a for other in _synonym_forms(b)):
        return NameCue("synonym", _KIN_SYNONYM)  # 公告公示 for 通知公告
    if len(a) >= 4 and len(b) >= 4 and (_words(a) & _words(b)) - GENERIC_WORDS:
        return NameCue("shared_word", _KIN_WORD + 0.1 * char_ratio(a, b))
    tail = a[len(topic(a)):]
    if len(a) >= 4 and len(b) >= 4 and tail and tail == b[len(topic(b)):] and tail not in VAGUE_TAILS:
        return NameCue("shared_tail", _KIN_TAIL)  # a tail that says what the column holds (文件), not 信息
    return NameCue(None, 0.0)


def _words(name: str) -> set[str]:
    """The two-character words a name may be made of (every pair of neighbouring characters)."""
    return {name[i : i + 2] for i in range(len(name) - 1)}


def _form(name: str) -> str:
    return simplified(clean_link_name(normalise_name(name)))


def _strong_form(a: str, b: str) -> str:
    """A word for the strong form, for the evidence (not a decision: ``similarity`` decided)."""
    if b.endswith(a) or a.endswith(b):
        return "prefix"
    if b.startswith(a) or a.startswith(b):
        return "suffix"
    if len(a) == len(b):
        return "reordering"
    return "abbreviation" if len(b) < len(a) else "longer_form"


def _synonym_forms(name: str) -> Iterable[str]:
    """``name`` with one word of the synonym table put for another."""
    for group in SYNONYMS:
        for word in group:
            if word in name:
                for other in group - {word}:
                    yield name.replace(word, other, 1)


def topic_words(mandated: str) -> frozenset[str]:
    """The words a headline about ``mandated`` says: the two-character words of its topic (its
    name without the generic tail), in order or with one character between (预决算 says 预算 and
    决算), and their synonyms; generic words (信息, 工作: ``GENERIC_WORDS``) say nothing."""
    core = _form(mandated)
    core = topic(core) if len(topic(core)) >= 2 else core
    words = {core[i : i + 2] for i in range(len(core) - 1)} | {core[i] + core[i + 2] for i in range(len(core) - 2)}
    for group in SYNONYMS:
        if words & group:
            words |= group
    return frozenset(w for w in words if w not in GENERIC_WORDS)


def speaking_headlines(mandated: str, headlines: Sequence[str], shown: str = "") -> tuple[float | None, tuple[str, ...]]:
    """The share of ``headlines`` that say a word of the mandated topic, and those headlines; the
    share is None when there are too few headlines to tell. Words the site's name ``shown`` says
    itself are left out: headlines that repeat the name the column already shares with the mandated
    one confirm nothing (专项规划 and 第一类规划 share 规划, and so do their headlines)."""
    raw = [t for t in headlines if t and t.strip()][:30]
    titles = [simplified(normalise_name(t)) for t in raw]
    if len(titles) < _MIN_HEADLINES:
        return None, ()
    own = _form(shown)
    words = {w for w in topic_words(mandated) if w not in own}
    speaking = [text for text, title in zip(raw, titles) if any(w in title for w in words)]
    return len(speaking) / len(titles), tuple(speaking[:5])


def weigh(cue: NameCue, at_place: bool, share: float | None, headlines: tuple[str, ...] = ()) -> RenameEvidence:
    """Every cue weighed into one score (``ACCEPT``, ``UNSURE``): the name's weight, the place's,
    then the headlines' share of what is left."""
    score = cue.weight + (_PLACE if at_place else 0.0)
    if share is not None:
        score += (1 - min(score, 1.0)) * _HEADLINE_WEIGHT * share
    if not at_place and cue.weight < ACCEPT:
        # away from the mandated place only a form of the name itself is taken: a kinship or
        # headlines there are at most unsure (another section's column on the same topic)
        score = min(score, ACCEPT - 0.01)
    return RenameEvidence(cue.form, round(min(score, 1.0), 3), headlines if share else (), at_place,
                          by_name=cue.weight >= ACCEPT)


def verdict(evidence: RenameEvidence) -> str:
    """``taken``, ``unsure`` or ``no`` for a weighed candidate."""
    if evidence.score >= ACCEPT:
        return "taken"
    return "unsure" if evidence.score >= UNSURE else "no"
