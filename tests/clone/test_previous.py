"""``--previous`` building blocks: which references fit a live value, lists, object matching."""

from __future__ import annotations

from pulumi_tcmpp.clone.previous import fits, keep_references, match_previous, merge_list
from pulumi_tcmpp.clone.spec import ConfigRef, SecretRef, TeamSpec, UserSpec

CDN = ConfigRef(config="cdn", format="https://{}/logo.png")
WHOLE = ConfigRef(config="suffix")


def test_a_format_reference_fits_values_of_its_shape_only() -> None:
    assert fits(CDN, "https://cdn.example.com/logo.png")
    assert not fits(CDN, "https:///logo.png")  # the slot may not be empty
    assert not fits(CDN, "http://cdn.example.com/logo.png")
    assert not fits(CDN, "https://cdn.example.com/icon.png")
    assert fits(WHOLE, "anything at all")


def test_lists_keep_literals_then_fitting_references_then_whole_values() -> None:
    host = ConfigRef(config="api", format="https://{}.example.com")
    previous = ["https://static.example.net", host, WHOLE]
    live = ["https://api-prod.example.com", "https://static.example.net", "https://z.new.org"]
    assert merge_list(previous, live) == [host, "https://static.example.net", WHOLE]
    # a reference that no longer fits gives way to the live literal
    assert merge_list([host], ["ftp://elsewhere"]) == ["ftp://elsewhere"]


def test_objects_match_by_literal_key_then_by_format_then_by_provenance() -> None:
    live = {"U1": "alice", "U2": "shop-prod", "U3": "renamed"}
    previous = {
        "alice-user": ("alice", "U9"),
        "shop": (ConfigRef(config="env", format="shop-{}"), None),
        "third": (ConfigRef(config="name"), "U3"),
        "gone": ("bob", "U7"),
    }
    assert match_previous(live, previous) == {"U1": "alice-user", "U2": "shop", "U3": "third"}


def test_placeholders_and_write_only_values_are_kept() -> None:
    before = UserSpec(
        account="alice", name=ConfigRef(config="alice_name"), password=SecretRef(secret="pw")
    )
    live = UserSpec(account="alice", name="Alice", password=SecretRef(secret="alice-password"))
    kept = keep_references(before, live)
    assert kept.name == ConfigRef(config="alice_name")
    assert kept.password == SecretRef(secret="pw")

    team_before = TeamSpec(name="Ops", role="application", admin="alice", remark="kept")
    team_live = TeamSpec(name="Ops", role="application", admin="alice")
    assert keep_references(team_before, team_live).remark == "kept"
