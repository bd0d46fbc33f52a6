"""What every page reader answers on many pages, as JSON lines: run it in two checkouts and compare.

    PYTHONPATH=/work/main python benchmarks/page_readings.py > /tmp/base.jsonl
    PYTHONPATH=$PWD       python benchmarks/page_readings.py > /tmp/branch.jsonl
    python benchmarks/page_readings.py --compare /tmp/base.jsonl /tmp/branch.jsonl

A change meant to make reading a page cheaper must leave every answer as it was. The pages: the
bundled demo portal's, generated portals (disjoint vocabulary, CMS families, the scripted site), the
test suite's saved pages, and real government pages when ``--realgov DIR`` names a folder of them
(never copied into the repository). Per page: the region, visibility and visible text of every
element, the page's links (and each block's run of them), its text without the chrome, and what
the article, listing, facts, breadcrumb, page-state, error-page and empty-list readers say.
Only public behaviour and functions main already has are called, so any two commits compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2021, 12, 1)
ORIGIN = "http://127.0.0.1:8000"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def corpus(disjoint: int, families: int, realgov: Path | None, every: int = 1) -> Iterator[tuple[str, bytes]]:
    """(URL, bytes) of every HTML page of the corpus, in a fixed order (of the generated portals
    other than the demo, every ``every``-th page)."""
    from portal_lab.disjoint.build import build_disjoint_portal
    from portal_lab.families import build_family_portal
    from portal_lab.scripted.site import build_site
    from sample_portal.generator import build_portal

    portals = [("demo", build_portal())]
    portals += [(f"disjoint-{seed}", build_disjoint_portal(seed).portal) for seed in range(9000, 9000 + disjoint)]
    portals += [(f"family-{seed}", build_family_portal(seed)) for seed in range(families)]
    for name, portal in portals:
        html = [path for path in sorted(portal.files) if portal.files[path].content_type.startswith("text/html")]
        for path in html if name == "demo" else html[::every]:
            yield f"{ORIGIN}{path}#{name}", portal.body_for(portal.files[path], ORIGIN)
    for path, (content_type, body) in sorted(build_site().items()):
        if content_type.startswith("text/html"):
            yield f"{ORIGIN}{path}#scripted", body
    for file in sorted((REPO / "tests").rglob("*.htm*")):
        yield f"http://saved.invalid/{file.name}", file.read_bytes()
    if realgov is not None:
        for file in sorted(realgov.rglob("*")):
            if file.is_file() and file.suffix in (".html", ".htm", ".jsp"):
                yield f"http://real.invalid/{file.parent.name}/{file.name}", file.read_bytes()


def readings(url: str, body: bytes) -> dict[str, object]:
    from auditor.page import article, crumbs, empty_lists, error_pages, facts, listing, page_state, scripted
    from auditor.page.links import page_links
    from auditor.page.tree import TEXT_CHROME, Page

    url = url.split("#", 1)[0]
    out: dict[str, object] = {}

    def fresh() -> Page:
        return Page.parse(body, url)

    def put(name: str, read: Callable[[], object]) -> None:
        try:
            value = read()
        except Exception as error:  # noqa: BLE001 - an exception is an answer too
            value = f"raised {type(error).__name__}: {error}"
        out[name] = _ADDRESS.sub("", repr(value))

    page = fresh()
    elements = [e for e in page.root.iter() if isinstance(e.tag, str)]
    place = {e: i for i, e in enumerate(elements)}
    put("regions", lambda: [page.region(e) for e in elements])
    put("visible", lambda: "".join("1" if page.is_visible(e) else "0" for e in elements))
    put("links", lambda: [(place.get(e), u) for e, u in page.link_elements()])
    put("all_links", lambda: [(place.get(e), u) for e, u in page.link_elements(visible_only=False)])
    put("block_links", lambda: [[place.get(e) for e, _ in page.link_elements(b)] for b in elements
                                if b.tag in ("ul", "ol", "div", "table", "td", "li", "dl", "span")])
    put("texts", lambda: [page.text(e) for e in elements])
    put("text_outside", lambda: page.text_outside(TEXT_CHROME))
    put("text_no_links", lambda: [page.text(e, skip=lambda x: x.tag == "a") for e in elements
                                  if e.tag in ("body", "div", "td", "li")])
    page = fresh()
    put("body", lambda: place_of(fresh(), article._body))
    put("head", lambda: article.read_head(page, AS_OF))
    put("article", lambda: article.read_article(page, AS_OF))
    put("shape", lambda: article.article_shape(page, article.read_head(page, AS_OF), (), AS_OF))
    put("facts", lambda: facts.read_facts(fresh()))
    put("listing", lambda: listing.read_listing(fresh(), AS_OF))
    put("main_own_text", lambda: listing.main_own_text(fresh()))
    put("click_codes", lambda: listing._click_codes(fresh()))
    put("own_main_text", lambda: page_state._own_main_text(fresh()))
    put("state", lambda: page_state.judge_document(fresh(), 200))
    put("state404", lambda: page_state.judge_document(fresh(), 404))
    put("broken", lambda: (error_pages.could_be_broken(fresh()), error_pages.broken_page(fresh())))
    put("crumbs", lambda: crumbs.breadcrumb_names(fresh()))
    put("page_links", lambda: page_links(fresh()))
    put("scripted", lambda: scripted.judge_scripted(fresh()))
    put("empty", lambda: (empty_lists.find_placeholder(fresh()), empty_lists.has_empty_list_container(fresh()),
                          empty_lists.shows_nothing_below_its_name(fresh()), empty_lists.has_list_template(fresh())))
    return out


def place_of(page: object, find: Callable[[object], object]) -> object:
    found = find(page)
    if found is None:
        return None
    return [i for i, e in enumerate(page.root.iter()) if e is found]  # type: ignore[attr-defined]


def compare(base: Path, branch: Path) -> int:
    a = [json.loads(line) for line in base.read_text().splitlines()]
    b = [json.loads(line) for line in branch.read_text().splitlines()]
    common = min(len(a), len(b))  # a run cut short compares the pages both read
    a, b = a[:common], b[:common]
    if [r["url"] for r in a] != [r["url"] for r in b]:
        print("the two runs read different pages")
        return 2
    differing = 0
    for left, right in zip(a, b):
        names = [k for k in left["readings"] if left["readings"][k] != right["readings"].get(k)]
        if names:
            differing += 1
            print(left["url"], ", ".join(names))
    print(f"{len(a)} pages, {differing} read differently")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--disjoint", type=int, default=6, help="disjoint-vocabulary portals (seeds 9000…)")
    parser.add_argument("--families", type=int, default=10, help="CMS-family portals (seeds 0…)")
    parser.add_argument("--every", type=int, default=1, help="every n-th page of the generated portals")
    parser.add_argument("--realgov", type=Path, default=None, help="a folder of real pages")
    parser.add_argument("--full", action="store_true", help="print every reading, not its digest")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BASE", "BRANCH"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    sys.setrecursionlimit(10000)
    for url, body in corpus(args.disjoint, args.families, args.realgov, args.every):
        found = readings(url, body)
        if not args.full:
            found = {k: hashlib.sha1(v.encode("utf-8", "surrogatepass")).hexdigest()[:16] for k, v in found.items()}
        print(json.dumps({"url": url, "readings": found}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
