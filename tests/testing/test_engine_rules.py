"""The engine's rules as pure functions: marshalling, secrets, ignore/replace paths, URNs."""

from __future__ import annotations

import pytest
from google.protobuf import struct_pb2

from pulumi_tcmpp.testing import UNKNOWN, Secret
from pulumi_tcmpp.testing._graph import delete_waves, make_urn, topological
from pulumi_tcmpp.testing._rules import (
    annotate_secrets,
    apply_ignore_changes,
    changed_paths,
    mark_secret_outputs,
    parse_duration,
    parse_property_path,
    replace_keys_for,
)
from pulumi_tcmpp.testing._values import (
    UNKNOWN_WIRE,
    from_struct,
    from_wire,
    to_state_json,
    to_struct,
    to_wire,
)

SECRET = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}


def test_marshalling_strips_secrets_and_drops_unknowns_when_asked() -> None:
    props = {"a": Secret("s"), "b": UNKNOWN, "c": [1, UNKNOWN, {"d": UNKNOWN}], "e": None}

    assert to_wire(props) == {
        "a": {**SECRET, "value": "s"},
        "b": UNKNOWN_WIRE,
        "c": [1.0, UNKNOWN_WIRE, {"d": UNKNOWN_WIRE}],
        "e": None,
    }
    assert to_wire(props, keep_secrets=False, keep_unknowns=False) == {
        "a": "s",
        "c": [1.0, {}],
        "e": None,
    }


def test_struct_round_trip_turns_numbers_into_floats() -> None:
    struct = to_struct({"n": 3, "s": Secret({"k": 1}), "u": UNKNOWN})

    assert isinstance(struct, struct_pb2.Struct)
    assert from_struct(struct) == {"n": 3.0, "s": Secret({"k": 1.0}), "u": UNKNOWN}
    assert isinstance(from_struct(struct)["n"], float)


def test_state_form_uses_plaintext_wrappers() -> None:
    encoded = to_state_json({"s": Secret(["x"])})

    assert encoded == {"s": {**SECRET, "plaintext": '["x"]'}}
    assert from_wire(encoded) == {"s": Secret(["x"])}
    assert to_state_json({"u": UNKNOWN}) == {"u": UNKNOWN_WIRE}  # the engine's placeholder


def test_annotate_secrets_marks_by_key_and_recurses_into_objects() -> None:
    ins = {"pw": Secret("p"), "nested": {"k": Secret("v"), "x": 1}, "list": [Secret("a")]}
    outs = {"pw": "p", "nested": {"k": "v", "x": 1}, "list": ["a"], "copy": "p"}

    assert annotate_secrets(outs, ins) == {
        "pw": Secret("p"),
        "nested": {"k": Secret("v"), "x": 1},
        "list": Secret(["a"]),
        "copy": "p",  # a new key stays plain
    }


def test_secret_outputs_from_inputs_and_additional_secret_outputs() -> None:
    outs = mark_secret_outputs({"a": 1, "b": 2, "id": "x"}, {"a": Secret(1)}, ["b", "id"])

    assert outs == {"a": Secret(1), "b": Secret(2), "id": "x"}


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("a", ["a"]),
        ("a.b[0].c", ["a", "b", 0, "c"]),
        ('tags["k.with.dots"]', ["tags", "k.with.dots"]),
        ("a[*].b", ["a", "*", "b"]),
    ],
)
def test_property_paths(path: str, parts: list[object]) -> None:
    assert parse_property_path(path) == parts


def test_ignore_changes_resets_to_old_or_drops() -> None:
    olds = {"a": 1, "tags": {"x": "old"}, "list": [{"v": 1}, {"v": 2}]}
    news = {"a": 2, "b": 3, "tags": {"x": "new", "y": "n"}, "list": [{"v": 9}, {"v": 8}]}

    assert apply_ignore_changes(news, olds, ["a", "b", "tags.x", "list[*].v"]) == {
        "a": 1,
        "tags": {"x": "old", "y": "n"},
        "list": [{"v": 1}, {"v": 2}],
    }
    assert news["a"] == 2  # the goal is not modified


def test_changed_paths_and_replace_on_changes() -> None:
    olds = {"a": 1, "tags": {"x": 1, "y": 2}, "s": Secret("p")}
    news = {"a": 1, "tags": {"x": 1, "y": 3}, "s": "p", "new": True}

    assert changed_paths(olds, news) == ["new", "tags.y"]
    assert replace_keys_for(["tags.y", "new"], ["tags"]) == ["tags"]
    assert replace_keys_for(["tags.y"], ["tags.x"]) == []
    assert replace_keys_for(["a", "b"], ["*"]) == ["a", "b"]


def test_durations() -> None:
    assert parse_duration("1h30m") == 5400.0
    assert parse_duration("1.5s") == 1.5
    assert parse_duration("250ms") == 0.25
    assert parse_duration("") == 0.0
    with pytest.raises(ValueError):
        parse_duration("5 minutes")


def test_urns_leave_out_the_root_stack_type() -> None:
    stack_urn = make_urn("dev", "p", "pulumi:pulumi:Stack", "p-dev")
    comp = make_urn("dev", "p", "my:comp:Group", "g", stack_urn)
    child = make_urn("dev", "p", "pulumi-python:dynamic:Resource", "r", comp)

    assert comp == "urn:pulumi:dev::p::my:comp:Group::g"
    assert child == "urn:pulumi:dev::p::my:comp:Group$pulumi-python:dynamic:Resource::r"


def test_delete_waves_put_dependents_first() -> None:
    items = [("a", set()), ("b", {"a"}), ("c", {"a"}), ("d", {"b", "c"}), ("e", set())]
    waves = delete_waves(items, key=lambda i: i[0], deps=lambda i: i[1])

    assert [[name for name, _ in wave] for wave in waves] == [["e", "d"], ["c", "b"], ["a"]]


def test_topological_order_handles_long_chains() -> None:
    chain = [(str(i), {str(i - 1)}) for i in range(3000)]
    ordered = topological(list(reversed(chain)), key=lambda i: i[0], deps=lambda i: i[1])

    assert [name for name, _ in ordered] == [str(i) for i in range(3000)]
