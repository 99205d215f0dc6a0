"""Paging: never stop on a short page while TotalCount or a full page says more exists.

No vendor page states a maximum page size: a service may answer fewer rows than Limit asks
for. The emulator serves that reading (``max_page_size``); a transport that drops TotalCount
shows the other signal, a full page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from pulumi_tcmpp.api.users import DescribeUserList
from pulumi_tcmpp.client import Client, Settings
from pulumi_tcmpp.clone.discover import discover
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.pytest_plugin import *  # noqa: F403  (its fixtures)
from tests.emulator import world
from tests.emulator.sdk import Sdk

USERS = 23
"""Users made for the tests, besides the day-one super administrator."""


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, object]:
    return {"rate_limit": None}


@pytest.fixture
def emu(tcmpp_emulator: Emulator) -> Emulator:
    sdk = Sdk(tcmpp_emulator, "tcmpp")
    for index in range(USERS):
        world.user(sdk, f"user{index:02d}")
    return tcmpp_emulator


def settings(emu: Emulator) -> Settings:
    return Settings(
        secret_id=emu.secret_id,
        secret_key=emu.secret_key,
        endpoint=emu.endpoint,
        platform_id=emu.platform_id,
        rate_limit=0,
    )


@pytest.fixture
def client(emu: Emulator) -> Iterator[Client]:
    with Client(settings(emu)) as client:
        yield client


def accounts(client: Client, page_size: int) -> list[str]:
    request = DescribeUserList(offset=0, limit=1, platform_id=client.settings.platform_id or "")
    return [str(row.user_account) for row in client.paginate(request, page_size=page_size)]


@pytest.mark.parametrize("cap", [None, 1, 7, 10, 24, 100])
def test_paging_goes_past_pages_capped_below_the_limit(
    emu: Emulator, client: Client, cap: int | None
) -> None:
    emu.set_readings(max_page_size=cap)
    emu.clear_request_log()

    listed = accounts(client, page_size=100)

    assert sorted(listed) == sorted([*(f"user{i:02d}" for i in range(USERS)), "admin"])
    pages = [e for e in emu.request_log() if e["action"] == "DescribeUserList"]
    assert len(pages) == -(-(USERS + 1) // min(cap or 100, 100))  # ceil: no page more


def _without_total_count(inner: httpx.BaseTransport) -> httpx.BaseTransport:
    """The emulator behind a transport that drops TotalCount from every answer."""

    def handle(request: httpx.Request) -> httpx.Response:
        response = inner.handle_request(request)
        try:
            document = json.loads(response.read())
        finally:
            response.close()
        document["Response"].get("Data", {}).pop("TotalCount", None)
        return httpx.Response(200, json=document)

    return httpx.MockTransport(handle)


@pytest.mark.parametrize("cap", [None, 6])
def test_without_a_total_count_a_full_page_means_more(emu: Emulator, cap: int | None) -> None:
    emu.set_readings(max_page_size=cap)
    with (
        httpx.HTTPTransport() as inner,
        Client(settings(emu), transport=_without_total_count(inner)) as client,
    ):
        listed = accounts(client, page_size=6 if cap else 8)
    assert len(listed) == USERS + 1 and len(set(listed)) == USERS + 1


def test_a_service_that_ignores_offset_does_not_page_forever(emu: Emulator) -> None:
    def same_page(request: httpx.Request) -> httpx.Response:
        rows = [{"UserId": "U1", "UserAccount": "only"}]
        return httpx.Response(200, json={"Response": {"Data": {"DataList": rows}}})

    with Client(settings(emu), transport=httpx.MockTransport(same_page)) as client:
        assert accounts(client, page_size=1) == ["only"]


@pytest.mark.parametrize("cap", [3, 10])
def test_export_reads_every_object_past_capped_pages(
    emu: Emulator, client: Client, cap: int
) -> None:
    emu.set_readings(max_page_size=cap)

    snapshot = discover(client, page_size=100)

    assert len(snapshot.users) == USERS + 1
    assert len({u.user_id for u in snapshot.users}) == USERS + 1
