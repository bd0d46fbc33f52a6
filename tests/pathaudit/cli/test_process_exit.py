"""``pathaudit`` as a process ends without the interpreter's teardown (``pathaudit.cli.run``), and
loses nothing by it: the exit code is the command's, exit handlers run, buffered output is written,
and a thread that is no daemon finishes its work first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[3]

#: ``pathaudit spec check`` of a spec that does not exist (exit 2), with an exit handler, buffered
#: output without a newline and a thread that writes a file once the command has returned
PROCESS = r"""
import atexit, sys, threading
from pathlib import Path

out = Path(sys.argv[1])
atexit.register(lambda: (out / "atexit").write_text("ran"))
sys.stdout.write("buffered, no newline")
returned = threading.Event()

def later():
    returned.wait()
    (out / "thread").write_text("x" * 1_000_000)

threading.Thread(target=later).start()
import pathaudit.cli as cli
main = cli.main
cli.main = lambda: (main(["spec", "check", str(out / "missing.yaml")]), returned.set())[0]
cli.run()
"""


def test_the_process_ends_with_the_commands_code_and_loses_nothing(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", PROCESS, str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                          timeout=HANG_GUARD)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert proc.stdout == "buffered, no newline"
    assert (tmp_path / "atexit").read_text() == "ran"
    assert (tmp_path / "thread").stat().st_size == 1_000_000


def test_a_profiled_process_ends_as_usual_so_the_profiler_writes_its_data(tmp_path: Path) -> None:
    """``python -m cProfile -o FILE -m pathaudit …`` writes its statistics after the command returns
    (cProfile's runner swallows the command's ``SystemExit``: its own exit code is 0)."""
    stats = tmp_path / "stats.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "pathaudit", "spec", "check",
                           str(tmp_path / "missing.yaml")], cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD)
    assert "missing.yaml: no such file" in proc.stderr
    assert stats.exists() and stats.stat().st_size > 0, proc.stderr[-2000:]
