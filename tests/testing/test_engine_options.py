"""Resource options the engine honours: protect, retain_on_delete, ignore_changes,
replace_on_changes, delete_before_replace, additional_secret_outputs, and the engine's own diff
when a provider answers "unknown"."""

from __future__ import annotations

import pulumi
from tinycloud import Cloud, Opaque, Thing

from pulumi_tcmpp.testing import Secret

from .conftest import MakeStack


def opts(**kwargs: object) -> pulumi.ResourceOptions:
    return pulumi.ResourceOptions(**kwargs)  # type: ignore[arg-type]


def test_protect_blocks_deletion_but_not_other_deletes(make_stack: MakeStack, cloud: Cloud) -> None:
    def both() -> None:
        guarded = Thing("guarded", name="guarded", opts=opts(protect=True))
        Thing("plain", name="plain", opts=opts(depends_on=[guarded]))

    make_stack(both).up().raise_on_error()
    stack = make_stack(lambda: None)
    result = stack.up()

    assert not result.ok
    assert result.errors[0].kind == "protect"
    assert "unable to delete resource" in result.errors[0].message
    assert "guarded" in result.errors[0].message
    assert result.calls() == ["Delete(plain)"]
    assert [r.name for r in stack.state().user_resources()] == ["guarded"]
    assert set(cloud.records()) == {"guarded-1"}


def test_protect_blocks_replacement(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(lambda: Thing("a", name="a", opts=opts(protect=True))).up().raise_on_error()
    result = make_stack(lambda: Thing("a", name="a2", opts=opts(protect=True))).up()

    assert not result.ok
    assert "unable to replace resource" in result.errors[0].message
    assert "Create(a)" not in result.calls()
    assert set(cloud.records()) == {"a-1"}


def test_protect_blocks_destroy(make_stack: MakeStack) -> None:
    stack = make_stack(lambda: Thing("a", name="a", opts=opts(protect=True)))
    stack.up().raise_on_error()
    result = stack.destroy()

    assert not result.ok and result.calls() == []
    assert stack.state().find("a") is not None


def test_unprotecting_in_the_program_allows_deletion_next_time(make_stack: MakeStack) -> None:
    make_stack(lambda: Thing("a", name="a", opts=opts(protect=True))).up().raise_on_error()
    make_stack(lambda: Thing("a", name="a")).up().raise_on_error()
    result = make_stack(lambda: None).up()

    assert result.ok and result.calls() == ["Delete(a)"]


def test_retain_on_delete_forgets_without_deleting(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(lambda: Thing("a", name="a", opts=opts(retain_on_delete=True))).up()
    stack = make_stack(lambda: None)
    result = stack.up()

    assert result.ok and result.calls() == []
    assert result.step("a").op == "delete"
    assert stack.state().find("a") is None
    assert set(cloud.records()) == {"a-1"}


def test_ignore_changes_keeps_the_old_value_before_check(make_stack: MakeStack) -> None:
    make_stack(lambda: Thing("a", name="a", size=3)).up().raise_on_error()
    program = lambda: Thing("a", name="a", size=4, opts=opts(ignore_changes=["size"]))  # noqa: E731
    stack = make_stack(program)
    result = stack.up()

    assert result.ok
    assert result.calls() == ["Check(a)", "Diff(a)"]
    assert result.rpc("Check", "a").request["news"]["size"] == 3.0
    assert result.rpc("Diff", "a").request["ignoreChanges"] == ["size"]
    assert stack.state().get("a").inputs["size"] == 3.0


def test_ignore_changes_on_a_nested_path(make_stack: MakeStack) -> None:
    make_stack(lambda: Thing("a", name="a", tags={"env": "dev", "team": "x"})).up()
    program = lambda: Thing(  # noqa: E731
        "a", name="a", tags={"env": "prod", "team": "y"}, opts=opts(ignore_changes=["tags.env"])
    )
    stack = make_stack(program)
    result = stack.up()

    assert result.rpc("Check", "a").request["news"]["tags"] == {"env": "dev", "team": "y"}
    assert stack.state().get("a").inputs["tags"] == {"env": "dev", "team": "y"}


def test_unknown_diff_falls_back_to_the_engine_input_diff(make_stack: MakeStack) -> None:
    make_stack(lambda: Opaque("o", name="o", size=1)).up().raise_on_error()
    same = make_stack(lambda: Opaque("o", name="o", size=1)).up()
    changed = make_stack(lambda: Opaque("o", name="o", size=2)).up()

    assert same.calls() == ["Check(o)", "Diff(o)"] and same.step("o").op == "same"
    assert changed.calls() == ["Check(o)", "Diff(o)", "Update(o)"]
    assert changed.step("o").diffs == ["size"]
    assert changed.step("o").detailed_diff == {"size": "update"}


def test_replace_on_changes_works_with_an_unknown_diff(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(lambda: Opaque("o", name="o", color="red")).up().raise_on_error()
    program = lambda: Opaque("o", name="o", color="blue", opts=opts(replace_on_changes=["color"]))  # noqa: E731
    result = make_stack(program).up()

    assert result.calls() == ["Check(o)", "Diff(o)", "Check(o)", "Create(o)", "Delete(o)"]
    assert result.step("o", "replace").replaces == ["color"]
    assert set(cloud.records()) == {"o-2"}


def test_replace_on_changes_is_ignored_when_the_provider_says_changes(
    make_stack: MakeStack,
) -> None:
    """The Python server never sends the changed keys, so the engine has nothing to match."""
    make_stack(lambda: Thing("t", name="t", color="red")).up().raise_on_error()
    program = lambda: Thing("t", name="t", color="blue", opts=opts(replace_on_changes=["color"]))  # noqa: E731
    result = make_stack(program).up()

    assert result.calls() == ["Check(t)", "Diff(t)", "Update(t)"]


def test_delete_before_replace_option_overrides_the_provider(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    make_stack(lambda: Thing("a", name="a")).up().raise_on_error()
    program = lambda: Thing("a", name="a2", opts=opts(delete_before_replace=True))  # noqa: E731
    result = make_stack(program).up()

    assert result.calls() == ["Check(a)", "Diff(a)", "Check(a)", "Delete(a)", "Create(a)"]
    assert set(cloud.records()) == {"a2-2"}


def test_additional_secret_outputs_are_stored_secret(make_stack: MakeStack) -> None:
    program = lambda: Thing("a", name="a", opts=opts(additional_secret_outputs=["arn"]))  # noqa: E731
    stack = make_stack(program)
    stack.up().raise_on_error()

    assert stack.state().get("a").outputs["arn"] == Secret("arn:tiny:a-1")


def test_custom_timeouts_travel_as_seconds(make_stack: MakeStack) -> None:
    timeouts = pulumi.CustomTimeouts(create="2m", delete="30s")
    stack = make_stack(lambda: Thing("a", name="a", opts=opts(custom_timeouts=timeouts)))
    created = stack.up()
    destroyed = stack.destroy()

    assert created.rpc("Create", "a").request["timeout"] == 120.0
    assert destroyed.rpc("Delete", "a").request["timeout"] == 30.0


def test_aliases_adopt_the_old_resource(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(lambda: Thing("old", name="x")).up().raise_on_error()
    stack = make_stack(
        lambda: Thing("new", name="x", opts=opts(aliases=[pulumi.Alias(name="old")]))
    )
    result = stack.up()

    assert result.calls() == ["Check(new)", "Diff(new)"]
    assert [r.name for r in stack.state().user_resources()] == ["new"]
    assert set(cloud.records()) == {"x-1"}


def test_deleted_with_skips_the_delete_of_the_child(make_stack: MakeStack) -> None:
    def pair() -> None:
        parent = Thing("parent", name="parent")
        Thing("child", name="child", opts=opts(deleted_with=parent))

    stack = make_stack(pair)
    stack.up().raise_on_error()
    result = stack.destroy()

    assert result.calls() == ["Delete(parent)"]
    assert [s.name for s in result.steps if s.op == "delete"][:2] == ["child", "parent"]
