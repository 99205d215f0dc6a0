"""GlobalDomain: one platform-wide allow or block entry.

API mapping: CreateGlobalDomainACL (answers with no id but with RepeatUrls / ExistsWhiteUrls /
ExistsBlackUrls, which are conflicts), DescribeGlobalDomainACL (list; the entry is found by
url and kind), ModifyGlobalDomain (the url only; its numeric ``Result`` says 0 ok, 1 already
allowed, 2 already blocked), DeleteGlobalDomain. Changing the kind replaces the entry (deleted
first, since one url cannot sit in both lists).
"""

from __future__ import annotations

from typing import Annotated, Any

import pulumi
from pulumi import dynamic
from pydantic import AfterValidator, Field

from pulumi_tcmpp.api.domains import (
    CreateGlobalDomainACL,
    DeleteGlobalDomain,
    DescribeGlobalDomainACL,
    ModifyGlobalDomain,
)
from pulumi_tcmpp.api.types import DescribeGlobalDomainsListData
from pulumi_tcmpp.errors import ConflictError, TcmppError
from pulumi_tcmpp.resources._deleted import recently_deleted
from pulumi_tcmpp.resources._inputs import ResourceArgs
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import GlobalDomainKind, GlobalDomainKindInput

__all__ = ["GlobalDomain", "GlobalDomainArgs", "GlobalDomainProvider"]

_RESULT_TEXT = {1: "it is already in the allowlist", 2: "it is already in the blocklist"}


def _domain(value: str) -> str:
    if not value or any(ch in value for ch in " \t;,") or len(value) > 253:
        raise ValueError("must be a domain name (no spaces, ';' or ','; at most 253 characters)")
    return value


class GlobalDomainArgs(ResourceArgs):
    """Inputs of a :class:`GlobalDomain`."""

    url: Annotated[str, AfterValidator(_domain)] = Field(
        description="The domain, e.g. api.example.com."
    )
    kind: GlobalDomainKindInput = Field(description="allow (1) or block (2). Forces a replace.")


def _live(row: DescribeGlobalDomainsListData) -> Live:
    inputs = {"url": row.domain_url, "kind": row.domain_type}
    return Live(str(row.domain_id), inputs, {"domain_id": row.domain_id})


def _rows(
    ctx: Context, keyword: str | None, kind: int | None
) -> list[DescribeGlobalDomainsListData]:
    request = DescribeGlobalDomainACL(
        offset=0,
        limit=100,
        platform_id=ctx.platform_id,
        keyword=keyword,
        domain_types=[kind] if kind else None,
    )
    return list(ctx.client.paginate(request))


class GlobalDomainProvider(TcmppProvider[GlobalDomainArgs]):
    """CRUD for :class:`GlobalDomain`."""

    label = "global domain"
    args_type = GlobalDomainArgs
    replace_on = frozenset({"kind"})
    natural_key = ("url",)
    computed = ("domain_id",)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> Any:
        result = super().diff(_id, olds, news)
        if result.replaces:
            result.delete_before_replace = True  # one url cannot be in both lists
        return result

    def lookup(self, ctx: Context, args: GlobalDomainArgs) -> Live | None:
        for row in _rows(ctx, args.url, int(args.kind)):
            if row.domain_url == args.url and row.domain_type == int(args.kind):
                live = _live(row)  # an entry deleted a moment ago may still be listed
                return None if recently_deleted(ctx.platform_id, self.label, live.id) else live
        return None

    def create_remote(self, ctx: Context, args: GlobalDomainArgs) -> str | None:
        reply = ctx.client.call(
            CreateGlobalDomainACL(
                domain_url_list=[args.url], domain_type=int(args.kind), platform_id=ctx.platform_id
            )
        )
        data = reply.data
        if data is not None:
            same, other = (
                (data.exists_white_urls, data.exists_black_urls)
                if args.kind == GlobalDomainKind.ALLOW
                else (data.exists_black_urls, data.exists_white_urls)
            )
            if args.url in (other or []):
                listed = "blocklist" if args.kind == GlobalDomainKind.ALLOW else "allowlist"
                raise TcmppError(
                    f"{args.url} is already in the platform's {listed}; remove it there first"
                )
            if args.url in (same or []) or args.url in (data.repeat_urls or []):
                raise ConflictError(
                    "CreateGlobalDomainACL",
                    "Exists",
                    f"{args.url} is already listed",
                    reply.request_id,
                )
        return None

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        url = previous.get("url")
        searches = [url, None] if isinstance(url, str) and url else [None]
        for keyword in searches:  # by the last known url first, then the whole list
            for row in _rows(ctx, keyword, None):
                if str(row.domain_id) == id_:
                    return _live(row)
        return None

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: GlobalDomainArgs,
        new: GlobalDomainArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        reply = ctx.client.call(
            ModifyGlobalDomain(domain_id=int(id_), domain_url=new.url, platform_id=ctx.platform_id)
        )
        result = reply.data.result if reply.data else 0
        if result:
            reason = _RESULT_TEXT.get(int(result), f"the API answered Result={result}")
            raise TcmppError(
                f"ModifyGlobalDomain refused {new.url!r}: {reason} (RequestId: {reply.request_id})"
            )
        return {}

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        ctx.client.call(DeleteGlobalDomain(domain_id=int(id_), platform_id=ctx.platform_id))


class GlobalDomain(dynamic.Resource, module="tcmpp", name="GlobalDomain"):
    """A platform-wide allowed or blocked domain.

    ## Example Usage

    ```python
    tcmpp.GlobalDomain("cdn", url="cdn.example.com", kind=tcmpp.GlobalDomainKind.ALLOW)
    ```
    """

    domain_id: pulumi.Output[int]
    url: pulumi.Output[str]
    kind: pulumi.Output[int]

    def __init__(
        self,
        resource_name: str,
        *,
        url: pulumi.Input[str],
        kind: pulumi.Input[GlobalDomainKind | int | str],
        adopt: bool | None = None,
        on_exists: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = declare_props(
            GlobalDomainProvider, url=url, kind=kind, adopt=adopt, on_exists=on_exists
        )
        super().__init__(GlobalDomainProvider(), resource_name, props, opts)
