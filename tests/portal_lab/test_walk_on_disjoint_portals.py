"""The walk on disjoint portals (markup words the reader was never told, every path's truth
planted): every path right, no false error. Seeds the walk does not yet get wholly right are
``xfail(strict=True)``, naming what is still wrong; ``benchmarks/score_disjoint.py`` measures many
more seeds. Replay one: ``build_disjoint_portal(seed)`` and ``score_paths(...).describe()``.
"""

from __future__ import annotations

import pytest

from portal_lab.disjoint import build_disjoint_portal
from portal_lab.disjoint.scoring import score_paths
from portal_lab.disjoint.walking import walk_lab_portal

#: seed -> what the walk still gets wrong there (as on the census branch when written)
KNOWN_WRONG: dict[int, str] = {
}
SEEDS = (20, 21, 22, 23)


def _param(seed: int):
    reason = KNOWN_WRONG.get(seed)
    marks = [pytest.mark.xfail(strict=True, reason=f"issue 17: {reason}")] if reason else []
    return pytest.param(seed, id=f"disjoint-{seed}", marks=marks)


@pytest.mark.parametrize("seed", [_param(s) for s in SEEDS])
def test_the_walk_is_right_on_a_disjoint_portal(seed: int):
    lab = build_disjoint_portal(seed)
    result = score_paths(lab.manifest, walk_lab_portal(lab))
    assert result.perfect, "\n" + result.describe()
