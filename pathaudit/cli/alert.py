"""The alert hook of ``pathaudit run``: tell the team when a night brought new errors or a site down.

A team does not read every night's index; it wants a message in its group chat when something
changed for the worse. So after a run with a site that could not be audited, or with errors new
since a site's previous run, the run's JSON summary is handed to ``alert_command`` (on its stdin,
through the shell) and/or POSTed to ``alert_webhook``. The POST carries the summary and a
``msgtype: text`` message (``text.content``), the shape 企业微信 and 钉钉 group robots read, so a
robot's URL works as it is; any other receiver reads the summary's keys. An alert that cannot be
delivered is one log line: it never changes the run's exit code.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from typing import Any

from pathaudit.cli.log import say
from reports import clock

#: seconds a hook may take: a hung receiver must not hold the night's run
HOOK_TIMEOUT = 30


def alerts(sites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Why to alert, one entry per site: ``down`` (not audited) or ``new_errors``."""
    found = []
    for site in sites:
        if site.get("problem"):
            found.append({"site": site["name"], "why": "down", "problem": site["problem"]})
        elif site.get("new_errors"):
            found.append({"site": site["name"], "why": "new_errors", "count": site["new_errors"]})
    return found


def text(summary: dict[str, Any]) -> str:
    """The chat message: one line per alert, then where the index is."""
    lines = [f"PathAudit {clock.format_local(summary['at'])}: {len(summary['alerts'])} site(s) need attention"]
    for alert in summary["alerts"]:
        if alert["why"] == "down":
            lines.append(f"- {alert['site']}: 无法核查 — {alert['problem']}")
        else:
            lines.append(f"- {alert['site']}: 新增错误 {alert['count']} 项")
    lines.append(f"index: {summary['index']}")
    return "\n".join(lines)


def send(summary: dict[str, Any], command: str | None, webhook: str | None) -> None:
    """Deliver ``summary`` (it has ``alerts``) to the command and/or the webhook."""
    data = json.dumps(summary, ensure_ascii=False).encode("utf-8")
    if command:
        try:
            done = subprocess.run(command, shell=True, input=data, timeout=HOOK_TIMEOUT, check=False)
            if done.returncode:
                say(f"the alert command exited {done.returncode}")
        except (OSError, subprocess.TimeoutExpired) as err:
            say(f"the alert command failed: {err}")
    if webhook:
        body = json.dumps({**summary, "msgtype": "text", "text": {"content": text(summary)}},
                          ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(webhook, data=body, method="POST",
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=HOOK_TIMEOUT) as answer:  # noqa: S310 (the team's URL)
                answer.read()
        except OSError as err:
            say(f"the alert webhook could not be reached: {err}")
