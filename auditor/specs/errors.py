"""The one error a spec file can raise: where (file, line) and what, in words a spec author understands."""

from __future__ import annotations

from collections.abc import Sequence


class SpecError(Exception):
    """A spec or overrides file that cannot be used.

    ``problems`` holds every problem found in the file (this one first), so an editor or
    ``pathaudit spec check`` can show them all at once instead of one per run.
    """

    def __init__(self, file: str, line: int | None, message: str, problems: Sequence[SpecError] = ()) -> None:
        self.file = str(file)
        #: 1-based, or None when the problem is the file as a whole (missing, empty, not UTF-8)
        self.line = line
        self.message = message
        self.problems: tuple[SpecError, ...] = tuple(problems) or (self,)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


def raise_all(problems: Sequence[SpecError]) -> None:
    """Raise the first problem carrying all of them, if there are any."""
    if problems:
        first = problems[0]
        raise SpecError(first.file, first.line, first.message, problems)
