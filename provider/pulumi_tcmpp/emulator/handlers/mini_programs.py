"""Mini programs and their categories.

A new mini program is not yet available (Status 2); releasing a version makes it available
(1) and RemoveMNP takes it off the shelf again (2). MNPType is a comma-joined list of
``TypeName->TypeValue`` pairs that must name the platform's categories.
"""

from __future__ import annotations

from urllib.parse import urlparse

from pulumi_tcmpp.api import mini_programs as api
from pulumi_tcmpp.api.types import (
    AgeRatingItem,
    AgeRatingItemReq,
    BooleanInfo,
    DescribeMNPListData,
    DescribeMNPListResp,
    DescribeMNPManagerDetailData,
    MNPDetailI18nVO,
    MNPI18NSyncDto,
    MNPTypeDefine,
    ResourceIdInfo,
    ResourceIdStringInfo,
    StringData,
)
from pulumi_tcmpp.emulator import _ids as ids
from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._store import Record
from pulumi_tcmpp.emulator.handlers._common import (
    Handler,
    blank,
    check_text,
    keyword,
    matches,
    mnp_or_fail,
    newest_first,
    page,
    team_or_fail,
)
from pulumi_tcmpp.emulator.handlers._relations import (
    bindings,
    effect_status,
    online_version,
    team_name,
)

__all__ = ["HANDLERS", "delete_mnp_records"]

OK = BooleanInfo(result=True)
MAX_TYPES = 5
"""InvalidParameterValue.MNPTypeNumberExceedLimit: the docs give no number; five is assumed."""
_ICON_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")
_LANGS = {"en-US", "zh-CN", "zh-TW", "zh-HK", "th-TH", "id-ID", "ms-MY", "vi-VN", "ja-JP", "ko-KR"}
_AGE_STANDARDS = {"apple": 17, "iarc": 18}
"""Age rating standards and the highest age each rates (Apple 17+, IARC 18+)."""


def _check_type(ctx: Ctx, value: str) -> str:
    pairs = [p for p in value.split(",")]
    if len(pairs) > MAX_TYPES:
        fail(
            "InvalidParameterValue.MNPTypeNumberExceedLimit",
            f"At most {MAX_TYPES} categories may be given.",
        )
    known = {(c["type_name"], v) for c in ctx.scan("category") for v in c["type_value"]}
    for pair in pairs:
        name, sep, sub = pair.partition("->")
        if not sep or (name, sub) not in known:
            fail(
                "InvalidParameterValue.InvalidMNPType",
                f"`{pair}` is not a TypeName->TypeValue pair of DescribeMNPCategory.",
            )
    if len(set(pairs)) != len(pairs):
        fail("InvalidParameterValue.InvalidMNPType", "A category is given twice.")
    return value


def _check_icon(icon: str) -> str:
    url = urlparse(icon)
    if not url.path.lower().endswith(_ICON_SUFFIXES):
        fail(
            "InvalidParameterValue.InvalidMNPIcon",
            "MNPIcon must be the URL of a png, jpg, jpeg, gif, webp, bmp or svg image.",
        )
    if url.scheme not in ("http", "https") or not url.netloc:
        fail(
            "FailedOperation.MiniProgramIconAnalysisFailed",
            f"The icon `{icon}` could not be fetched: MNPIcon must be an http(s) URL with a host.",
        )
    return icon


def _check_name(ctx: Ctx, name: str, mnp_id: str | None = None) -> str:
    check_text(name, "InvalidParameterValue.InvalidMNPName", 64, "MNPName")
    if any(m["mnp_name"] == name and m["mnp_id"] != mnp_id for m in ctx.scan("mnp")):
        fail(
            "InvalidParameterValue.MiniProgramNameAlreadyExist",
            f"The mini program name `{name}` already exists.",
        )
    return name


def _i18n(items: list[MNPI18NSyncDto] | None) -> list[Record]:
    out = []
    for index, item in enumerate(items or [], start=1):
        if item.lang not in _LANGS:
            fail("InvalidParameterValue.InvalidMNPI18NLang", f"Unknown language `{item.lang}`.")
        out.append(
            {
                "id": index,
                "lang": item.lang,
                "is_default": item.is_default or 0,
                "mnp_name": item.mnp_name or "",
                "mnp_intro": item.mnp_intro or "",
            }
        )
    return out


def _ages(items: list[AgeRatingItemReq] | None) -> list[Record]:
    seen: set[str] = set()
    out = []
    for item in items or []:
        if item.standard_id not in _AGE_STANDARDS:
            fail("InvalidParameterValue.InvalidAgeRatingStandard")
        if item.standard_id in seen:
            fail("InvalidParameterValue.DuplicateAgeRatingStandard")
        seen.add(item.standard_id)
        age = item.age_rating or 0
        highest = _AGE_STANDARDS[item.standard_id]
        if age > highest:
            fail(
                "InvalidParameterValue.AgeRatingExceedSupperAppLimit",
                f"AgeRating {age} exceeds the highest {item.standard_id} rating, {highest}+.",
            )
        out.append({"standard_id": item.standard_id, "age_rating": age, "label": f"{age}+"})
    return out


def _check_texts(intro: str, desc: str) -> None:
    check_text(intro, "InvalidParameterValue.InvalidMNPIntro", 500, "MNPIntro")
    check_text(desc, "InvalidParameterValue", 2000, "MNPDesc")


def create_mnp(ctx: Ctx, req: api.CreateMNP) -> ResourceIdStringInfo:
    team_id = blank(req.team_id)
    if team_id is not None and team_or_fail(ctx, team_id)["team_type"] != 1:
        fail("FailedOperation.OperationsTeamNoMiniProgramPermission")
    mnp_type = _check_type(ctx, req.mnp_type)
    name = _check_name(ctx, req.mnp_name)
    _check_texts(req.mnp_intro, req.mnp_desc)
    most = ctx.readings.max_mini_programs
    if most is not None and len(ctx.scan("mnp")) >= most:
        fail("FailedOperation.MNPNumberExceedLimit", f"The plan allows {most} mini programs.")
    mnp_id = ctx.unique("mnp", ids.mnp_id)
    ctx.put(
        "mnp",
        mnp_id,
        {
            "mnp_id": mnp_id,
            "mnp_name": name,
            "mnp_type": mnp_type,
            "mnp_icon": _check_icon(req.mnp_icon),
            "mnp_intro": req.mnp_intro,
            "mnp_desc": req.mnp_desc,
            "team_id": team_id or "",
            "status": 2,
            "i18n": _i18n(req.i18n_list),
            "age_ratings": _ages(req.age_ratings),
            "online_version_id": None,
            "preview_version_id": None,
            "preview_path": "",
            "create_user": ctx.caller,
            "create_time": ctx.now_str,
            "update_user": ctx.caller,
            "update_time": ctx.now_str,
        },
    )
    return ResourceIdStringInfo(resource_id=mnp_id)


def _team_type(ctx: Ctx, mnp: Record) -> int:
    team = ctx.get("team", mnp["team_id"]) if mnp["team_id"] else None
    return int(team["team_type"]) if team else 0


def _age_items(mnp: Record) -> list[AgeRatingItem]:
    return [AgeRatingItem.model_validate(a) for a in mnp.get("age_ratings", [])]


def describe_mnp(ctx: Ctx, req: api.DescribeMNP) -> DescribeMNPManagerDetailData:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    return DescribeMNPManagerDetailData(
        mnp_type=mnp["mnp_type"],
        mnp_id=mnp["mnp_id"],
        mnp_name=mnp["mnp_name"],
        mnp_icon=mnp["mnp_icon"],
        mnp_intro=mnp["mnp_intro"],
        mnp_desc=mnp["mnp_desc"],
        create_time=mnp["create_time"],
        create_user=mnp["create_user"],
        access_status=2 if bindings(ctx, mnp_id=mnp["mnp_id"]) else 1,
        team_name=team_name(ctx, mnp["team_id"]),
        team_id=mnp["team_id"],
        status=mnp["status"],
        i18n_list=[MNPDetailI18nVO.model_validate(i) for i in mnp.get("i18n", [])],
        team_type_id=_team_type(ctx, mnp),
        age_ratings=_age_items(mnp),
        merchant_id="",
    )


def _bound_apps(ctx: Ctx) -> dict[str, list[str]]:
    """MNPId -> the ApplicationIds it is bound to, from one pass over the bindings."""
    bound: dict[str, list[str]] = {}
    for binding in ctx.scan("binding"):
        bound.setdefault(binding["mnp_id"], []).append(binding["app_id"])
    return bound


def _list_row(ctx: Ctx, mnp: Record, bound: list[str]) -> DescribeMNPListData:
    app = ctx.get("application", bound[0]) if bound else None
    online = online_version(ctx, mnp) if bound else None
    return DescribeMNPListData(
        mnp_id=mnp["mnp_id"],
        mnp_icon=mnp["mnp_icon"],
        mnp_name=mnp["mnp_name"],
        team_name=team_name(ctx, mnp["team_id"]),
        mnp_type=mnp["mnp_type"],
        status=mnp["status"],
        mnp_intro=mnp["mnp_intro"],
        create_user=mnp["create_user"],
        create_time=mnp["create_time"],
        update_user=mnp["update_user"],
        update_time=mnp["update_time"],
        application_name=app["application_name"] if app else "",
        effect_status=effect_status(ctx, mnp, bool(bound)),
        effect_mnp_version_id=online["version_id"] if online else 0,
        effect_mnp_version=online["mnp_version"] if online else "",
        team_id=mnp["team_id"],
        team_type_id=_team_type(ctx, mnp),
        age_ratings=_age_items(mnp),
    )


def describe_mnp_list(ctx: Ctx, req: api.DescribeMNPList) -> DescribeMNPListResp:
    word = keyword(req.keyword)
    team_id = blank(req.team_id)
    app_id = blank(req.application_id)
    bound = _bound_apps(ctx)

    def apps_of(mnp: Record) -> list[str]:
        apps = bound.get(mnp["mnp_id"], [])
        return [a for a in apps if a == app_id] if app_id else apps

    mnps = [
        m
        for m in newest_first(ctx.scan("mnp"))
        if matches(word, m["mnp_name"])
        and (team_id is None or m["team_id"] == team_id)
        and (app_id is None or apps_of(m))
    ]
    rows = page(mnps, req.offset, req.limit)
    return DescribeMNPListResp(
        total_count=len(mnps), data_list=[_list_row(ctx, m, apps_of(m)) for m in rows]
    )


def modify_mnp(ctx: Ctx, req: api.ModifyMNP) -> ResourceIdInfo:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    mnp["mnp_type"] = _check_type(ctx, req.mnp_type)
    mnp["mnp_name"] = _check_name(ctx, req.mnp_name, mnp["mnp_id"])
    _check_texts(req.mnp_intro, req.mnp_desc)
    mnp.update(mnp_intro=req.mnp_intro, mnp_desc=req.mnp_desc)
    clear = ctx.readings.modify_omitted == "clear"
    if req.mnp_icon is not None or clear:
        mnp["mnp_icon"] = _check_icon(req.mnp_icon) if req.mnp_icon is not None else ""
    if req.i18n_list is not None or (clear and ctx.backend == "tcsas"):
        mnp["i18n"] = _i18n(req.i18n_list)
    if req.age_ratings is not None or (clear and ctx.backend == "tcsas"):
        mnp["age_ratings"] = _ages(req.age_ratings)
    mnp.update(update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("mnp", mnp["mnp_id"], mnp)
    preview = (
        ctx.get("version", str(mnp["preview_version_id"])) if mnp["preview_version_id"] else None
    )
    trial = 0 if preview is None else (1 if preview["create_user"] == ctx.caller else 2)
    return ResourceIdInfo(resource_id=trial)


def delete_mnp_records(ctx: Ctx, mnp_id: str) -> None:
    """Everything that hangs off a mini program goes with it."""
    for kind, key_field in (
        ("version", "version_id"),
        ("task", "task_id"),
        ("approval", "approval_no"),
        ("release", "release_key"),
        ("binding", "binding_key"),
        ("permission", "approval_no"),
    ):
        for record in ctx.scan(kind):
            if record["mnp_id"] == mnp_id:
                ctx.delete(kind, str(record[key_field]))
    ctx.delete("mnp_domain", mnp_id)
    ctx.delete("mnp", mnp_id)


def delete_mnp(ctx: Ctx, req: api.DeleteMNP) -> BooleanInfo:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    if ctx.readings.delete_mnp == "refuse_online" and mnp["status"] == 1:
        fail(
            "FailedOperation",
            f"The mini program `{mnp['mnp_id']}` is online; take it off the shelf (RemoveMNP) "
            "before deleting it.",
        )
    delete_mnp_records(ctx, mnp["mnp_id"])
    return OK


def remove_mnp(ctx: Ctx, req: api.RemoveMNP) -> BooleanInfo:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    if mnp["status"] != 1:
        fail("FailedOperation.RecordNotFound", "The mini program is not available to remove.")
    mnp.update(status=2, update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("mnp", mnp["mnp_id"], mnp)
    return OK


def describe_mnp_category(ctx: Ctx, req: api.DescribeMNPCategory) -> list[MNPTypeDefine]:
    return [MNPTypeDefine.model_validate(c) for c in ctx.scan("category")]


def describe_mnp_offline_package_url(ctx: Ctx, req: api.DescribeMNPOfflinePackageURL) -> StringData:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    online = online_version(ctx, mnp)
    if online is None:
        fail("FailedOperation.MNPOnlineVersionNotExist")
    url = f"http://127.0.0.1/{ctx.platform_id}/mpp/{mnp['mnp_id']}_{online['mnp_version']}.apkg"
    return StringData(data=url)


HANDLERS: dict[str, Handler] = {
    "CreateMNP": create_mnp,
    "DescribeMNP": describe_mnp,
    "DescribeMNPList": describe_mnp_list,
    "ModifyMNP": modify_mnp,
    "DeleteMNP": delete_mnp,
    "RemoveMNP": remove_mnp,
    "DescribeMNPCategory": describe_mnp_category,
    "DescribeMNPOfflinePackageURL": describe_mnp_offline_package_url,
}
