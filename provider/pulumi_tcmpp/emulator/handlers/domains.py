"""Domain allow and block lists: per mini program (by domain type) and platform-wide.

A mini program's ACL is one record per mini program mapping each domain type (1 request,
2 web-view, 3 socket, 4 upload, 5 download) to its URLs. The global lists hold one record
per URL with an integer DomainId; a URL may sit in only one of the two lists.
"""

from __future__ import annotations

from pulumi_tcmpp.api import domains as api
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    CreateDomainParam,
    CreateGlobalDomainResp,
    DescribeDomainInfoParam,
    DescribeGlobalDomainsListData,
    DescribeGlobalDomainsResp,
    GlobalDomainCheckResp,
    GlobalDomainDeleteResp,
    GlobalDomainModifyRespResp,
)
from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._store import Record
from pulumi_tcmpp.emulator.handlers._common import (
    Handler,
    check_text,
    keyword,
    matches,
    mnp_or_fail,
    newest_first,
    page,
    require,
)

__all__ = ["HANDLERS"]

OK = BooleanInfo(result=True)
MNP_DOMAIN_TYPES = (1, 2, 3, 4, 5)


def _acl(ctx: Ctx, mnp_id: str) -> Record:
    return ctx.get("mnp_domain", mnp_id) or {"mnp_id": mnp_id, "domains": {}}


def _items(domain: list[CreateDomainParam] | None) -> list[tuple[int, list[str] | None]]:
    out = []
    for index, item in enumerate(domain or []):
        domain_type = require(item.domain_type, f"Domain.{index}.DomainType")
        if domain_type not in MNP_DOMAIN_TYPES:
            fail("InvalidParameterValue", "DomainType must be 1, 2, 3, 4 or 5.")
        for url in item.domain_url_list or []:
            check_text(url, "InvalidParameterValue", 512, "DomainUrl")
        out.append((domain_type, item.domain_url_list))
    return out


def create_mnp_domain_acl(ctx: Ctx, req: api.CreateMNPDomainACL) -> BooleanInfo:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    acl = _acl(ctx, mnp["mnp_id"])
    if not req.domain:
        fail("InvalidParameterValue", "Domain must not be empty.")
    for index, (domain_type, urls) in enumerate(_items(req.domain)):
        present = acl["domains"].setdefault(str(domain_type), [])
        for url in require(urls, f"Domain.{index}.DomainUrlList"):
            if url in present:
                fail("FailedOperation.ExistRepeatDomainUrl", f"`{url}` is already in the list.")
            present.append(url)
    ctx.put("mnp_domain", mnp["mnp_id"], acl)
    return OK


def describe_mnp_domain_acl(
    ctx: Ctx, req: api.DescribeMNPDomainACL
) -> list[DescribeDomainInfoParam]:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    domains = _acl(ctx, mnp["mnp_id"])["domains"]
    return [
        DescribeDomainInfoParam(domain_url=";".join(domains[str(t)]), domain_type=t)
        for t in MNP_DOMAIN_TYPES
        if domains.get(str(t))
    ]


def modify_mnp_domain(ctx: Ctx, req: api.ModifyMNPDomain) -> BooleanInfo:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    acl = _acl(ctx, mnp["mnp_id"])
    for domain_type, urls in _items(req.domain):
        acl["domains"][str(domain_type)] = list(dict.fromkeys(urls or []))
    ctx.put("mnp_domain", mnp["mnp_id"], acl)
    return OK


def _global(ctx: Ctx) -> list[Record]:
    return ctx.scan("global_domain")


def _where(ctx: Ctx, url: str, skip_id: int | None = None) -> int | None:
    """The list (1 allow, 2 block) that holds a URL, if any."""
    for record in _global(ctx):
        if record["domain_url"] == url and record["domain_id"] != skip_id:
            return int(record["domain_type"])
    return None


def _classify(ctx: Ctx, urls: list[str], domain_type: int | None) -> tuple[list[str], ...]:
    """(repeated, in allow list, in block list) for a batch of URLs."""
    repeat: list[str] = []
    white: list[str] = []
    black: list[str] = []
    seen: set[str] = set()
    for url in urls:
        where = _where(ctx, url)
        if url in seen or (where is not None and where == domain_type):
            repeat.append(url)
        elif where == 1:
            white.append(url)
        elif where == 2:
            black.append(url)
        seen.add(url)
    return repeat, white, black


def create_global_domain_acl(ctx: Ctx, req: api.CreateGlobalDomainACL) -> CreateGlobalDomainResp:
    if req.domain_type not in (1, 2):
        fail("InvalidParameterValue", "DomainType must be 1 (allow) or 2 (block).")
    if not req.domain_url_list:
        fail("InvalidParameterValue", "DomainUrlList must not be empty.")
    for url in req.domain_url_list:
        check_text(url, "InvalidParameterValue", 512, "DomainUrl")
    repeat, white, black = _classify(ctx, req.domain_url_list, req.domain_type)
    if ctx.readings.global_domain_conflicts == "error":
        _refuse_listed(ctx, req.domain_url_list)
    ok = not (repeat or white or black)
    if ok:
        for url in req.domain_url_list:
            domain_id = ctx.counter("domain_id", 5601)
            ctx.put(
                "global_domain",
                str(domain_id),
                {
                    "domain_id": domain_id,
                    "domain_url": url,
                    "domain_type": req.domain_type,
                    "create_user": ctx.caller,
                    "create_time": ctx.now_str,
                    "update_user": ctx.caller,
                    "update_time": ctx.now_str,
                },
            )
    return CreateGlobalDomainResp(
        result=ok, repeat_urls=repeat, exists_white_urls=white, exists_black_urls=black
    )


def _refuse_listed(ctx: Ctx, urls: list[str], skip_id: int | None = None) -> None:
    """The ``error`` reading of a URL already listed: the tcmpp SDK's codes name the list."""
    if len(set(urls)) != len(urls):
        fail("FailedOperation.ExistRepeatDomainUrl", "A URL is given twice.")
    for url in urls:
        where = _where(ctx, url, skip_id)
        if where is not None:
            which = "allowlist" if where == 1 else "blocklist"
            code = (
                "FailedOperation.ExistWhiteDomain"
                if where == 1
                else "FailedOperation.ExistBlackDomain"
            )
            fail(ctx.code(code, "FailedOperation"), f"`{url}` is in the {which} already.")


def describe_global_domain_acl(
    ctx: Ctx, req: api.DescribeGlobalDomainACL
) -> DescribeGlobalDomainsResp:
    word = keyword(req.keyword)
    types = req.domain_types or None
    rows = [
        r
        for r in newest_first(_global(ctx))
        if matches(word, r["domain_url"]) and (types is None or r["domain_type"] in types)
    ]
    return DescribeGlobalDomainsResp(
        total_count=len(rows),
        data_list=[
            DescribeGlobalDomainsListData.model_validate(r)
            for r in page(rows, req.offset, req.limit)
        ],
    )


def _domain_or_fail(ctx: Ctx, domain_id: int) -> Record:
    return ctx.get("global_domain", str(domain_id)) or fail(
        "FailedOperation.RecordNotFound", f"The domain {domain_id} does not exist."
    )


def modify_global_domain(ctx: Ctx, req: api.ModifyGlobalDomain) -> GlobalDomainModifyRespResp:
    record = _domain_or_fail(ctx, req.domain_id)
    check_text(req.domain_url, "InvalidParameterValue", 512, "DomainUrl")
    if ctx.readings.global_domain_conflicts == "error":
        _refuse_listed(ctx, [req.domain_url], skip_id=record["domain_id"])
    where = _where(ctx, req.domain_url, skip_id=record["domain_id"])
    if where is not None:
        return GlobalDomainModifyRespResp(result=where)
    record.update(domain_url=req.domain_url, update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("global_domain", str(record["domain_id"]), record)
    return GlobalDomainModifyRespResp(result=0)


def delete_global_domain(ctx: Ctx, req: api.DeleteGlobalDomain) -> GlobalDomainDeleteResp:
    _domain_or_fail(ctx, req.domain_id)
    ctx.delete("global_domain", str(req.domain_id))
    return GlobalDomainDeleteResp(result=True)


def check_global_domain(ctx: Ctx, req: api.CheckGlobalDomain) -> GlobalDomainCheckResp:
    repeat, white, black = _classify(ctx, req.domain_url_list, None)
    return GlobalDomainCheckResp(
        repeat_urls=repeat, exists_white_urls=white, exists_black_urls=black
    )


HANDLERS: dict[str, Handler] = {
    "CreateMNPDomainACL": create_mnp_domain_acl,
    "DescribeMNPDomainACL": describe_mnp_domain_acl,
    "ModifyMNPDomain": modify_mnp_domain,
    "CreateGlobalDomainACL": create_global_domain_acl,
    "DescribeGlobalDomainACL": describe_global_domain_acl,
    "ModifyGlobalDomain": modify_global_domain,
    "DeleteGlobalDomain": delete_global_domain,
    "CheckGlobalDomain": check_global_domain,
}
