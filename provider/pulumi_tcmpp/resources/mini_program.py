"""MiniProgram: a mini program owned by a mini program team.

API mapping: CreateMNP, DescribeMNP / DescribeMNPList, ModifyMNP (type, name, intro and
description sent every time, icon optional), DeleteMNP. The team cannot be modified: changing
it replaces the mini program.

Delete of a mini program that is online: DeleteMNP's page lists FailedOperation, and the
platform may refuse to delete a mini program that is available to users. When it does, the
provider takes the mini program off the shelf (RemoveMNP, which deleting implies anyway) and
deletes it again. Deleting a mini program ends its bindings to applications, so an application
it was released to can be deleted after it (see :mod:`.application`).

``categories`` is a list of ``"Category->Value"`` strings from DescribeMNPCategory; the API
takes them comma-joined in ``MNPType``. Order does not matter: they are kept sorted, so a
plan never flaps on order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import pulumi
from pulumi.dynamic import CheckResult, DiffResult
from pydantic import AfterValidator, Field

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import ApiError, NotFoundError
from pulumi_tcmpp.resources._inputs import (
    Category,
    ImageUrl,
    MiniProgramDescription,
    MiniProgramIntro,
    Name,
    NonEmpty,
    ResourceArgs,
    is_unknown,
)
from pulumi_tcmpp.resources._platform_checks import category_failures
from pulumi_tcmpp.resources._polling import eventually, progress
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context

if TYPE_CHECKING:
    from pulumi_tcmpp.api import mini_programs
else:  # API models load with the first call (a program or a check never needs them)
    mini_programs = deferred_module("pulumi_tcmpp.api.mini_programs")

__all__ = [
    "MiniProgram",
    "MiniProgramArgs",
    "MiniProgramProvider",
    "join_categories",
    "split_categories",
]


def _tidy(value: str) -> str:
    name, _, item = value.partition("->")
    return f"{name.strip()}->{item.strip()}"


def _sorted_categories(values: list[str]) -> list[str]:
    return sorted(set(values))


TidyCategory = Annotated[Category, AfterValidator(_tidy)]


def join_categories(categories: list[str]) -> str:
    """The API's MNPType: the categories comma-joined."""
    return ",".join(categories)


def split_categories(mnp_type: str | None) -> list[str]:
    """MNPType back into sorted categories."""
    return sorted({part.strip() for part in (mnp_type or "").split(",") if part.strip()})


class MiniProgramArgs(ResourceArgs):
    """Inputs of a :class:`MiniProgram`."""

    name: Name = Field(description="Mini program name, unique on the platform, 1-64 characters.")
    team_id: NonEmpty = Field(description="TeamId of the mini program team. Forces a replace.")
    categories: Annotated[list[TidyCategory], AfterValidator(_sorted_categories)] = Field(
        min_length=1, description="Categories as 'Category->Value' strings."
    )
    icon: ImageUrl = Field(description="http(s) URL of the icon image.")
    intro: MiniProgramIntro = Field(description="Introduction, 1-500 characters.")
    description: MiniProgramDescription = Field(description="Description, 1-2000 characters.")


def _detail_live(id_: str, data: Any) -> Live:
    inputs = {
        "name": data.mnp_name,
        "team_id": data.team_id,
        "categories": split_categories(data.mnp_type),
        "icon": data.mnp_icon,
        "intro": data.mnp_intro,
        "description": data.mnp_desc,
    }
    computed = {
        "mini_program_id": id_,
        "team_name": data.team_name,
        "status": data.status,
        "access_status": data.access_status,
    }
    return Live(id_, inputs, computed)


def replacement_warning(
    id_: str, olds: dict[str, Any], news: dict[str, Any], replaces: list[str]
) -> str:
    """What a plan that replaces a mini program costs, in words (shown in preview and up)."""
    why = (
        "its team is being replaced"
        if is_unknown(news.get("team_id"))
        else f"{', '.join(replaces)} cannot be changed in place"
    )
    return (
        f"tcmpp: mini program {olds.get('name')!r} ({id_}) will be replaced because {why}: "
        "the old one is deleted with its versions, approvals, release history, bindings and "
        "domain ACL, and the new one starts without them. To keep them, keep the mini "
        "program's team (and the team's role, remark and related team, which replace it)."
    )


class MiniProgramProvider(TcmppProvider[MiniProgramArgs]):
    """CRUD for :class:`MiniProgram`."""

    label = "mini program"
    args_type = MiniProgramArgs
    replace_on = frozenset({"team_id"})
    natural_key = ("name",)
    computed = ("mini_program_id", "team_name", "status", "access_status")
    api_parameters = {
        "MNPName": ("name",),
        "TeamId": ("team_id",),
        "MNPType": ("categories",),
        "MNPIcon": ("icon",),
        "MNPIntro": ("intro",),
        "MNPDesc": ("description",),
    }

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Offline checks, then (with credentials) new categories against DescribeMNPCategory."""
        result = super().check(olds, news)
        if not result.failures:
            result.failures.extend(category_failures(olds, result.inputs))
        return result

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """As every resource's; a replacement also says what it destroys, before it happens."""
        result = super().diff(id_, olds, news)
        if result.changes and result.replaces:
            pulumi.log.warn(replacement_warning(id_, olds, news, list(result.replaces)))
        return result

    def lookup(self, ctx: Context, args: MiniProgramArgs) -> Live | None:
        request = mini_programs.DescribeMNPList(
            offset=0, limit=100, platform_id=ctx.platform_id, keyword=args.name
        )
        for row in ctx.client.paginate(request):
            if row.mnp_name == args.name and row.mnp_id:
                return self.fetch(ctx, row.mnp_id, {})
        return None

    def create_remote(self, ctx: Context, args: MiniProgramArgs) -> str | None:
        reply = ctx.client.call(
            mini_programs.CreateMNP(
                mnp_type=join_categories(args.categories),
                mnp_name=args.name,
                mnp_icon=args.icon,
                mnp_intro=args.intro,
                mnp_desc=args.description,
                platform_id=ctx.platform_id,
                team_id=args.team_id,
            )
        )
        return reply.data.resource_id if reply.data and reply.data.resource_id else None

    def after_create(
        self, ctx: Context, id_: str, args: MiniProgramArgs, live: Live | None
    ) -> Live:
        """The computed outputs (team name, status, access status) need one read, once the
        reads show the new mini program (they may trail a write)."""
        found = live if live and live.computed else None
        if found is None:
            found = eventually(
                ctx, f"mini program {id_}", lambda: self.fetch(ctx, id_, {}), hint=""
            )
        computed = {"mini_program_id": id_, **found.computed}
        return Live(id_, self.inputs_of(args), computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        try:
            reply = ctx.client.call(
                mini_programs.DescribeMNP(mnp_id=id_, platform_id=ctx.platform_id)
            )
        except NotFoundError:
            return None
        return (
            _detail_live(id_, reply.data) if reply.data is not None and reply.data.mnp_id else None
        )

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: MiniProgramArgs,
        new: MiniProgramArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        ctx.client.call(
            mini_programs.ModifyMNP(
                mnp_type=join_categories(new.categories),
                mnp_name=new.name,
                mnp_intro=new.intro,
                mnp_desc=new.description,
                mnp_id=id_,
                platform_id=ctx.platform_id,
                mnp_icon=new.icon,
            )
        )
        return {}

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        delete = mini_programs.DeleteMNP(mnp_id=id_, platform_id=ctx.platform_id)
        try:
            ctx.client.call(delete)
        except NotFoundError:
            raise  # gone already: the caller takes that as deleted
        except ApiError as refused:
            if refused.code != "FailedOperation" or not _took_off_shelf(ctx, id_):
                raise
            ctx.client.call(delete)


def _took_off_shelf(ctx: Context, mnp_id: str) -> bool:
    """RemoveMNP before a delete the platform refused; False when it was not online."""
    try:
        ctx.client.call(mini_programs.RemoveMNP(mnp_id=mnp_id, platform_id=ctx.platform_id))
    except NotFoundError as exc:
        if exc.code == "FailedOperation.RecordNotFound":
            return False  # not on the shelf: the refusal had another reason
        raise
    progress(f"took mini program {mnp_id} off the shelf (RemoveMNP) to delete it")
    return True


class MiniProgram(TcmppResource, module="tcmpp", name="MiniProgram"):
    """A TCMPP mini program.

    ## Example Usage

    ```python
    mnp = tcmpp.MiniProgram(
        "pickup", name="Pickup", team_id=mnp_team.id,
        categories=["Logistics Services->1_Pickup/Delivery"],
        icon="https://cdn.example.com/pickup.png", intro="Pick up parcels",
        description="Book a courier to pick up your parcels.",
    )
    ```

    ``mini_program_id`` is the resource's id: it stays known in the preview of an update.
    """

    _provider_type = MiniProgramProvider
    _id_output = "mini_program_id"

    mini_program_id: pulumi.Output[str]
    name: pulumi.Output[str]
    team_id: pulumi.Output[str]
    categories: pulumi.Output[list[str]]
    icon: pulumi.Output[str]
    intro: pulumi.Output[str]
    description: pulumi.Output[str]
    team_name: pulumi.Output[str | None]
    status: pulumi.Output[int | None]
    access_status: pulumi.Output[int | None]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        team_id: pulumi.Input[str],
        categories: pulumi.Input[list[pulumi.Input[str]]],
        icon: pulumi.Input[str],
        intro: pulumi.Input[str],
        description: pulumi.Input[str],
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a TCMPP mini program.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param name: Mini program name, unique on the platform, 1-64 characters.
        :param team_id: TeamId of the mini program team. Forces a replace.
        :param categories: Categories as 'Category->Value' strings.
        :param icon: http(s) URL of the icon image.
        :param intro: Introduction, 1-500 characters.
        :param description: Description, 1-2000 characters.
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
            MiniProgramProvider,
            name=name,
            team_id=team_id,
            categories=categories,
            icon=icon,
            intro=intro,
            description=description,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
