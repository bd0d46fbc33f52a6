"""The history database: every run of every site and every finding it had, in one SQLite file.

Standard-library ``sqlite3``, one file an operator can copy, back up or open with any SQLite tool.
A finding is recorded under its identity (``auditor.audit.baseline.finding_identities``: kind,
mandated path, URL), so its age and how often it was seen are a query away.

Tables: ``runs`` (one row per crawl of a site, also the ones that failed before any finding, with
the reason), ``findings`` (one row per finding of a run, the finding as findings.json has it).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site TEXT NOT NULL,
    start_url TEXT NOT NULL,
    spec TEXT,
    started_at TEXT,
    finished_at TEXT,
    complete INTEGER NOT NULL,
    -- a baseline for the next run: the crawl completed and the home page answered
    usable INTEGER NOT NULL,
    verdict TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    infos INTEGER NOT NULL DEFAULT 0,
    kinds TEXT NOT NULL DEFAULT '{}',
    new INTEGER,
    resolved INTEGER,
    out_dir TEXT,
    ledger TEXT,
    problem TEXT
);
CREATE INDEX IF NOT EXISTS runs_site ON runs (site, id);
CREATE TABLE IF NOT EXISTS findings (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    identity TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    path TEXT,
    url TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (run_id, identity)
);
CREATE INDEX IF NOT EXISTS findings_identity ON findings (identity);
"""


class HistoryError(Exception):
    """The database cannot be opened or is not a PathAudit history (one line for the user)."""


#: seconds SQLite waits for another writer (two schedules sharing the file) before "locked"
BUSY_SECONDS = 30.0
#: the columns each table must have: a database written by another version (a column renamed or
#: missing) is refused in one line when it opens, not by a traceback halfway through a run
_COLUMNS = {
    "runs": ("id", "site", "start_url", "spec", "started_at", "finished_at", "complete", "usable", "verdict",
             "errors", "warnings", "infos", "kinds", "new", "resolved", "out_dir", "ledger", "problem"),
    "findings": ("run_id", "identity", "kind", "severity", "path", "url", "data"),
}


def _holders(target: Path) -> str:
    """Which processes have ``target`` open (Linux ``/proc``), e.g. ``pid 4242 (pathaudit)``; ""
    when that cannot be known."""
    import os

    found = []
    try:
        wanted = os.path.realpath(target)
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                fds = os.listdir(f"/proc/{pid}/fd")
                if any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == wanted for fd in fds):
                    with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
                        found.append(f"pid {pid} ({comm.read().strip()})")
            except OSError:
                continue
    except OSError:
        return ""
    return ", ".join(found[:3])


def _explain(target: Path, err: BaseException) -> str:
    """One line for a database fault: locked, read-only, damaged, or another version's."""
    text = str(err)
    if isinstance(err, sqlite3.OperationalError) and "locked" in text:
        holders = _holders(target)
        who = f" by {holders}" if holders else " by another process (a PathAudit run or an SQLite tool)"
        return (f"the history database {target} is locked{who}: it stayed locked for {BUSY_SECONDS:g} s; "
                "it is not damaged, try again when that process is done")
    if isinstance(err, sqlite3.OperationalError) and "readonly" in text.replace("-", "").replace(" ", ""):
        return f"the history database {target} cannot be written (read-only file or disk)"
    if isinstance(err, sqlite3.OperationalError) and ("no such column" in text or "has no column" in text):
        return f"the history database {target} has a schema of another PathAudit version ({text})"
    if isinstance(err, sqlite3.Error):
        return f"the history database {target} failed: {text}"
    return f"the history database {target} holds a row this PathAudit cannot read ({type(err).__name__}: {text[:120]})"


@dataclass
class RunRow:
    """One run of a site as the database keeps it."""

    id: int
    site: str
    start_url: str
    spec: str | None
    started_at: str | None
    finished_at: str | None
    complete: bool
    usable: bool
    verdict: str | None
    errors: int
    warnings: int
    infos: int
    kinds: dict[str, int]
    new: int | None
    resolved: int | None
    out_dir: str | None
    ledger: str | None
    problem: str | None

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["total"] = self.total
        return data

    def trend_point(self) -> dict[str, Any]:
        """What the trend chart needs of a run (the ``history.runs`` entries of findings.json)."""
        return {
            "run_id": self.id, "started_at": self.started_at, "finished_at": self.finished_at,
            "complete": self.complete, "verdict": self.verdict, "error": self.errors,
            "warning": self.warnings, "info": self.infos, "total": self.total, "problem": self.problem,
        }


@dataclass
class SeenStats:
    """A finding's past: its first run's finishing time and in how many runs it was seen."""

    first_seen: str
    runs_seen: int


class HistoryDB:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    # --- runs ---------------------------------------------------------------------------------
    def add_run(self, **values: Any) -> int:
        values = dict(values)
        values["kinds"] = json.dumps(values.get("kinds") or {}, ensure_ascii=False, sort_keys=True)
        for flag in ("complete", "usable"):
            values[flag] = int(bool(values.get(flag)))
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.connection.execute(f"INSERT INTO runs ({names}) VALUES ({marks})", tuple(values.values()))
        return int(cursor.lastrowid)

    def update_run(self, run_id: int, **values: Any) -> None:
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.connection.execute(f"UPDATE runs SET {assignments} WHERE id = ?", (*values.values(), run_id))

    def runs(self, site: str, limit: int | None = None) -> list[RunRow]:
        """The site's runs, oldest first (the last ``limit`` when given)."""
        query = "SELECT * FROM runs WHERE site = ? ORDER BY id DESC"
        params: tuple[Any, ...] = (site,)
        if limit is not None:
            query += " LIMIT ?"
            params = (site, limit)
        return [_run(row) for row in reversed(self.connection.execute(query, params).fetchall())]

    def run(self, run_id: int) -> RunRow | None:
        row = self.connection.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def previous_usable_run(self, site: str, before: int | None = None) -> RunRow | None:
        """The site's latest run that can serve as a baseline (complete, home page reached)."""
        query = "SELECT * FROM runs WHERE site = ? AND usable = 1"
        params: list[Any] = [site]
        if before is not None:
            query += " AND id < ?"
            params.append(before)
        row = self.connection.execute(query + " ORDER BY id DESC LIMIT 1", params).fetchone()
        return _run(row) if row else None

    def sites(self) -> list[str]:
        return [r[0] for r in self.connection.execute("SELECT DISTINCT site FROM runs ORDER BY site")]

    # --- findings -----------------------------------------------------------------------------
    def add_findings(self, run_id: int, rows: list[tuple[str, dict[str, Any]]]) -> None:
        self.connection.executemany(
            "INSERT INTO findings (run_id, identity, kind, severity, path, url, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (run_id, identity, data["kind"], data["severity"], ">".join(data.get("path") or []) or None,
                 data.get("url"), json.dumps(data, ensure_ascii=False))
                for identity, data in rows
            ],
        )

    def findings_of(self, run_id: int) -> dict[str, dict[str, Any]]:
        """identity -> the finding as recorded, in the run's order."""
        rows = self.connection.execute(
            "SELECT identity, data FROM findings WHERE run_id = ? ORDER BY rowid", (run_id,)
        ).fetchall()
        return {identity: json.loads(data) for identity, data in rows}

    def seen_stats(self, site: str, before: int) -> dict[str, SeenStats]:
        """identity -> first finishing time and number of runs, over the site's runs before ``before``."""
        rows = self.connection.execute(
            """SELECT f.identity, MIN(r.finished_at), COUNT(*) FROM findings f JOIN runs r ON r.id = f.run_id
               WHERE r.site = ? AND r.id < ? GROUP BY f.identity""",
            (site, before),
        ).fetchall()
        return {identity: SeenStats(first, count) for identity, first, count in rows}


@contextmanager
def open_history(path: str | Path) -> Iterator[HistoryDB]:
    """Open (creating it if needed) the database; one transaction, committed on success.

    ``busy_timeout`` lets two processes that share the file (two schedules) wait for each other
    instead of failing.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(target, timeout=BUSY_SECONDS)
    except (OSError, sqlite3.Error) as err:
        raise HistoryError(f"cannot open the history database {target}: {err}") from None
    connection.row_factory = sqlite3.Row
    try:
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.executescript(_SCHEMA)
            _check_schema(connection, target)
        except sqlite3.OperationalError as err:
            raise HistoryError(_explain(target, err)) from None
        except sqlite3.DatabaseError as err:
            raise HistoryError(f"{target} is not a PathAudit history database: {err}") from None
        try:
            yield HistoryDB(connection, target)
            connection.commit()
        except (sqlite3.Error, KeyError, TypeError, ValueError) as err:
            # a fault of the database after it opened (a read-only disk, a row missing a field): the
            # caller's run goes on without the history, with this one line
            raise HistoryError(_explain(target, err)) from None
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.rollback()
        raise
    finally:
        connection.close()


def _check_schema(connection: sqlite3.Connection, target: Path) -> None:
    """The schema version is this one's and every table has its columns."""
    version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if version is None:
        connection.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    elif str(version[0]).strip() != str(SCHEMA_VERSION):
        newer = str(version[0]).strip().isdigit() and int(version[0]) > SCHEMA_VERSION
        raise HistoryError(f"{target} was written by {'a newer' if newer else 'another'} PathAudit (history schema "
                           f"{str(version[0])[:20]}, this one reads {SCHEMA_VERSION}); keep it, and give this run "
                           "another --history file")
    for table, wanted in _COLUMNS.items():
        have = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        lacking = [name for name in wanted if name not in have]
        if lacking:
            raise HistoryError(f"{target}: table {table} has no column {', '.join(lacking)} (a schema of another "
                               "PathAudit version); keep it, and give this run another --history file")


def _run(row: sqlite3.Row) -> RunRow:
    data = dict(row)
    data["kinds"] = json.loads(data.get("kinds") or "{}")
    data["complete"] = bool(data["complete"])
    data["usable"] = bool(data["usable"])
    return RunRow(**data)
