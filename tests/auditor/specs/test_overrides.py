"""Site overrides: a portal's aliases and hosts layered on any spec."""

from __future__ import annotations

import pytest

from auditor.specs import SpecError, layer_overrides, load_overrides, load_spec

SPEC_ENTRIES = """\
  - path: 政府网站>政务公开>政策解读
    aliases:
      政策解读: [解读回应]
  - path: 政府网站>政务公开>规划信息
"""


def test_overrides_add_aliases_and_hosts_after_the_spec_own(write_entries, write_spec):
    spec_file = write_entries(SPEC_ENTRIES)
    overrides_file = write_spec(
        """\
        site: 示例区政府网站
        aliases:
          政策解读: [图解政策, 解读回应]
          规划 信息: [规划计划]
          互动交流: [政民互动]
        allowed_hosts:
          - WWW.Example.gov.cn
          - files.example.gov.cn
          - 127.0.0.1:8080
          - www.example.gov.cn
        """,
        "site.yaml",
    )
    plain = load_spec(spec_file)
    layered = load_spec(spec_file, overrides=overrides_file)

    assert plain.aliases_for("政策解读") == ("解读回应",)
    assert plain.allowed_hosts == ()
    assert layered.aliases_for("政策解读") == ("解读回应", "图解政策")
    assert layered.aliases_for("规划信息") == ("规划计划",)
    assert layered.aliases_for("互动交流") == ("政民互动",)
    assert layered.allowed_hosts == ("www.example.gov.cn", "files.example.gov.cn", "127.0.0.1:8080")
    # the columns themselves are untouched
    assert layered.paths == plain.paths
    assert layered.meta == plain.meta


def test_layering_is_the_same_as_loading_with_overrides(write_entries, write_spec):
    spec_file = write_entries(SPEC_ENTRIES)
    overrides_file = write_spec("aliases:\n  规划信息: [规划计划]\n", "site.yaml")
    overrides = load_overrides(overrides_file)
    assert overrides.source_file == str(overrides_file)
    assert layer_overrides(load_spec(spec_file), overrides) == load_spec(spec_file, overrides=overrides_file)


@pytest.mark.parametrize("text", ["{}\n", "# nothing for this portal yet\n", ""])
def test_an_empty_overrides_file_changes_nothing(write_entries, write_spec, text):
    spec_file = write_entries(SPEC_ENTRIES)
    assert load_spec(spec_file, overrides=write_spec(text, "site.yaml")) == load_spec(spec_file)


OVERRIDE_REFUSALS = {
    "unknown key": ("allowed_host: [a.gov.cn]\n", "allowed_host:", 'unknown key "allowed_host" in the overrides file (did you mean "allowed_hosts"?)'),
    "a URL for a host": ("allowed_hosts:\n  - https://www.example.gov.cn/\n", "https://", 'is not a host name'),
    "a host with a path": ("allowed_hosts:\n  - www.example.gov.cn/files\n", "/files", "is not a host name"),
    "hosts as text": ("allowed_hosts: www.example.gov.cn\n", "allowed_hosts:", "must be a list"),
    "a port that cannot be": ("allowed_hosts:\n  - static.example.cn:99999\n", "99999", "names port 99999, which cannot be"),
    "aliases as a list": ("aliases: [规划计划]\n", "aliases:", '"aliases" must be a mapping'),
    "alias values as text": ("aliases:\n  规划信息: 规划计划\n", "规划信息:", "must be a list"),
    "not a mapping": ("- a\n", "- a", "the overrides file must be a mapping"),
    "bad YAML": ("aliases:\n  a: [b\n", "a: [b", "YAML syntax error"),
}


@pytest.mark.parametrize(("text", "snippet", "words"), OVERRIDE_REFUSALS.values(), ids=OVERRIDE_REFUSALS.keys())
def test_a_broken_overrides_file_is_refused_with_its_line(write_entries, write_spec, line_of, text, snippet, words):
    spec_file = write_entries(SPEC_ENTRIES)
    overrides_file = write_spec(text, "site.yaml")
    with pytest.raises(SpecError) as caught:
        load_spec(spec_file, overrides=overrides_file)
    error = caught.value
    assert words in error.message
    assert error.file == str(overrides_file)
    assert error.line == line_of(overrides_file, snippet)


def test_allowed_hosts_may_name_a_port_or_an_ipv6_address(write_entries, write_spec):
    text = "allowed_hosts:\n  - static.example.cn:8080\n  - '[::1]:8443'\n"
    spec = load_spec(write_entries(SPEC_ENTRIES), overrides=write_spec(text, "site.yaml"))
    assert spec.allowed_hosts == ("static.example.cn:8080", "[::1]:8443")
