"""Domain allow and block lists: per mini program and platform-wide."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    CreateDomainParam,
    CreateGlobalDomainResp,
    DescribeDomainInfoParam,
    DescribeGlobalDomainsResp,
    GlobalDomainCheckResp,
    GlobalDomainDeleteResp,
    GlobalDomainModifyRespResp,
)

__all__ = [
    "CheckGlobalDomain",
    "CreateGlobalDomainACL",
    "CreateMNPDomainACL",
    "DeleteGlobalDomain",
    "DescribeGlobalDomainACL",
    "DescribeMNPDomainACL",
    "ModifyGlobalDomain",
    "ModifyMNPDomain",
]


class CreateMNPDomainACL(Request[BooleanInfo]):
    """Add a domain name to the allowlist/blocklist of a mini program.

    No own ID: the ACL is the whole domain set of one MNP. DomainType 1-5.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    domain: list[CreateDomainParam] = wire(description="Domain name list")
    platform_id: str = wire(description="Platform ID")


class DescribeMNPDomainACL(Request[list[DescribeDomainInfoParam]]):
    """Query the domain name allowlist / blocklist of a mini program.

    Unpaged; DomainUrl is a `;`-joined string per DomainType.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")


class ModifyMNPDomain(Request[BooleanInfo]):
    """Edit the mini program domain information.

    No delete action exists. The doc example sends DomainType entries without DomainUrlList,
    which presumably clears them (inferred; verify).
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")
    domain: list[CreateDomainParam] | None = wire(None, description="Domain name list")


class CreateGlobalDomainACL(Request[CreateGlobalDomainResp]):
    """Create a global domain allowlist or blocklist.

    Data has **no DomainId**: find it with DescribeGlobalDomainACL (Keyword=URL,
    DomainTypes=[type]) and match DomainUrl. Check RepeatUrls/ExistsWhiteUrls/ExistsBlackUrls
    for conflicts.
    """

    domain_url_list: list[str] = wire(description="Domain name list")
    domain_type: int = wire(description="Domain type. 1: Allowed; 2: Blocked")
    platform_id: str = wire(description="Platform ID")


class DescribeGlobalDomainACL(Request[DescribeGlobalDomainsResp]):
    """Query the global domain allowlist and blocklist.

    No get-by-id: list and match DomainId.
    """

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    domain_types: list[int] | None = wire(None, description="Domain type. 1: Allowed; 2: Blocked")
    keyword: str | None = wire(None, description="Domain names to be queried")


class ModifyGlobalDomain(Request[GlobalDomainModifyRespResp]):
    """Modify domain allowlist or blocklist.

    Only DomainUrl can change (DomainType immutable). Data.Result is an Integer: 0 ok, 1 already
    in allowlist, 2 already in blocklist — check it.
    """

    domain_id: int = wire(description="Domain ID")
    domain_url: str = wire(description="Domain name")
    platform_id: str = wire(description="Platform ID")


class DeleteGlobalDomain(Request[GlobalDomainDeleteResp]):
    """Delete domains from allowlist or blocklist.

    Data.Result is a Boolean.
    """

    domain_id: int = wire(description="Domain ID")
    platform_id: str = wire(description="Platform ID")


class CheckGlobalDomain(Request[GlobalDomainCheckResp]):
    """Query if the domain is in the allowlist or blocklist.

    pre-check which URLs already sit in the global allow/block lists (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    domain_url_list: list[str] = wire(description="Domain name list")
    platform_id: str = wire(description="Platform ID")
