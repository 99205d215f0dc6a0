"""GlobalDomain: one platform-wide allow or block entry.

API mapping: CreateGlobalDomainACL (answers with no id but with RepeatUrls / ExistsWhiteUrls /
ExistsBlackUrls, which are conflicts), DescribeGlobalDomainACL (list; the entry is found by
url and kind), ModifyGlobalDomain (the url only; its numeric ``Result`` says 0 ok, 1 already
allowed, 2 already blocked), DeleteGlobalDomain. Changing the kind replaces the entry (deleted
first, since one url cannot sit in both lists).
"""

from __future__ import annotations

from typing import Any

import pulumi
from pydantic import Field

from pulumi_tcmpp.api.domains import (
    CreateGlobalDomainACL,
    DeleteGlobalDomain,
    DescribeGlobalDomainACL,
    ModifyGlobalDomain,
)
from pulumi_tcmpp.api.types import DescribeGlobalDomainsListData
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import ConflictError, TcmppError
from pulumi_tcmpp.resources._inputs import GlobalDomainName, ResourceArgs
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import (
    GlobalDomainKind,
    GlobalDomainKindInput,
    GlobalDomainKindValue,
)

__all__ = ["GlobalDomain", "GlobalDomainArgs", "GlobalDomainProvider"]

KEYWORD_LIMIT = 64
"""A longer Keyword is QueryParameterLengthExceedLimit: such a url is found in the whole list."""
_RESULT_TEXT = {1: "it is already in the allowlist", 2: "it is already in the blocklist"}


class GlobalDomainArgs(ResourceArgs):
    """Inputs of a :class:`GlobalDomain`."""

    url: GlobalDomainName = Field(
        description="The domain, e.g. api.example.com (or https://api.example.com)."
    )
    kind: GlobalDomainKindInput = Field(
        description='"allow" (1) or "block" (2), or a GlobalDomainKind. Forces a replace.'
    )


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
        keyword=keyword if keyword and len(keyword) <= KEYWORD_LIMIT else None,
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
    api_parameters = {"DomainUrl": ("url",), "DomainUrlList": ("url",), "DomainType": ("kind",)}

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> Any:
        result = super().diff(_id, olds, news)
        if result.replaces and "connection" not in result.replaces:
            result.delete_before_replace = True  # one url cannot be in both lists (of a platform)
        return result

    def lookup(self, ctx: Context, args: GlobalDomainArgs) -> Live | None:
        for row in _rows(ctx, args.url, int(args.kind)):
            if row.domain_url == args.url and row.domain_type == int(args.kind):
                return _live(row)
        return None

    def existing_detail(self, found: Live) -> str:
        return f"{found.inputs['url']} is already listed (entry {found.id})"

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


class GlobalDomain(TcmppResource, module="tcmpp", name="GlobalDomain"):
    """A platform-wide allowed or blocked domain.

    ## Example Usage

    ```python
    tcmpp.GlobalDomain("cdn", url="cdn.example.com", kind=tcmpp.GlobalDomainKind.ALLOW)
    ```
    """

    _provider_type = GlobalDomainProvider
    _id_output = "domain_id"
    _id_is_int = True

    domain_id: pulumi.Output[int]
    url: pulumi.Output[str]
    kind: pulumi.Output[int]

    def __init__(
        self,
        resource_name: str,
        *,
        url: pulumi.Input[str],
        kind: pulumi.Input[GlobalDomainKindValue],
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a platform-wide allowed or blocked domain.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param url: The domain, e.g. api.example.com (or https://api.example.com).
        :param kind: "allow" (1) or "block" (2), or a GlobalDomainKind. Forces a replace.
        :param adopt: On create, take over an existing object with the same natural key instead of
            failing, and update it to these inputs (same as on_exists='adopt').
        :param on_exists: What create does when an object with the same natural key already exists:
            fail (the default), adopt it (update it to these inputs and manage it), or skip it (use
            it as it is, never modify or delete it).
        :param connection: Where the settings come from (a Connection: a config namespace, an
            environment prefix, a tccli profile, a platform id, endpoint or back end); the stack's
            tcmpp:* settings when unset. Names only: no credential is ever stored. Reaching another
            platform forces a replace.
        :param opts: Options for the resource (``depends_on``, ``protect``, ``parent``...).
        """
        props = declare_props(
            GlobalDomainProvider,
            url=url,
            kind=kind,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
