"""``pathaudit run --scrapyd URL[,URL…]``: the sites of a run as jobs on Scrapyd nodes.

Transport: **a shared folder**. Every node mounts the run's output folder at the same absolute path
(NFS, CIFS; on one machine, the folder itself). Each job is given its own folder there,
``OUT/<site>/<stamp>/`` (``AUDITOR_OUT_DIR`` set for the job, so nothing is shared between jobs):
the job writes findings.json and its evidence archive into it, and the spec it is judged
against is copied into it first (a node has only the bundled specs). This process polls the nodes;
as each job finishes it reads the job's findings from that folder, records the history and writes
the reports, ``latest`` and the index row, exactly as a local run does — one history, one index.

Scheduling: one site at a time per host (as locally), at most ``parallel`` jobs at once; each job
goes to the node with the fewest jobs running and waiting. A node that stops answering is marked
down and its jobs are scheduled again on the others (the same folder, the run's own id, so nothing
of the lost attempt is taken for the new one); with no node left, the sites still waiting fail and
say why.
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections import deque
from pathlib import Path
from typing import Any

from pathaudit.cli.log import say
from pathaudit.scrapyd import Node, NodeDown, ScheduleRefused, setting_text

#: seconds between two looks at the nodes' finished jobs
POLL_SECONDS = 1.0
#: attempts of one site (its node went down under it) before the site fails
ATTEMPTS = 3
#: settings of this process, not of a job (Scrapyd owns the job's logging)
_LOCAL_ONLY = frozenset({"LOG_INSTALL_ROOT_HANDLER", "AUDITOR_PROGRESS", "AUDITOR_PROGRESS_LABEL", "LOG_LEVEL"})


def nodes_from(urls: str, project: str) -> list[Node]:
    """``URL[,URL…]`` -> nodes (each URL once)."""
    seen: list[str] = []
    for url in (u.strip() for u in urls.split(",")):
        if url and url not in seen:
            seen.append(url if "://" in url else f"http://{url}")
    return [Node(url, project) for url in seen]


def crawl_on_scrapyd(runs: list[Any], nodes: list[Node], parallel: int, args: argparse.Namespace,
                     finished: Any) -> bool:
    """Run each prepared site as a Scrapyd job; ``finished(run)`` as each ends. Returns False (a
    stop of this process leaves the jobs running on their nodes; a later run starts afresh)."""
    waiting: dict[str, deque[Any]] = {}
    for run in runs:
        if run.job is None:
            finished(run)
        elif run.job.resume_dir:
            run.problem, run.job = "--resume keeps a crawl on this machine; it cannot go to Scrapyd", None
            finished(run)
        else:
            waiting.setdefault(run.host, deque()).append(run)
    busy_hosts: set[str] = set()
    live: dict[tuple[str, str], tuple[Any, Node]] = {}
    attempts: dict[str, int] = {}

    def requeue(run: Any, why: str) -> None:
        busy_hosts.discard(run.host)
        if attempts.get(run.name, 0) >= ATTEMPTS:
            run.problem = f"{why}; tried {attempts[run.name]} time(s)"
            finished(run)
            return
        waiting.setdefault(run.host, deque()).appendleft(run)

    while True:
        alive = [n for n in nodes if not n.down]
        if not alive:
            for group in waiting.values():
                for run in group:
                    run.problem = "no Scrapyd node answers: " + ", ".join(n.url for n in nodes)
                    finished(run)
            waiting.clear()
        for host in list(waiting):
            if len(live) >= parallel or not alive:
                break
            if host in busy_hosts or not waiting[host]:
                continue
            run = waiting[host].popleft()
            if not waiting[host]:
                del waiting[host]
            node = _least_busy(alive)
            if node is None:
                waiting.setdefault(host, deque()).appendleft(run)
                alive = []
                break
            busy_hosts.add(host)
            attempts[run.name] = attempts.get(run.name, 0) + 1
            try:
                job_id = node.schedule(*_job_request(run))
            except NodeDown as err:
                node.down = True
                say(f"{node.url} is down: {err}")
                attempts[run.name] -= 1
                requeue(run, str(err))
                continue
            except (ScheduleRefused, OSError) as err:
                busy_hosts.discard(host)
                run.problem = f"Scrapyd would not take the job: {err}"
                finished(run)
                continue
            live[(node.url, job_id)] = (run, node)
            node.jobs[job_id] = run.name
            say(f"{run.name}: job {job_id} on {node.url}")
        if not live and not waiting:
            return False
        time.sleep(POLL_SECONDS)
        for node in {n.url: n for _, n in live.values()}.values():
            try:
                done = node.finished()
            except NodeDown as err:
                node.down = True
                say(f"{node.url} is down; its jobs go to the other nodes ({err})")
                for key in [k for k in live if k[0] == node.url]:
                    run, _ = live.pop(key)
                    requeue(run, f"its Scrapyd node {node.url} went down")
                continue
            for job_id in [j for j in node.jobs if j in done]:
                run, _ = live.pop((node.url, job_id))
                node.jobs.pop(job_id)
                busy_hosts.discard(run.host)
                _take(run, node.log_url(job_id))
                finished(run)


def _least_busy(nodes: list[Node]) -> Node | None:
    loads: list[tuple[int, int, int, Node]] = []
    for order, node in enumerate(nodes):
        try:
            loads.append((node.load(), len(node.jobs), order, node))
        except NodeDown as err:
            node.down = True
            say(f"{node.url} is down: {err}")
    return min(loads, key=lambda entry: entry[:3])[3] if loads else None


def _job_request(run: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The job's spider arguments and settings; the spec (and overrides) copied into its folder."""
    job = run.job
    folder = Path(job.out_dir).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    spec = folder / "spec.yaml"
    shutil.copyfile(job.spec_path, spec)
    arguments = {"start_url": job.url, "spec": str(spec)}
    if job.overrides:
        overrides = folder / "overrides.yaml"
        shutil.copyfile(job.overrides, overrides)
        arguments["overrides"] = str(overrides)
    settings = {name: setting_text(value) for name, value in job.settings.items() if name not in _LOCAL_ONLY}
    settings["AUDITOR_OUT_DIR"] = str(folder)
    return arguments, settings


def _take(run: Any, log_url: str) -> None:
    """The job ended: its findings, history and reports, as a local worker leaves them."""
    from pathaudit.cli.crawl_cmd import finish_crawl
    from pathaudit.cli.run_cmd import WorkerResult, now_stamp
    from pathaudit.cli.run_worker import result_of

    try:
        outcome = finish_crawl(run.job)
        run.result = result_of(run.name, run.job, outcome)
    except Exception as err:  # one site's broken output never loses the others'
        run.result = WorkerResult(2, f"its findings could not be processed: {err}", False,
                                  f"  {run.name}: FAILED — {err}", now_stamp(), 0)
    if run.result.problem and not run.result.audited:
        run.result.problem += f" (the job's log: {log_url})"
    run.problem = run.result.problem
    run.finished_at = run.result.finished_at
