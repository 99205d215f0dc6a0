"""Delete-before-replace cascades (``step_generator.go`` ``calculateDependentReplacements``).

Before a resource is deleted to be replaced, every dependent that the replacement would
replace too is deleted first (last one first), then each is created again when the program
registers it. Whether a dependent is replaced is asked of its provider: a Diff of its old
inputs with every property that depends on a replaced resource made unknown.
"""

from __future__ import annotations

import pulumi
from tinycloud import Cloud, Thing

from .conftest import MakeStack


def chain(a_name: str) -> None:
    """b and d are replaced with a (their ``region`` comes from it); c only notes a's arn."""
    a = Thing("a", name=a_name, dbr=True)
    b = Thing("b", name="b", region=a.arn)
    Thing("c", name="c", note=a.arn)
    Thing("d", name="d", region=b.arn)
    Thing("e", name="e", opts=pulumi.ResourceOptions(depends_on=[b]))


def test_a_delete_before_replace_deletes_the_dependents_it_replaces_first(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    assert make_stack(lambda: chain("a")).up().ok
    stack = make_stack(lambda: chain("a2"))

    preview = stack.preview()
    assert preview.ok, preview.render()
    planned = [(s.op, s.name) for s in preview.steps if s.op != "same"]
    assert planned[:3] == [
        ("delete-replaced", "d"),
        ("delete-replaced", "b"),
        ("delete-replaced", "a"),
    ]
    assert ("create-replacement", "b") in planned and ("create-replacement", "d") in planned
    assert not any(name in ("c", "e") for _, name in planned)
    assert "Delete(a)" not in preview.calls() and "Create(a)" not in preview.calls()

    result = stack.up()

    assert result.ok, result.render()
    calls = [c for c in result.calls() if c.startswith(("Delete", "Create"))]
    assert calls == ["Delete(d)", "Delete(b)", "Delete(a)", "Create(a)", "Create(b)", "Create(d)"]
    # the dependents' Diff saw the properties that come from a replaced resource as unknown
    probe = result.rpc("Diff", "b")
    assert probe.request["news"]["region"] == "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    assert sorted(r["name"] for r in cloud.records().values()) == ["a2", "b", "c", "d", "e"]
    state = stack.state()
    assert not any(r.pending_replacement for r in state.resources)
    assert state.get("b").inputs["region"] == state.get("a").outputs["arn"]


def test_a_protected_dependent_stops_the_cascade_before_anything_is_deleted(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    def program(a_name: str) -> None:
        a = Thing("a", name=a_name, dbr=True)
        Thing("b", name="b", region=a.arn, opts=pulumi.ResourceOptions(protect=True))

    assert make_stack(lambda: program("a")).up().ok
    result = make_stack(lambda: program("a2")).up()

    assert not result.ok
    assert "unable to replace resource" in result.errors[0].message
    assert "as part of replacing" in result.errors[0].message
    assert not any(c.startswith("Delete") for c in result.calls())
    assert sorted(r["name"] for r in cloud.records().values()) == ["a", "b"]
