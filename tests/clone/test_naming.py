"""Logical names: slugs of natural keys; collisions and reserved names resolved stably."""

from __future__ import annotations

import random

from pulumi_tcmpp.clone.naming import assign_names, slug
from pulumi_tcmpp.clone.spec import parse_spec


def test_slug_keeps_what_a_logical_name_allows() -> None:
    assert slug("Pay Wallet") == "pay-wallet"
    assert slug("olivia.park@example.com") == "olivia.park-example.com"
    assert slug("Bob_Smith") == "bob_smith"
    assert slug("  --Ops  Team!! ") == "ops-team"
    assert slug("运营团队") == ""
    assert len(slug("x" * 200)) == 63


def test_unique_slugs_are_the_names() -> None:
    names = assign_names({"1": "Payments", "2": "Retail Apps"}, "team")
    assert names == {"1": "payments", "2": "retail-apps"}


def test_colliding_slugs_get_a_hash_of_their_own_key() -> None:
    names = assign_names({"1": "Ops Team", "2": "ops-team", "3": "Payments"}, "team")
    assert names["3"] == "payments"
    assert names["1"].startswith("ops-team-") and names["2"].startswith("ops-team-")
    assert names["1"] != names["2"]
    # the hash depends on the natural key only: another platform's ids give the same names
    again = assign_names({"x": "ops-team", "y": "Ops Team", "z": "Payments"}, "team")
    assert (again["y"], again["x"]) == (names["1"], names["2"])


def test_names_do_not_depend_on_listing_order() -> None:
    keys = {str(i): f"Team {i % 7}" if i % 3 else f"team-{i % 7}" for i in range(40)}
    keys = {k: v for k, v in keys.items()}
    first = assign_names(keys, "team")
    shuffled = list(keys.items())
    random.Random(3).shuffle(shuffled)
    assert assign_names(dict(shuffled), "team") == first


def test_empty_slugs_use_the_prefix_and_stay_valid() -> None:
    names = assign_names({"1": "运营团队", "2": "财务"}, "team")
    assert all(n.startswith("team-") for n in names.values())
    users = {n: {"account": n, "name": n} for n in names.values()}
    parse_spec({"users": users})  # every generated name is a valid logical name


def test_reserved_names_win_and_are_never_reused() -> None:
    names = assign_names({"1": "Payments", "2": "Billing"}, "team", reserved={"2": "payments"})
    assert names["2"] == "payments"
    assert names["1"].startswith("payments-")
