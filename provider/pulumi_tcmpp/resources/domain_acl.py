"""DomainACL: the domain lists of one mini program, by kind.

API mapping: CreateMNPDomainACL (adds domains, so create first checks that the lists are
empty: otherwise the ACL exists and is adopted or refused), DescribeMNPDomainACL (one
``;``-joined string per kind), ModifyMNPDomain (sets the lists it is given), and no delete
action: deleting the resource sets every list to empty. The id is the mini program's id; there
is one ACL per mini program, so managing it from two stacks (or two resources) makes them
fight.

Each list is a set: order and duplicates do not matter, and it is kept sorted. Entries are
origins (the docs call them domain names and show only origins) whose scheme fits the kind:
``https://`` or ``http://`` for request, web-view, upload and download domains, ``wss://`` or
``ws://`` for socket domains; no path or query (rules ``domain-origin`` and ``socket-origin``).
"""

from __future__ import annotations

from typing import Annotated, Any

import pulumi
from pydantic import AfterValidator, Field

from pulumi_tcmpp.api.domains import CreateMNPDomainACL, DescribeMNPDomainACL, ModifyMNPDomain
from pulumi_tcmpp.api.types import CreateDomainParam
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError
from pulumi_tcmpp.resources._inputs import DomainOrigin, NonEmpty, ResourceArgs, SocketOrigin
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import DomainKind

__all__ = ["KIND_OF_INPUT", "DomainACL", "DomainACLArgs", "DomainACLProvider"]

KIND_OF_INPUT: dict[str, DomainKind] = {
    "request_domains": DomainKind.REQUEST,
    "web_view_domains": DomainKind.WEB_VIEW,
    "socket_domains": DomainKind.SOCKET,
    "upload_domains": DomainKind.UPLOAD,
    "download_domains": DomainKind.DOWNLOAD,
}


def _sorted_unique(values: list[str]) -> list[str]:
    return sorted(set(values))


HttpDomains = Annotated[list[DomainOrigin], AfterValidator(_sorted_unique)]
SocketDomains = Annotated[list[SocketOrigin], AfterValidator(_sorted_unique)]


class DomainACLArgs(ResourceArgs):
    """Inputs of a :class:`DomainACL`."""

    mini_program_id: NonEmpty = Field(description="MNPId of the mini program. Forces a replace.")
    request_domains: HttpDomains = Field(default_factory=list, description="Domains for requests.")
    web_view_domains: HttpDomains = Field(
        default_factory=list, description="Domains web-views may load."
    )
    socket_domains: SocketDomains = Field(default_factory=list, description="Domains for sockets.")
    upload_domains: HttpDomains = Field(
        default_factory=list, description="Domains for file uploads."
    )
    download_domains: HttpDomains = Field(
        default_factory=list, description="Domains for file downloads."
    )


def _params(args: DomainACLArgs, include_empty: bool) -> list[CreateDomainParam]:
    values = args.model_dump()
    return [
        CreateDomainParam(domain_url_list=values[name], domain_type=int(kind))
        for name, kind in KIND_OF_INPUT.items()
        if include_empty or values[name]
    ]


class DomainACLProvider(TcmppProvider[DomainACLArgs]):
    """CRUD for :class:`DomainACL`."""

    label = "domain ACL"
    args_type = DomainACLArgs
    replace_on = frozenset({"mini_program_id"})
    natural_key = ("mini_program_id",)
    ids_are_reused = True
    api_parameters = {
        "MNPId": ("mini_program_id",),
        "DomainUrl": tuple(KIND_OF_INPUT),
        "DomainUrlList": tuple(KIND_OF_INPUT),
    }

    def lookup(self, ctx: Context, args: DomainACLArgs) -> Live | None:
        live = self.fetch(ctx, args.mini_program_id, {})
        has_domains = live is not None and any(live.inputs[name] for name in KIND_OF_INPUT)
        return live if has_domains else None

    def existing_detail(self, found: Live) -> str:
        held = sorted({url for name in KIND_OF_INPUT for url in found.inputs[name]})
        return f"its domain lists hold {', '.join(held)}"

    def create_remote(self, ctx: Context, args: DomainACLArgs) -> str | None:
        # create looked first: CreateMNPDomainACL would merge into lists that hold domains
        domains = _params(args, include_empty=False)
        if domains:
            ctx.client.call(
                CreateMNPDomainACL(
                    mnp_id=args.mini_program_id, domain=domains, platform_id=ctx.platform_id
                )
            )
        return args.mini_program_id

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        try:
            reply = ctx.client.call(DescribeMNPDomainACL(mnp_id=id_, platform_id=ctx.platform_id))
        except NotFoundError:
            return None
        by_kind: dict[int, list[str]] = {}
        for entry in reply.data or []:
            urls = [u.strip() for u in (entry.domain_url or "").split(";") if u.strip()]
            by_kind.setdefault(int(entry.domain_type or 0), []).extend(urls)
        inputs: dict[str, Any] = {"mini_program_id": id_}
        for name, kind in KIND_OF_INPUT.items():
            inputs[name] = sorted(set(by_kind.get(int(kind), [])))
        return Live(id_, inputs)

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: DomainACLArgs,
        new: DomainACLArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        ctx.client.call(
            ModifyMNPDomain(
                mnp_id=id_, platform_id=ctx.platform_id, domain=_params(new, include_empty=True)
            )
        )
        return {}

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        empty = DomainACLArgs(mini_program_id=id_)
        ctx.client.call(
            ModifyMNPDomain(
                mnp_id=id_, platform_id=ctx.platform_id, domain=_params(empty, include_empty=True)
            )
        )


class DomainACL(TcmppResource, module="tcmpp", name="DomainACL"):
    """The domain allow lists of one mini program.

    ## Example Usage

    ```python
    tcmpp.DomainACL(
        "pickup-domains", mini_program_id=mnp.id,
        request_domains=["https://api.example.com"], socket_domains=["wss://push.example.com"],
    )
    ```
    """

    _provider_type = DomainACLProvider

    mini_program_id: pulumi.Output[str]
    request_domains: pulumi.Output[list[str]]
    web_view_domains: pulumi.Output[list[str]]
    socket_domains: pulumi.Output[list[str]]
    upload_domains: pulumi.Output[list[str]]
    download_domains: pulumi.Output[list[str]]

    def __init__(
        self,
        resource_name: str,
        *,
        mini_program_id: pulumi.Input[str],
        request_domains: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        web_view_domains: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        socket_domains: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        upload_domains: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        download_domains: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare the domain allow lists of one mini program.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param mini_program_id: MNPId of the mini program. Forces a replace.
        :param request_domains: Domains for requests.
        :param web_view_domains: Domains web-views may load.
        :param socket_domains: Domains for sockets.
        :param upload_domains: Domains for file uploads.
        :param download_domains: Domains for file downloads.
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
            DomainACLProvider,
            mini_program_id=mini_program_id,
            request_domains=request_domains or [],
            web_view_domains=web_view_domains or [],
            socket_domains=socket_domains or [],
            upload_domains=upload_domains or [],
            download_domains=download_domains or [],
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
