"""The grown mandate of the memory benchmark (benchmarks/mandate_growth.py) is what it says: at least
the paths asked for, valid, every copy a column of its own that the portal drawn for it links by
its name (a copy named like a count badge, 政策解读(2), was once stripped to its original by the walk
and never looked for)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from mandate_growth import grown_spec  # noqa: E402

from sample_portal.generator import build_portal, load_default_spec  # noqa: E402


def test_a_mandate_grown_to_73_paths_has_them_and_its_portal_links_every_copy():
    text, spec = grown_spec(73)
    assert 73 <= len(spec.paths) <= 75 and "mandate:" in text
    copies = [path for path in spec.paths if path.segments[-1].endswith("编")]
    assert len(copies) == len(spec.paths) - len(load_default_spec().paths)
    pages = b"".join(r.body for k, r in build_portal(spec).files.items() if r.content_type.startswith("text/html"))
    unlinked = [p.segments[-1] for p in copies if f">{p.segments[-1]}</a>".encode() not in pages]
    assert unlinked == []
