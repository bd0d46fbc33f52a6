"""A client of Scrapyd's JSON API, for ``pathaudit run --scrapyd URL[,URL…]``.

Only what a run needs: a node's load (``daemonstatus.json``), scheduling a ``pathwalk`` job with
its spider arguments and settings (``schedule.json``), the node's finished jobs
(``listjobs.json``). Standard library only: the controller of a fleet needs no Scrapy.

A node that does not answer is *down* (``NodeDown``): its jobs are then scheduled on another node.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: seconds a node may take to answer one API call
API_TIMEOUT = 15
SPIDER = "pathwalk"


class NodeDown(Exception):
    """The node did not answer (refused, timed out, not Scrapyd)."""


class ScheduleRefused(Exception):
    """The node answered but would not schedule the job (project not deployed…): the message says why."""


@dataclass
class Node:
    """One Scrapyd daemon."""

    url: str
    project: str = "pathaudit"
    down: bool = False
    #: our jobs running there: job id -> the caller's key
    jobs: dict[str, Any] = field(default_factory=dict)

    def _call(self, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
        body = urllib.parse.urlencode(data).encode("utf-8") if data is not None else None
        try:
            with urllib.request.urlopen(self.url.rstrip("/") + "/" + endpoint, data=body,
                                        timeout=API_TIMEOUT) as answer:
                reply = json.loads(answer.read().decode("utf-8"))
        except (OSError, ValueError, urllib.error.URLError) as err:
            raise NodeDown(f"Scrapyd at {self.url} does not answer ({err})") from None
        if not isinstance(reply, dict):
            raise NodeDown(f"{self.url} is not a Scrapyd (its answer is not a JSON object)")
        return reply

    def load(self) -> int:
        """Jobs running and waiting on the node (every project's): the least busy gets the next."""
        status = self._call("daemonstatus.json")
        return int(status.get("running", 0)) + int(status.get("pending", 0))

    def schedule(self, arguments: Mapping[str, str], settings: Mapping[str, str]) -> str:
        """Schedule one ``pathwalk`` job; its id."""
        data = [("project", self.project), ("spider", SPIDER), *arguments.items()]
        data += [("setting", f"{name}={value}") for name, value in settings.items()]
        reply = self._call("schedule.json", data)
        if reply.get("status") != "ok" or not reply.get("jobid"):
            raise ScheduleRefused(f"{self.url}: {reply.get('message') or reply}")
        return str(reply["jobid"])

    def finished(self) -> dict[str, dict[str, Any]]:
        """This project's finished jobs on the node, by id."""
        reply = self._call("listjobs.json?" + urllib.parse.urlencode({"project": self.project}))
        return {str(j.get("id")): j for j in reply.get("finished") or [] if isinstance(j, dict)}

    def log_url(self, job: str) -> str:
        return f"{self.url.rstrip('/')}/logs/{self.project}/{SPIDER}/{job}.log"


def setting_text(value: Any) -> str:
    """A setting's value as Scrapy reads it back from ``-s``/``setting=`` text."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
