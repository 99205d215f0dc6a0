"""Failures: what the engine keeps in state, and the messages users get."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pulumi
import pytest
from tinycloud import Cloud, Thing

from pulumi_tcmpp.testing import FORMAT_VERSION, UNKNOWN, StateFileError
from pulumi_tcmpp.testing._state import State, load_state, save_state

from .conftest import MakeStack


def a_and_c() -> None:
    a = Thing("a", name="a", size=3)
    Thing("c", name="c", opts=pulumi.ResourceOptions(depends_on=[a]))


def test_a_failed_create_keeps_earlier_steps_and_skips_deletes(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(a_and_c).up().raise_on_error()

    def program() -> None:
        a = Thing("a", name="a", size=3)
        Thing("b", name="b", ref=a.arn, fail="create")

    stack = make_stack(program)
    result = stack.up()

    assert not result.ok
    [error] = result.errors
    assert error.kind == "provider" and error.urn.endswith("::b")
    assert "Create failed: RuntimeError: create refused for b" in error.message
    assert "Traceback" in error.detail
    assert result.step("b").op == "create" and result.step("b").error == error.message
    assert result.calls() == ["Check(a)", "Diff(a)", "Check(b)", "Create(b)"]  # no Delete(c)
    assert sorted(r.name for r in stack.state().user_resources()) == ["a", "c"]
    assert set(cloud.records()) == {"a-1", "c-2"}


def test_a_failed_update_keeps_the_old_state(make_stack: MakeStack) -> None:
    make_stack(lambda: Thing("a", name="a", size=3)).up().raise_on_error()
    stack = make_stack(lambda: Thing("a", name="a", size=4, fail="update"))
    result = stack.up()

    assert not result.ok and "update refused for a" in result.errors[0].message
    a = stack.state().get("a")
    assert (a.inputs["size"], a.outputs["size"]) == (3.0, 3.0)


def test_a_failed_create_after_delete_before_replace_leaves_a_pending_replacement(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(lambda: Thing("a", name="a", dbr=True)).up().raise_on_error()
    stack = make_stack(lambda: Thing("a", name="a2", dbr=True, fail="create"))
    failed = stack.up()

    assert not failed.ok
    assert failed.calls() == ["Check(a)", "Diff(a)", "Check(a)", "Delete(a)", "Create(a)"]
    old = stack.state().get("a")
    assert old.pending_replacement and old.id == "a-1"
    assert cloud.records() == {}

    fixed = make_stack(lambda: Thing("a", name="a2", dbr=True)).up()
    assert fixed.ok, fixed
    assert fixed.calls() == ["Check(a)", "Diff(a)", "Check(a)", "Create(a)"]  # no second Delete
    a = fixed.state.get("a") if fixed.state else None
    assert a is not None and not a.pending_replacement and a.id == "a2-2"


def test_a_replaced_resource_waits_in_state_when_a_later_step_fails(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(lambda: Thing("a", name="a")).up().raise_on_error()

    def program() -> None:
        a = Thing("a", name="a2")
        Thing("b", name="b", ref=a.arn, fail="create")

    stack = make_stack(program)
    assert not stack.up().ok
    entries = [(r.id, r.delete) for r in stack.state().resources if r.name == "a"]
    assert entries == [("a-1", True), ("a2-2", False)]

    result = make_stack(lambda: Thing("a", name="a2")).up()
    assert result.calls() == ["Check(a)", "Diff(a)", "Delete(a)"]
    assert result.step("a", "delete-replaced").old is not None
    assert set(cloud.records()) == {"a2-2"}


def test_a_program_that_raises_is_reported_and_deletes_nothing(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(a_and_c).up().raise_on_error()

    def program() -> None:
        Thing("a", name="a", size=3)
        raise ValueError("boom")

    stack = make_stack(program)
    result = stack.up()

    assert not result.ok
    [error] = result.errors
    assert error.kind == "program"
    assert error.message == "the program raised ValueError: boom"
    assert "Delete(c)" not in result.calls()
    assert sorted(r.name for r in stack.state().user_resources()) == ["a", "c"]
    assert set(cloud.records()) == {"a-1", "c-2"}


def test_a_missing_required_config_is_a_program_failure(make_stack: MakeStack) -> None:
    result = make_stack(lambda: pulumi.Config("tiny").require("missing")).preview()

    assert not result.ok
    assert "tiny:missing" in result.errors[0].message


def test_a_provider_that_raises_on_delete_keeps_the_resource(make_stack: MakeStack) -> None:
    stack = make_stack(lambda: Thing("a", name="a", fail="delete"))
    stack.up().raise_on_error()
    result = stack.destroy()

    assert not result.ok
    assert "Delete failed: RuntimeError: delete refused for a" in result.errors[0].message
    assert stack.state().find("a") is not None


def test_check_failures_name_the_property_and_the_reason(make_stack: MakeStack) -> None:
    def program() -> None:
        a = Thing("a", name="")
        Thing("b", name="b", ref=a.arn)

    result = make_stack(program).preview()

    assert not result.ok
    [error] = result.errors
    assert error.kind == "check"
    assert error.message == (
        "pulumi-python:dynamic/tiny:Thing resource 'a': property name value '' has a problem: "
        "must not be empty"
    )
    assert "Check(b)" not in result.calls()


def test_a_duplicate_name_is_an_error(make_stack: MakeStack) -> None:
    def program() -> None:
        a = Thing("a", name="one")
        Thing("a", name="two", opts=pulumi.ResourceOptions(depends_on=[a]))

    result = make_stack(program).up()

    assert not result.ok and "Duplicate resource URN" in result.errors[0].message


def test_a_resource_needing_a_provider_plugin_is_refused_clearly(make_stack: MakeStack) -> None:
    program = lambda: pulumi.CustomResource("random:index/randomPet:RandomPet", "pet", {})  # noqa: E731
    result = make_stack(program).up()

    assert not result.ok
    assert "serves only Python dynamic resources" in result.errors[0].message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"kind": "pulumi-tcmpp-offline-state", "version": 1, "resources": [', "is corrupt"),
        (json.dumps({"kind": "pulumi-tcmpp-offline-state", "version": 99}), "newer"),
        (json.dumps({"version": 3, "deployment": {}}), "not an offline-engine state file"),
        (
            json.dumps({"kind": "pulumi-tcmpp-offline-state", "version": 1, "resources": [7]}),
            "invalid resource entry",
        ),
    ],
)
def test_an_unusable_state_file_stops_before_anything_and_is_left_intact(
    make_stack: MakeStack, cloud: Cloud, content: str, expected: str
) -> None:
    stack = make_stack(lambda: Thing("a", name="a"))
    stack.state_path.write_text(content)

    for operation in (stack.up, stack.preview, stack.refresh, stack.destroy):
        with pytest.raises(StateFileError) as caught:
            operation()
        assert expected in str(caught.value)
        assert str(stack.state_path) in str(caught.value)
        assert "left unchanged" in str(caught.value)
    assert stack.state_path.read_text() == content
    assert cloud.records() == {}


def test_a_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    save_state(path, State("p", "s"))
    before = path.read_bytes()

    def broken_replace(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_state(path, State("p", "s", resources=[]))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_state_files_carry_their_format_version(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, State("p", "s"))

    data = json.loads(path.read_text())
    assert (data["kind"], data["version"]) == ("pulumi-tcmpp-offline-state", FORMAT_VERSION)
    assert load_state(path, "p", "s") == State("p", "s")
    assert load_state(tmp_path / "absent.json", "p", "s") == State("p", "s")


def test_a_provider_process_that_cannot_start_is_a_clear_failure(make_stack: MakeStack) -> None:
    stack = make_stack(lambda: Thing("a", name="a"), python="/nonexistent/python3")
    result = stack.up()

    assert not result.ok
    assert (
        "could not start the provider: cannot run /nonexistent/python3" in result.errors[0].message
    )
    assert [r.name for r in stack.state().user_resources()] == []


def test_outputs_left_unknown_by_a_failed_step_are_stored_as_the_engine_does(
    make_stack: MakeStack,
) -> None:
    def program() -> None:
        broken = Thing("broken", name="broken", fail="create")
        pulumi.export("arn", broken.arn)
        pulumi.export("fine", "yes")

    stack = make_stack(program)
    result = stack.up()

    assert not result.ok
    assert stack.state().outputs == {"arn": UNKNOWN, "fine": "yes"}
    assert json.loads(stack.state_path.read_text())["resources"][0]["outputs"]["arn"] == (
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    )
