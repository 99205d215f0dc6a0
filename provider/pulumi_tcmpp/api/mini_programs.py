"""Mini programs and their categories."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    AgeRatingItemReq,
    BooleanInfo,
    DescribeMNPListResp,
    DescribeMNPManagerDetailData,
    MNPI18NSyncDto,
    MNPTypeDefine,
    ResourceIdInfo,
    ResourceIdStringInfo,
    StringData,
)

__all__ = [
    "CreateMNP",
    "DeleteMNP",
    "DescribeMNP",
    "DescribeMNPCategory",
    "DescribeMNPList",
    "DescribeMNPOfflinePackageURL",
    "ModifyMNP",
    "RemoveMNP",
]


class CreateMNP(Request[ResourceIdStringInfo]):
    """Create a mini program.

    Data.ResourceId = MNPId. TeamId is not in ModifyMNP (immutable). MNPType is a comma-joined
    list of `TypeName->TypeValue` pairs from DescribeMNPCategory, e.g. `Logistics
    Services->1_Pickup/Delivery,Life Service->144_Lilliputian Services`.
    """

    mnp_type: str = wire(alias="MNPType", description="Mini program type")
    mnp_name: str = wire(alias="MNPName", description="Mini program name")
    mnp_icon: str = wire(alias="MNPIcon", description="Mini app icon")
    mnp_intro: str = wire(alias="MNPIntro", description="Mini program introduction")
    mnp_desc: str = wire(alias="MNPDesc", description="Mini program description")
    platform_id: str = wire(description="Platform ID")
    team_id: str | None = wire(None, description="Team ID")
    i18n_list: list[MNPI18NSyncDto] | None = wire(
        None,
        alias="I18nList",
        only="tcsas",
        description="Mini program information in multiple languages (tcsas only)",
    )
    age_ratings: list[AgeRatingItemReq] | None = wire(
        None, only="tcsas", description="Age ratings (tcsas only)"
    )


class DescribeMNP(Request[DescribeMNPManagerDetailData]):
    """Query details of a mini program.

    Status 1 released / 2 removed (RemoveMNP).
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")


class DescribeMNPList(Request[DescribeMNPListResp]):
    """Query the list of mini programs."""

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    keyword: str | None = wire(None, description="Keywords for search (mini program name)")
    team_id: str | None = wire(None, description="Team ID")
    application_id: str | None = wire(None, description="Application ID")


class ModifyMNP(Request[ResourceIdInfo]):
    """Modify mini program information.

    MNPType/MNPName/MNPIntro/MNPDesc required every time; MNPIcon optional. Data is
    ResourceIdInfo (an Integer), not the MNPId.
    """

    mnp_type: str = wire(alias="MNPType", description="Mini program type")
    mnp_name: str = wire(alias="MNPName", description="Mini program name")
    mnp_intro: str = wire(alias="MNPIntro", description="Mini program introduction")
    mnp_desc: str = wire(alias="MNPDesc", description="Mini program description")
    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")
    mnp_icon: str | None = wire(None, alias="MNPIcon", description="Mini program icon")
    i18n_list: list[MNPI18NSyncDto] | None = wire(
        None,
        alias="I18nList",
        only="tcsas",
        description="Mini program information in multiple languages (tcsas only)",
    )
    age_ratings: list[AgeRatingItemReq] | None = wire(
        None, only="tcsas", description="Age ratings (tcsas only)"
    )


class DeleteMNP(Request[BooleanInfo]):
    """Delete the mini program.

    The delete. RemoveMNP is a separate action that takes the mini program off the shelf.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")


class RemoveMNP(Request[BooleanInfo]):
    """Remove a mini program.

    Takes the mini program off the shelf (DescribeMNP Status 2 'removed' / tcsas 'not
    available'); presumably not a delete, DeleteMNP is.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")


class DescribeMNPCategory(Request[list[MNPTypeDefine]]):
    """Query the list of mini program types."""

    platform_id: str = wire(description="Platform ID")


class DescribeMNPOfflinePackageURL(Request[StringData]):
    """DescribeMNPOfflinePackageURL.

    Download URL of the mini program package in Data.Data (tcsas wording); needs an online
    version (FailedOperation.MNPOnlineVersionNotExist).
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")
