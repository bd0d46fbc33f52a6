"""The path_specs package: bundled specs by name, the example overrides and the README's examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.specs import KIND_MAX_AGE_DAYS, load_overrides, load_spec
from auditor.specs.entries import ENTRY_KEYS
from auditor.specs.loader import MANDATE_KEYS
from auditor.specs.overrides import OVERRIDE_KEYS
from path_specs import bundled_spec, bundled_spec_names


def test_bundled_specs_by_name(repo_root):
    assert bundled_spec_names() == ("gov-disclosure-platform", "liangjiang-2021")
    assert bundled_spec("liangjiang-2021") == repo_root / "path_specs" / "liangjiang-2021.yaml"
    with pytest.raises(LookupError, match="liangjiang-2021"):
        bundled_spec("liangjiang-2022")
    with pytest.raises(LookupError):
        bundled_spec("overrides.example")


@pytest.mark.parametrize("name", bundled_spec_names())
def test_every_bundled_spec_loads(name):
    spec = load_spec(bundled_spec(name))
    assert spec.meta.id == name
    assert spec.paths


def test_the_example_overrides_layer_on_a_bundled_spec(repo_root):
    example = repo_root / "path_specs" / "overrides.example.yaml"
    overrides = load_overrides(example)
    assert overrides.allowed_hosts and overrides.aliases and overrides.site
    spec = load_spec(bundled_spec("liangjiang-2021"), overrides=example)
    assert spec.allowed_hosts == overrides.allowed_hosts
    assert "解读回应" in spec.aliases_for("政策解读")


def _readme(repo_root: Path) -> str:
    return (repo_root / "path_specs" / "README.md").read_text(encoding="utf-8")


def _yaml_blocks(readme: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)


def test_the_readme_examples_load(repo_root, tmp_path):
    blocks = _yaml_blocks(_readme(repo_root))
    specs = [b for b in blocks if b.startswith("mandate:")]
    overrides = [b for b in blocks if b.startswith("# overrides")]
    assert len(specs) >= 4 and len(overrides) == 1
    loaded = {}
    for number, block in enumerate(specs):
        path = tmp_path / f"example-{number}.yaml"
        path.write_text(block, encoding="utf-8")
        spec = load_spec(path)
        loaded[spec.meta.id] = spec
    site = tmp_path / "site.yaml"
    site.write_text(overrides[0], encoding="utf-8")
    assert load_overrides(site).aliases

    # what the README says the examples do
    assert [c.id for c in loaded["sibling-demo"].paths] == [f"epidemic-services-{n}" for n in (1, 2, 3)]
    (merged,) = loaded["merge-demo"].paths
    assert (merged.id, merged.clause, merged.rules.media) == ("policy-interpretation", "二（二）5；二（二）6", True)
    assert loaded["alias-demo"].aliases_for("规划信息") == ("规划计划",)


def test_the_readme_documents_every_key_and_kind(repo_root):
    readme = _readme(repo_root)
    for key in (*ENTRY_KEYS, *MANDATE_KEYS, *OVERRIDE_KEYS, *KIND_MAX_AGE_DAYS, "mandate", "entries"):
        assert f"`{key}`" in readme, key
