"""The walk plan: mandated paths folded into a tree, so shared prefixes are walked once."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.specs import MandatedPath, Spec, normalise_name


@dataclass
class PlanNode:
    """A column the walk must find: mandated itself, a step towards one, or a required sub-column."""

    name: str
    segments: tuple[str, ...]
    parent: PlanNode | None = None
    children: dict[str, PlanNode] = field(default_factory=dict)
    #: mandated paths that end at this node
    paths: list[MandatedPath] = field(default_factory=list)
    #: a sub-column a rule requires (``children:``), not a mandated path of its own
    required_by_rule: bool = False

    @property
    def mandated(self) -> bool:
        return bool(self.paths)

    def child(self, name: str) -> PlanNode:
        key = normalise_name(name)
        node = self.children.get(key)
        if node is None:
            node = PlanNode(name=name, segments=self.segments + (name,), parent=self)
            self.children[key] = node
        return node

    def descendants(self) -> list[PlanNode]:
        out: list[PlanNode] = []
        for child in self.children.values():
            out.append(child)
            out.extend(child.descendants())
        return out

    def sibling_names(self) -> list[str]:
        """Names mandated beside this one: never mistaken for a renamed form of it."""
        if self.parent is None:
            return []
        return [c.name for c in self.parent.children.values() if c is not self]


def build_plan(spec: Spec) -> PlanNode:
    """The tree of every mandated path and every required sub-column, rooted at the home page."""
    root = PlanNode(name="首页", segments=())
    for path in spec.paths:
        node = root
        for segment in path.segments:
            node = node.child(segment)
        node.paths.append(path)
        for required in path.rules.children:
            child = node.child(required)
            if not child.mandated:
                child.required_by_rule = True
    return root
