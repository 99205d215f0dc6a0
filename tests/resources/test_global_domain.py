"""GlobalDomain through the offline engine against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import (
    PASSWORD,
    UNKNOWN_WIRE,
    actions,
    check_failure,
    records,
    writes,
)
from tests.resources.vendor import Vendor

ALLOW, BLOCK = tcmpp.GlobalDomainKind.ALLOW, tcmpp.GlobalDomainKind.BLOCK


def domain_program(knobs: dict[str, Any]) -> Any:
    def program() -> None:
        tcmpp.GlobalDomain(
            "cdn",
            url=knobs.get("url", "cdn.example.com"),
            kind=knobs.get("kind", ALLOW),
            adopt=knobs.get("adopt"),
        )

    return program


def listed(emu: Emulator) -> list[tuple[str, int]]:
    """(url, kind) of every platform-wide entry the emulator holds."""
    return sorted((r["domain_url"], r["domain_type"]) for r in records(emu, "global_domain"))


def add(vendor: Vendor, url: str, kind: int) -> int:
    vendor.call("CreateGlobalDomainACL", DomainUrlList=[url], DomainType=kind)
    rows = vendor.call("DescribeGlobalDomainACL", Offset=0, Limit=100, Keyword=url)["DataList"]
    return next(int(r["DomainId"]) for r in rows if r["DomainUrl"] == url)


def test_preview_of_a_new_stack_plans_with_unknown_url_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    def program() -> None:
        tenant = tcmpp.User("tenant", account="tenant", name="Tenant", password=PASSWORD)
        tcmpp.GlobalDomain(
            "tenant-domain",
            url=tenant.user_id.apply(lambda user_id: f"{user_id.lower()}.example.com"),
            kind=ALLOW,
        )

    result = make_stack(program).preview()

    assert result.ok, result.render()
    assert result.step("tenant-domain").op == "create"
    assert result.rpc("Check", "tenant-domain").request["news"]["url"] == UNKNOWN_WIRE
    assert actions(emu) == []


@pytest.mark.needs_create_wait
def test_create_noop_update_replace_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(domain_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    assert listed(emu) == [("cdn.example.com", 1)]
    [entry] = records(emu, "global_domain")
    assert stack.state().get("cdn").id == str(entry["domain_id"])
    assert stack.state().get("cdn").outputs["domain_id"] == entry["domain_id"]

    knobs["kind"] = "allow"  # the same kind by name: no change
    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 2}, unchanged.render()
    assert actions(emu) == []

    knobs["url"] = "static.example.com"
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("cdn").op == "update", updated.render()
    assert writes(emu) == ["ModifyGlobalDomain"]
    assert listed(emu) == [("static.example.com", 1)]
    assert records(emu, "global_domain")[0]["domain_id"] == entry["domain_id"]

    knobs["kind"] = BLOCK
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("cdn", "replace")
    assert (step.replaces, step.delete_before_replace) == (["kind"], True), replaced.render()
    assert writes(emu) == ["DeleteGlobalDomain", "CreateGlobalDomainACL"]
    assert listed(emu) == [("static.example.com", 2)]

    assert stack.destroy().ok
    assert listed(emu) == []


@pytest.mark.needs_create_wait
def test_an_update_the_api_refuses_reports_why_with_the_request_id(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(domain_program(knobs))
    assert stack.up().ok
    add(vendor, "tracker.example.com", 2)

    knobs["url"] = "tracker.example.com"
    emu.clear_request_log()
    refused = stack.up()

    assert not refused.ok
    message = refused.errors[0].message
    [modify] = [e for e in emu.request_log() if e["action"] == "ModifyGlobalDomain"]
    assert "'tracker.example.com': it is already in the blocklist" in message
    assert f"RequestId: {modify['request_id']}" in message
    assert listed(emu) == [("cdn.example.com", 1), ("tracker.example.com", 2)]
    assert stack.state().get("cdn").outputs["url"] == "cdn.example.com"


@pytest.mark.needs_create_wait
def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(domain_program({}))
    assert stack.up().ok
    domain_id = int(stack.state().get("cdn").id or 0)

    vendor.call("ModifyGlobalDomain", DomainId=domain_id, DomainUrl="moved.example.org")
    refreshed = stack.refresh()
    assert refreshed.step("cdn").drift == "update", refreshed.render()
    assert stack.state().get("cdn").outputs["url"] == "moved.example.org"

    reverted = stack.up()
    assert reverted.step("cdn").op == "update", reverted.render()
    assert listed(emu) == [("cdn.example.com", 1)]

    vendor.call("DeleteGlobalDomain", DomainId=domain_id)
    gone = stack.refresh()
    assert gone.step("cdn").drift == "delete", gone.render()
    assert stack.state().find("cdn") is None

    recreated = stack.up()
    assert recreated.step("cdn").op == "create", recreated.render()
    assert listed(emu) == [("cdn.example.com", 1)]
    assert stack.state().get("cdn").id != str(domain_id)


def test_adoption_and_conflicts_with_existing_entries(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    existing = add(vendor, "cdn.example.com", 1)
    add(vendor, "ads.example.com", 2)

    emu.clear_request_log()
    refused = make_stack(domain_program({}), name="plain").up()
    assert not refused.ok
    assert "cdn.example.com is already listed" in refused.errors[0].message
    assert "adopt=True" in refused.errors[0].message

    other_list = make_stack(domain_program({"url": "ads.example.com"}), name="other").up()
    assert not other_list.ok
    assert "ads.example.com is already in the platform's blocklist" in other_list.errors[0].message
    assert listed(emu) == [("ads.example.com", 2), ("cdn.example.com", 1)]  # nothing added

    emu.clear_request_log()
    adopted = make_stack(domain_program({"adopt": True}), name="adopting").up()
    assert adopted.ok, adopted.render()
    assert adopted.state and adopted.state.get("cdn").id == str(existing)
    assert "CreateGlobalDomainACL" not in writes(emu)

    emu.clear_request_log()
    by_config = make_stack(
        domain_program({"url": "ads.example.com", "kind": BLOCK}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert "CreateGlobalDomainACL" not in writes(emu)
    assert listed(emu) == [("ads.example.com", 2), ("cdn.example.com", 1)]


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"url": ""}, "url", "must be a domain name"),
        ({"url": "cdn example.com"}, "url", "no spaces"),
        ({"url": "a.example.com;b.example.com"}, "url", "';' or ','"),
        ({"url": "x" * 254}, "url", "at most 253 characters"),
        ({"kind": "deny"}, "kind", "must be one of allow, block"),
        ({"kind": 3}, "kind", "Input should be 1 or 2"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.GlobalDomain("bad", **{"url": "cdn.example.com", "kind": ALLOW, **bad})

    message = check_failure(make_stack(program).preview())

    value = repr(next(iter(bad.values())))
    shown = value if len(value) <= 60 else value[:50]
    assert f"{field}: " in message and rule in message and f"got {shown}" in message
    assert actions(emu) == []
