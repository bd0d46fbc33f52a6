"""``pathaudit crawl --local-dir BUILD``: serve a site build on 127.0.0.1 for the crawl.

CI checks a build before release without a web server to set up: the build folder is served by the
same loopback server as the sample portal (Range, HEAD, 404 page, directory index), reading each file
from disk when it is asked for, so a large build is never held in memory.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from pathaudit.loopback.model import Portal, Resource

#: HTML without a charset: the page's own <meta charset> decides (build folders may be GBK)
_HTML = "text/html"


class DirectoryFiles(Mapping[str, Resource]):
    """URL path → file under ``root``, read on access; nothing outside ``root`` is ever served."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _file(self, key: str) -> Path | None:
        parts = PurePosixPath(key).parts
        if ".." in parts:
            return None
        candidate = (self.root / key.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._file(key) is not None

    def __getitem__(self, key: str) -> Resource:
        path = self._file(key)
        if path is None:
            raise KeyError(key)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            kind = _HTML
        return Resource(path.read_bytes(), kind, 200)

    def __iter__(self) -> Iterator[str]:
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                yield "/" + path.relative_to(self.root).as_posix()

    def __len__(self) -> int:
        return sum(1 for _ in self)


def directory_portal(root: str | Path) -> Portal:
    folder = Path(root)
    if not folder.is_dir():
        raise ValueError(f"--local-dir: not a folder: {root}")
    if not (folder / "index.html").is_file():
        raise ValueError(f"--local-dir: {root} has no index.html (the home page)")
    return Portal(files=DirectoryFiles(folder), behaviours=[], manifest={}, as_of=dt.date.today())  # type: ignore[arg-type]
