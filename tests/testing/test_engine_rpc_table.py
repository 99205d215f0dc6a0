"""One test per row of the RPC table (reference §1.3): exact provider calls and resulting state.

Programs chain their resources (``b`` takes ``a``'s output), so registrations arrive in a fixed
order and the call sequence is deterministic.
"""

from __future__ import annotations

from typing import Any

import pulumi
from tinycloud import Cloud, Thing

from pulumi_tcmpp.testing import UNKNOWN, Secret, State

from .conftest import MakeStack

UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
STARTUP = ["Handshake", "GetPluginInfo", "CheckConfig", "Configure"]


def user(props: dict[str, Any]) -> dict[str, Any]:
    """Properties without the serialized provider."""
    return {k: v for k, v in props.items() if k != "__provider"}


def chain(size: int = 3, name_a: str = "a", **a_options: Any) -> Any:
    """a, then b which takes a's arn; exports b's arn."""

    def program() -> None:
        a = Thing("a", name=name_a, size=size, **a_options)
        b = Thing("b", name="b", ref=a.arn)
        pulumi.export("b_arn", b.arn)

    return program


def ids(state: State) -> dict[str, str]:
    return {r.name: r.id for r in state.user_resources() if r.custom}


def test_preview_of_new_resources_only_checks(make_stack: MakeStack, cloud: Cloud) -> None:
    stack = make_stack(chain())
    result = stack.preview()

    assert result.ok, result
    assert result.calls(startup=True) == [*STARTUP, "Check(a)", "Check(b)"]
    check_a = result.rpc("Check", "a")
    assert check_a.request["olds"] == {}
    assert user(check_a.request["news"]) == {"name": "a", "size": 3.0}
    assert check_a.request["news"]["__provider"]  # sent in plaintext: secrets are stripped
    assert user(result.rpc("Check", "b").request["news"]) == {"name": "b", "ref": UNKNOWN_WIRE}
    assert [(s.op, s.name) for s in result.steps] == [
        ("create", "tiny-test"),
        ("create", "a"),
        ("create", "b"),
    ]
    assert result.outputs == {"b_arn": UNKNOWN}
    assert not stack.state_path.exists()
    assert cloud.records() == {}


def test_up_creates_in_dependency_order(make_stack: MakeStack, cloud: Cloud) -> None:
    stack = make_stack(chain())
    result = stack.up()

    assert result.ok, result
    assert result.calls() == ["Check(a)", "Create(a)", "Check(b)", "Create(b)"]
    create_a = result.rpc("Create", "a")
    assert create_a.request["properties"] == result.rpc("Check", "a").response["inputs"]
    assert "preview" not in create_a.request  # false, so omitted from the rendering
    state = stack.state()
    a, b = state.get("a"), state.get("b")
    assert a.id == "a-1" and b.inputs["ref"] == "arn:tiny:a-1"
    assert user(a.outputs) == {"name": "a", "size": 3.0, "arn": "arn:tiny:a-1"}
    assert b.dependencies == [a.urn] and b.property_dependencies["ref"] == [a.urn]
    assert a.urn == "urn:pulumi:test::tiny::pulumi-python:dynamic/tiny:Thing::a"
    assert result.outputs == {"b_arn": "arn:tiny:b-2"}
    assert [r.type for r in state.resources][:2] == [
        "pulumi:pulumi:Stack",
        "pulumi:providers:pulumi-python",
    ]
    assert a.provider.startswith("urn:pulumi:test::tiny::pulumi:providers:pulumi-python::default::")
    assert set(cloud.records()) == {"a-1", "b-2"}


def test_up_without_changes_is_same_new_inputs_old_outputs(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(chain(note="v1")).up().raise_on_error()
    stack = make_stack(chain(note="v2"))
    result = stack.up()

    assert result.ok, result
    assert result.calls() == ["Check(a)", "Diff(a)", "Check(b)", "Diff(b)"]
    assert result.summary == {"same": 3}
    a = stack.state().get("a")
    assert a.inputs["note"] == "v2"  # SameStep records the new inputs...
    assert a.outputs["note"] == "v1"  # ...but keeps the old outputs
    assert cloud.records()["a-1"]["note"] == "v1"


def test_preview_of_an_update_sends_unknowns_and_no_update(make_stack: MakeStack) -> None:
    make_stack(chain()).up().raise_on_error()
    result = make_stack(chain(size=4)).preview()

    assert result.ok, result
    assert result.calls(startup=True) == [
        "Handshake",
        "GetPluginInfo",
        "CheckConfig",
        "DiffConfig",
        "Configure",
        "Check(a)",
        "Diff(a)",
        "Check(b)",
        "Diff(b)",
    ]
    diff_a = result.rpc("Diff", "a")
    assert user(diff_a.request["olds"]) == {"name": "a", "size": 3.0, "arn": "arn:tiny:a-1"}
    assert user(diff_a.request["oldInputs"]) == {"name": "a", "size": 3.0}
    assert user(diff_a.request["news"]) == {"name": "a", "size": 4.0}
    # a's planned outputs are its inputs, so its arn is unknown to b during the preview
    assert result.rpc("Check", "b").request["news"]["ref"] == UNKNOWN_WIRE
    assert result.rpc("Diff", "b").request["news"]["ref"] == UNKNOWN_WIRE
    assert [(s.op, s.name) for s in result.steps if s.name in "ab"] == [
        ("update", "a"),
        ("update", "b"),
    ]
    assert result.outputs == {"b_arn": UNKNOWN}


def test_up_updates_in_place(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(chain()).up().raise_on_error()
    stack = make_stack(chain(size=4))
    result = stack.up()

    assert result.ok, result
    assert result.calls() == ["Check(a)", "Diff(a)", "Update(a)", "Check(b)", "Diff(b)"]
    update = result.rpc("Update", "a")
    assert update.request["id"] == "a-1"
    assert user(update.request["olds"]) == {"name": "a", "size": 3.0, "arn": "arn:tiny:a-1"}
    assert user(update.request["oldInputs"]) == {"name": "a", "size": 3.0}
    assert user(update.request["news"]) == {"name": "a", "size": 4.0}
    assert stack.state().get("a").outputs["size"] == 4.0
    assert cloud.records()["a-1"]["size"] == 4.0
    assert result.step("a").op == "update" and result.step("b").op == "same"


def test_replace_creates_before_deleting_by_default(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(chain()).up().raise_on_error()
    stack = make_stack(chain(name_a="a2"))
    result = stack.up()

    assert result.ok, result
    assert result.calls() == [
        "Check(a)",
        "Diff(a)",
        "Check(a)",
        "Create(a)",
        "Check(b)",
        "Diff(b)",
        "Update(b)",
        "Delete(a)",
    ]
    assert result.rpc("Check", "a", 1).request["olds"] == {}
    assert result.rpc("Delete", "a").request["id"] == "a-1"
    assert user(result.rpc("Delete", "a").request["properties"])["arn"] == "arn:tiny:a-1"
    assert [(s.op, s.name) for s in result.steps if s.name in ("a", "b")] == [
        ("create-replacement", "a"),
        ("replace", "a"),
        ("update", "b"),
        ("delete-replaced", "a"),
    ]
    assert result.step("a", "replace").replaces == ["name"]
    state = stack.state()
    assert ids(state) == {"a": "a2-3", "b": "b-2"}
    assert all(not r.delete for r in state.resources)
    assert set(cloud.records()) == {"a2-3", "b-2"}


def test_replace_deletes_first_when_the_provider_asks(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(chain(dbr=True)).up().raise_on_error()
    stack = make_stack(chain(name_a="a2", dbr=True))
    result = stack.up()

    assert result.ok, result
    # Diff(b): would b be replaced too? (its ref, from a, made unknown; no: ref is in place)
    expected = ["Check(a)", "Diff(a)", "Check(a)", "Diff(b)", "Delete(a)", "Create(a)"]
    assert result.calls()[:6] == expected
    assert [s.op for s in result.steps if s.name == "a"] == [
        "delete-replaced",
        "replace",
        "create-replacement",
    ]
    assert result.step("a", "replace").delete_before_replace
    assert cloud.events().index("delete a") < cloud.events().index("start create a2")


def test_removed_resources_are_deleted_in_reverse_dependency_order(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    def three() -> None:
        a = Thing("a", name="a")
        b = Thing("b", name="b", ref=a.arn)
        Thing("c", name="c", ref=b.arn)

    make_stack(three).up().raise_on_error()
    stack = make_stack(lambda: Thing("keep", name="keep"))
    result = stack.up()

    assert result.ok, result
    assert result.calls() == ["Check(keep)", "Create(keep)", "Delete(c)", "Delete(b)", "Delete(a)"]
    delete_b = result.rpc("Delete", "b")
    assert delete_b.request["id"] == "b-2"
    assert user(delete_b.request["properties"]) == {
        "name": "b",
        "ref": "arn:tiny:a-1",
        "arn": "arn:tiny:b-2",
    }
    assert user(delete_b.request["oldInputs"]) == {"name": "b", "ref": "arn:tiny:a-1"}
    assert [r.name for r in stack.state().user_resources()] == ["keep"]
    assert set(cloud.records()) == {"keep-4"}


def test_refresh_reads_records_drift_and_the_next_up_reverts_it(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(chain()).up().raise_on_error()
    cloud.edit("a-1", size=9)
    stack = make_stack(chain())
    result = stack.refresh()

    assert result.ok, result
    assert result.calls(startup=True) == [*STARTUP, "Read(a)", "Diff(a)", "Read(b)", "Diff(b)"]
    read = result.rpc("Read", "a")
    assert read.request["id"] == "a-1"
    assert user(read.request["properties"]) == {"name": "a", "size": 3.0, "arn": "arn:tiny:a-1"}
    assert user(read.request["inputs"]) == {"name": "a", "size": 3.0}
    diff = result.rpc("Diff", "a")  # inverted: new state as "old", old inputs as "new"
    assert diff.request["olds"]["size"] == 9.0
    assert diff.request["oldInputs"]["size"] == 3.0
    assert diff.request["news"]["size"] == 3.0
    assert (result.step("a").drift, result.step("b").drift) == ("update", "same")
    assert result.summary == {"same": 1, "update": 1}
    a = stack.state().get("a")
    assert (a.outputs["size"], a.inputs["size"]) == (9.0, 3.0)

    again = stack.up()
    assert again.calls()[:3] == ["Check(a)", "Diff(a)", "Update(a)"]
    assert cloud.records()["a-1"]["size"] == 3.0


def test_refresh_drops_a_vanished_resource_and_up_recreates_it(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(chain()).up().raise_on_error()
    cloud.remove("b-2")
    stack = make_stack(chain())
    result = stack.refresh()

    assert result.ok, result
    assert result.calls() == ["Read(a)", "Diff(a)", "Read(b)"]
    assert result.step("b").drift == "delete"
    assert stack.state().find("b") is None

    again = stack.up()
    assert again.calls() == ["Check(a)", "Diff(a)", "Check(b)", "Create(b)"]
    assert again.rpc("Check", "b").request["olds"] == {}
    assert stack.state().get("b").id == "b-3"


def test_destroy_deletes_everything_in_reverse_order(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(chain()).up().raise_on_error()
    stack = make_stack(chain())
    result = stack.destroy()

    assert result.ok, result
    assert result.calls(startup=True) == [*STARTUP, "Delete(b)", "Delete(a)"]
    assert [(s.op, s.name) for s in result.steps] == [
        ("delete", "b"),
        ("delete", "a"),
        ("delete", "tiny-test"),
    ]
    assert stack.state().resources == []
    assert cloud.records() == {}


def test_get_reads_without_check_or_diff_and_is_never_deleted(
    make_stack: MakeStack, cloud: Cloud, tmp_path: Any
) -> None:
    make_stack(lambda: Thing("a", name="a", size=3)).up().raise_on_error()

    def reader() -> None:
        found = Thing.get("found", "a-1")
        pulumi.export("arn", found.arn)

    other = make_stack(reader, state_path=tmp_path / "reader.json")
    preview = other.preview()
    assert preview.calls() == ["Read(found)"]
    result = other.up()

    assert result.ok, result
    assert result.calls() == ["Read(found)"]
    read = result.rpc("Read", "found")
    assert read.request["id"] == "a-1"
    assert read.request["properties"] == read.request["inputs"]  # the props, sent twice
    assert result.step("found").op == "read"
    found = other.state().get("found")
    assert found.external and found.outputs["size"] == 3.0
    assert result.outputs == {"arn": "arn:tiny:a-1"}

    destroyed = other.destroy()
    assert destroyed.calls() == []
    assert destroyed.step("found").op == "discard"
    assert set(cloud.records()) == {"a-1"}


def test_get_of_a_missing_resource_is_kept_empty_as_the_engine_does(
    make_stack: MakeStack,
) -> None:
    """A provider whose read answers "gone" (empty id) to a get: the Python server still sends
    properties ({__provider}), so the engine's ReadStep keeps an empty resource (step.go, only
    nil outputs are "does not exist"). A provider must fail such a read itself to be clear."""
    stack = make_stack(lambda: pulumi.export("arn", Thing.get("ghost", "nope-1").arn))
    result = stack.up()

    assert result.ok, result.render()
    assert result.step("ghost").op == "read"
    ghost = stack.state().get("ghost")
    assert ghost.external and ghost.id == "nope-1"
    assert set(ghost.outputs) == {"__provider"}
    assert result.outputs == {}  # an output the read did not return is unknown: not exported


def test_secret_props_never_reach_the_wire_wrapped(make_stack: MakeStack) -> None:
    stack = make_stack(lambda: Thing("a", name="a", password=pulumi.Output.secret("hunter2")))
    result = stack.up()

    assert result.rpc("Create", "a").request["properties"]["password"] == "hunter2"
    assert stack.state().get("a").outputs["password"] == Secret("hunter2")


def test_up_with_refresh_reads_first_then_runs_the_program(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(chain()).up().raise_on_error()
    cloud.edit("a-1", size=9)
    result = make_stack(chain()).up(refresh=True)

    assert result.ok, result
    assert result.calls() == [
        "Read(a)",
        "Diff(a)",
        "Read(b)",
        "Diff(b)",
        "Check(a)",
        "Diff(a)",
        "Update(a)",
        "Check(b)",
        "Diff(b)",
    ]
    assert result.calls(startup=True).count("Configure") == 2  # two commands' worth of plugins
    assert cloud.records()["a-1"]["size"] == 3.0


def test_previews_of_refresh_and_destroy_change_nothing(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    stack = make_stack(chain())
    stack.up().raise_on_error()
    cloud.remove("b-2")
    saved = stack.state_path.read_text()

    refresh = stack.refresh(preview=True)
    destroy = stack.destroy(preview=True)

    assert refresh.calls() == ["Read(a)", "Diff(a)", "Read(b)"]
    assert refresh.step("b").drift == "delete"
    assert destroy.calls() == [] and destroy.summary == {"delete": 3}
    assert stack.state_path.read_text() == saved
    assert set(cloud.records()) == {"a-1"}
