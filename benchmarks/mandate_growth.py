"""A mandate N paths long, for measuring how a crawl grows with the mandate (memory, requests, CPU).

The bundled mandate (path_specs/liangjiang-2021.yaml) has 29 paths. ``grown_spec(paths)`` copies its
entries, each copy's last segment renamed (``国土空间规划`` → ``国土空间规划二编``, every alternative of a
``预算/决算`` segment alike), until the spec has at least ``paths`` mandated paths: 73 is 2.5×, 146 is
5×. ``benchmarks/run.py --mandate-paths N`` builds the sample portal for that spec (every copied
column drawn like its original, the planted defects of the originals unchanged) and crawls it with it.

    python benchmarks/mandate_growth.py 146 > /tmp/spec-146.yaml      # the spec alone
"""

from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from auditor.specs import load_spec  # noqa: E402
from auditor.specs.model import Spec  # noqa: E402

BUNDLED = REPO / "path_specs" / "liangjiang-2021.yaml"


#: copy numbers as written in names (a copy is 国土空间规划二编, 国土空间规划三编 …)
_NUMERALS = dict(enumerate("〇一二三四五六七八九十", start=0)) | {n: f"十{'一二三四五六七八九'[n - 11]}" for n in range(11, 20)}


def _renamed(path: str, copy_number: int) -> str:
    *parents, leaf = path.split(">")
    # a number in brackets would read as a count badge (政策解读(12)), which the walk strips
    leaf = "/".join(f"{name}{_NUMERALS[copy_number]}编" for name in leaf.split("/"))
    return ">".join([*parents, leaf])


def _load(document: dict[str, Any]) -> Spec:
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8", delete=False) as file:
        yaml.safe_dump(document, file, allow_unicode=True, sort_keys=False)
    try:
        return load_spec(Path(file.name))
    finally:
        Path(file.name).unlink()


def grown_spec(paths: int) -> tuple[str, Spec]:
    """The YAML text and the spec of the bundled mandate grown to at least ``paths`` paths."""
    document = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    # an entry whose column is the parent of another's is not copied: its copy, a sibling named
    # like it, would be taken for it on the demo portal, where the original is planted renamed
    parents = {">".join(e["path"].split(">")[:i]) for e in document["entries"] for i in range(1, e["path"].count(">") + 1)}
    # nor a contact page (contact_phone): the sample portal draws one contact page, not a column
    originals = [entry for entry in document["entries"]
                 if entry["path"] not in parents and not entry.get("contact_phone")]
    spec = _load(document)
    copy_number = 1
    while len(spec.paths) < paths:
        copy_number += 1
        for entry in originals:
            if len(spec.paths) >= paths:
                break
            grown = copy.deepcopy(entry)
            grown["id"] = f"{entry['id']}-{copy_number}"
            grown["path"] = _renamed(entry["path"], copy_number)
            grown.pop("children", None)  # a copy is one column; its original keeps the sub-columns
            above = {name for segment in entry["path"].split(">")[:-1] for name in segment.split("/")}
            aliases = {name: also for name, also in (grown.get("aliases") or {}).items() if name in above}
            grown.pop("aliases", None)
            if aliases:  # the parents' aliases stay; the renamed leaf and dropped sub-columns have none
                grown["aliases"] = aliases
            document["entries"].append(grown)
            spec = _load(document)
    document["mandate"] = {**document["mandate"], "id": f"{document['mandate']['id']}-x{len(spec.paths)}"}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False), spec


if __name__ == "__main__":
    text, grown = grown_spec(int(sys.argv[1]) if len(sys.argv) > 1 else 73)
    print(text)
    print(f"# {len(grown.paths)} mandated paths", file=sys.stderr)
