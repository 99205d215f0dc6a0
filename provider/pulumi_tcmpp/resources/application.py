"""Application: a superapp that hosts mini programs, with its SDK configuration files.

API mapping: CreateApplication, DescribeApplication / DescribeApplicationList,
ModifyApplication (name, intro, logo, package names, remark: all sent every time),
DeleteApplication, and DescribeApplicationConfigFile for the configuration files. The team and
the type cannot be modified: changing them replaces the application.

Bindings: approving a mini program version for an application binds the two, and the platform
refuses DeleteApplication while a mini program is bound to it (AppAlreadyBindMiniProgram) or an
approval involving it is in progress (AppAlreadyBindAudit); a binding ends only when the mini
program is deleted. Delete therefore waits (up to a minute, or ``tcmpp:operationTimeout`` when
shorter) for such mini programs to go, which they do when the same destroy deletes them in
parallel, and then fails naming them. Declare the mini program's dependency on the application
(``depends_on=[app]``) so that destroy always deletes the mini program first.

Clearing the remark sends ``Remark: ""`` (an omitted Remark keeps the current one). Where the
platform refuses an empty remark (``InvalidApplicationRemark``: "The application remark is empty
or exceeds 1,000 characters") the update fails naming ``remark`` and nothing is changed.

The configuration files (base64, as the API gives them) are secret outputs: they are fetched
when the matching package name (Android) or bundle id (iOS) is set. On tcmpp the file is per
platform (AppType 2 Android, 3 iOS); tcsas re-purposed AppType as the application type, so
there both outputs carry the application's one file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pulumi
from pydantic import Field

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import ConflictError, NotFoundError, TcmppError, ValidationError
from pulumi_tcmpp.resources._inputs import (
    ApplicationIntro,
    ApplicationRemark,
    ImageUrl,
    Name,
    NonEmpty,
    PackageName,
    ResourceArgs,
)
from pulumi_tcmpp.resources._polling import Waiter, WaitTimeoutError, eventually, progress
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import ApplicationType, ApplicationTypeInput, ApplicationTypeValue

if TYPE_CHECKING:
    from pulumi_tcmpp.api import applications, mini_programs
else:  # API models load with the first call (a program or a check never needs them)
    applications = deferred_module("pulumi_tcmpp.api.applications")
    mini_programs = deferred_module("pulumi_tcmpp.api.mini_programs")

__all__ = ["Application", "ApplicationArgs", "ApplicationProvider"]

CONFIG_OUTPUTS = ("android_config_file", "ios_config_file")
BINDING_TIMEOUT = 60.0
"""Longest wait, in seconds, for the mini programs bound to an application to be deleted."""
BOUND = ("FailedOperation.AppAlreadyBindMiniProgram", "FailedOperation.AppAlreadyBindAudit")


class ApplicationArgs(ResourceArgs):
    """Inputs of an :class:`Application`."""

    name: Name = Field(description="Application name, unique on the platform, 1-64 characters.")
    team_id: NonEmpty = Field(description="TeamId of the application team. Forces a replace.")
    type: ApplicationTypeInput = Field(
        description='"test" (1) or "formal" (2), or an ApplicationType. Forces a replace.'
    )
    logo: ImageUrl = Field(description="http(s) URL of the application icon.")
    intro: ApplicationIntro = Field(description="Introduction, 1-500 characters.")
    android_package_name: PackageName | None = Field(
        None, description="Android package name, like com.example.app."
    )
    ios_bundle_id: PackageName | None = Field(
        None, description="iOS bundle id, like com.example.app."
    )
    remark: ApplicationRemark | None = Field(None, description="Remarks, 1-1000 characters.")


def _detail_live(id_: str, data: Any) -> Live:
    inputs = {
        "name": data.application_name,
        "team_id": data.team_id,
        "type": data.application_type,
        "logo": data.logo,
        "intro": data.intro,
        "android_package_name": data.android_app_key or None,
        "ios_bundle_id": data.ios_app_key or None,
        "remark": data.remark or None,
    }
    computed = {"application_id": id_, "team_name": data.team_name}
    return Live(id_, inputs, computed)


def _deleted(ctx: Context, id_: str) -> bool:
    """One DeleteApplication: True once done (or gone), False while a binding blocks it."""
    try:
        ctx.client.call(
            applications.DeleteApplication(application_id=id_, platform_id=ctx.platform_id)
        )
    except NotFoundError:
        return True
    except ConflictError as exc:
        if exc.code in BOUND:
            return False
        raise
    return True


def _bound_names(ctx: Context, id_: str) -> str:
    """The mini programs bound to an application, for messages."""
    request = mini_programs.DescribeMNPList(
        offset=0, limit=100, platform_id=ctx.platform_id, application_id=id_
    )
    names = [f"{row.mnp_name} ({row.mnp_id})" for row in ctx.client.paginate(request)]
    return ", ".join(names) or "(none listed yet; an approval involving it is in progress)"


def _cleared(old: str | None, new: str | None) -> str | None:
    """An optional field for ModifyApplication: an omitted one keeps its value, so a removed
    input is sent as "" to clear it."""
    return "" if new is None and old else new


class ApplicationProvider(TcmppProvider[ApplicationArgs]):
    """CRUD for :class:`Application`."""

    label = "application"
    args_type = ApplicationArgs
    replace_on = frozenset({"team_id", "type"})
    natural_key = ("name",)
    computed = ("application_id", "team_name", *CONFIG_OUTPUTS)
    api_parameters = {
        "ApplicationName": ("name",),
        "TeamId": ("team_id",),
        "ApplicationType": ("type",),
        "Logo": ("logo",),
        "Intro": ("intro",),
        "AndroidAppKey": ("android_package_name",),
        "IosAppKey": ("ios_bundle_id",),
        "Remark": ("remark",),
    }

    def lookup(self, ctx: Context, args: ApplicationArgs) -> Live | None:
        request = applications.DescribeApplicationList(
            offset=0, limit=100, platform_id=ctx.platform_id, keyword=args.name
        )
        for row in ctx.client.paginate(request):
            if row.application_name == args.name and row.application_id:
                return self._describe(ctx, row.application_id)
        return None

    def create_remote(self, ctx: Context, args: ApplicationArgs) -> str | None:
        reply = ctx.client.call(
            applications.CreateApplication(
                application_name=args.name,
                logo=args.logo,
                platform_id=ctx.platform_id,
                team_id=args.team_id,
                application_type=int(args.type),
                intro=args.intro,
                android_app_key=args.android_package_name,
                ios_app_key=args.ios_bundle_id,
                remark=args.remark,
            )
        )
        return reply.data.resource_id if reply.data and reply.data.resource_id else None

    def after_create(
        self, ctx: Context, id_: str, args: ApplicationArgs, live: Live | None
    ) -> Live:
        computed = {"application_id": id_, **(live.computed if live else {})}
        computed.update(self._config_files(ctx, id_, args.model_dump(mode="json"), {}))
        return Live(id_, self.inputs_of(args), computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        live = self._describe(ctx, id_)
        if live is not None:
            live.computed.update(self._config_files(ctx, id_, live.inputs, previous))
        return live

    def _describe(self, ctx: Context, id_: str) -> Live | None:
        try:
            reply = ctx.client.call(
                applications.DescribeApplication(application_id=id_, platform_id=ctx.platform_id)
            )
        except NotFoundError:
            return None
        return _detail_live(id_, reply.data) if reply.data is not None else None

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: ApplicationArgs,
        new: ApplicationArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        remark = _cleared(old.remark, new.remark)
        try:
            ctx.client.call(
                applications.ModifyApplication(
                    application_id=id_,
                    application_name=new.name,
                    intro=new.intro,
                    logo=new.logo,
                    platform_id=ctx.platform_id,
                    android_app_key=_cleared(old.android_package_name, new.android_package_name),
                    ios_app_key=_cleared(old.ios_bundle_id, new.ios_bundle_id),
                    remark=remark,
                )
            )
        except ValidationError as exc:
            if remark == "" and exc.code == "InvalidParameterValue.InvalidApplicationRemark":
                raise TcmppError(
                    f"remark: the platform refuses an empty remark ({exc}) and keeps the "
                    "current one when it is left out, so it cannot be removed: set remark to a "
                    f"new text instead. Nothing was changed on application {id_}"
                ) from None
            raise
        previous = {**outputs, **old.model_dump(mode="json")}
        return self._config_files(ctx, id_, new.model_dump(mode="json"), previous)

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        if _deleted(ctx, id_):
            return
        bound = _bound_names(ctx, id_)
        progress(
            f"application {id_} is bound to mini program(s) {bound}: waiting for them to be "
            "deleted, because the platform refuses to delete a bound application"
        )
        waiter = Waiter(timeout=min(ctx.operation_timeout, BINDING_TIMEOUT), interval=2.0)
        try:
            waiter.until(
                what=f"the mini programs bound to application {id_} to be deleted",
                look=lambda: _deleted(ctx, id_),
                status=lambda done: "deleted" if done else "still bound",
                done=bool,
                hint="",
            )
        except WaitTimeoutError:
            raise TcmppError(
                f"application {id_} was not deleted: it is still bound to mini program(s) "
                f"{_bound_names(ctx, id_)}, and the platform deletes an application only once "
                "no mini program is bound to it (a binding is made when a version is approved "
                "for the application, and ends when the mini program is deleted). Delete those "
                "mini programs first; in a stack, give the MiniProgram "
                "`opts=pulumi.ResourceOptions(depends_on=[application])` so that destroy "
                "deletes it before the application"
            ) from None

    def _config_files(
        self, ctx: Context, id_: str, inputs: dict[str, Any], previous: dict[str, Any]
    ) -> dict[str, Any]:
        """The configuration files, fetched only when their package key is set and changed."""
        files: dict[str, Any] = {}
        wanted = (
            ("android_config_file", "android_package_name", 2),
            ("ios_config_file", "ios_bundle_id", 3),
        )
        shown = False
        for output, key_input, app_type in wanted:
            if not inputs.get(key_input):
                files[output] = None
            elif previous.get(output) and previous.get(key_input) == inputs.get(key_input):
                files[output] = previous[output]
            else:
                shown = shown or self._await_keys(ctx, id_, inputs)
                files[output] = self._config_file(ctx, id_, app_type, inputs)
        return files

    def _await_keys(self, ctx: Context, id_: str, inputs: dict[str, Any]) -> bool:
        """Wait until the reads show the application with these package keys: a file fetched
        earlier would describe the application as it was (the reads may trail a write)."""
        keys = ("android_package_name", "ios_bundle_id")

        def shown() -> bool | None:
            live = self._describe(ctx, id_)
            same = live is not None and all(live.inputs.get(k) == inputs.get(k) for k in keys)
            return True if same else None

        return eventually(ctx, f"application {id_} with its package names", shown, hint="")

    def _config_file(
        self, ctx: Context, id_: str, app_type: int, inputs: dict[str, Any]
    ) -> str | None:
        if ctx.backend == "tcsas":
            app_type = int(inputs.get("type") or ApplicationType.TEST)
        reply = ctx.client.call(
            applications.DescribeApplicationConfigFile(
                application_id=id_, app_type=app_type, platform_id=ctx.platform_id
            )
        )
        return reply.data.file if reply.data else None


class Application(TcmppResource, module="tcmpp", name="Application"):
    """A TCMPP application (superapp).

    ## Example Usage

    ```python
    app = tcmpp.Application(
        "shop", name="Shop", team_id=app_team.id, type=tcmpp.ApplicationType.FORMAL,
        logo="https://cdn.example.com/shop.png", intro="The shop superapp",
        android_package_name="com.example.shop", ios_bundle_id="com.example.shop",
    )
    pulumi.export("androidConfig", app.android_config_file)  # a secret
    ```

    ``application_id`` is the resource's id: it stays known in the preview of an update. The
    configuration files are computed: unknown in the preview of an update of the application.
    """

    _provider_type = ApplicationProvider
    _id_output = "application_id"
    _secret_outputs = CONFIG_OUTPUTS

    application_id: pulumi.Output[str]
    name: pulumi.Output[str]
    team_id: pulumi.Output[str]
    type: pulumi.Output[int]
    logo: pulumi.Output[str]
    intro: pulumi.Output[str]
    android_package_name: pulumi.Output[str | None]
    ios_bundle_id: pulumi.Output[str | None]
    remark: pulumi.Output[str | None]
    team_name: pulumi.Output[str | None]
    android_config_file: pulumi.Output[str | None]
    ios_config_file: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        team_id: pulumi.Input[str],
        type: pulumi.Input[ApplicationTypeValue],
        logo: pulumi.Input[str],
        intro: pulumi.Input[str],
        android_package_name: pulumi.Input[str] | None = None,
        ios_bundle_id: pulumi.Input[str] | None = None,
        remark: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a TCMPP application (superapp).

        :param resource_name: The name of the resource in this stack (unique per type).
        :param name: Application name, unique on the platform, 1-64 characters.
        :param team_id: TeamId of the application team. Forces a replace.
        :param type: "test" (1) or "formal" (2), or an ApplicationType. Forces a replace.
        :param logo: http(s) URL of the application icon.
        :param intro: Introduction, 1-500 characters.
        :param android_package_name: Android package name, like com.example.app.
        :param ios_bundle_id: iOS bundle id, like com.example.app.
        :param remark: Remarks, 1-1000 characters.
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
            ApplicationProvider,
            name=name,
            team_id=team_id,
            type=type,
            logo=logo,
            intro=intro,
            android_package_name=android_package_name,
            ios_bundle_id=ios_bundle_id,
            remark=remark,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
