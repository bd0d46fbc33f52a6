"""Site overrides: what one portal adds to any spec audited against it.

A mandate is written once for many portals; a portal may name a column differently (解读回应 for
政策解读) or serve files from other hosts (a CDN, a video platform). Such facts belong to the
portal, not the mandate, so they live in a separate file layered on whichever spec is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import Node

from auditor.specs.aliases import AliasTable, add_aliases, merged_aliases
from auditor.specs.entries import read_alias_names
from auditor.specs.model import Spec
from auditor.specs.yaml_nodes import NodeReader, compose_file, refuse_foreign_root

OVERRIDE_KEYS = ("site", "aliases", "allowed_hosts")
#: a host name (Chinese labels too) or a bracketed IPv6 address, optionally with a port (another port of
#: a host is another site): www.example.gov.cn, 127.0.0.1:8080, [::1]:8443
_HOST = re.compile(r"^(?:(?:[^\W_](?:[\w-]*[^\W_])?\.)*[^\W_](?:[\w-]*[^\W_])?|\[[0-9a-f:.]+\])(?::(?P<port>\d{1,5}))?$")


@dataclass(frozen=True)
class SiteOverrides:
    """One portal's additions to a spec."""

    #: who the file is for (free text: the portal's name or address), for people reading it
    site: str = ""
    aliases: AliasTable = field(default_factory=dict)
    allowed_hosts: tuple[str, ...] = ()
    source_file: str = ""


def load_overrides(path: str | Path) -> SiteOverrides:
    """Read and validate a site-overrides file; raise :class:`SpecError` naming its line."""
    file = str(path)
    reader = NodeReader(file)
    root = compose_file(path)
    if root is None:  # only comments: nothing to add
        return SiteOverrides(source_file=file)
    refuse_foreign_root(root, file, OVERRIDE_KEYS, "a site-overrides file")
    fields = reader.fields(root, "the overrides file", OVERRIDE_KEYS)
    site = reader.text(fields["site"][1], '"site"', required=False) if "site" in fields else ""
    aliases: AliasTable = {}
    if "aliases" in fields:
        for name, (_, value_node) in reader.fields(fields["aliases"][1], '"aliases"', allowed=None).items():
            add_aliases(aliases, name, read_alias_names(reader, value_node, f'the aliases of "{name}"'))
    hosts = _read_hosts(reader, fields["allowed_hosts"][1]) if "allowed_hosts" in fields else ()
    return SiteOverrides(site=site, aliases=aliases, allowed_hosts=hosts, source_file=file)


def layer_overrides(spec: Spec, overrides: SiteOverrides) -> Spec:
    """The spec with the portal's aliases and hosts added (the spec's own come first)."""
    hosts = tuple(dict.fromkeys((*spec.allowed_hosts, *overrides.allowed_hosts)))
    return replace(spec, aliases=merged_aliases(spec.aliases, overrides.aliases), allowed_hosts=hosts)


def _read_hosts(reader: NodeReader, node: Node) -> tuple[str, ...]:
    names = reader.text_list(node, '"allowed_hosts"', example="[www.example.gov.cn, static.example.cn]")
    hosts: list[str] = []
    for item, name in zip(node.value, names, strict=True):
        host = name.lower().rstrip(".")
        found = _HOST.match(host)
        if found and found.group("port") and not 0 < int(found.group("port")) < 65536:
            raise reader.error(item, f'"{name}" in "allowed_hosts" names port {found.group("port")}, which cannot be')
        if not found:
            raise reader.error(
                item,
                f'"{name}" in "allowed_hosts" is not a host name: write it like www.example.gov.cn '
                '(no "http://", no path)',
            )
        if host not in hosts:
            hosts.append(host)
    return tuple(hosts)
