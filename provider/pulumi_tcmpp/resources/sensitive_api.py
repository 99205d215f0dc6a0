"""SensitiveAPI: an API of an application that mini programs must ask permission to call.

API mapping: CreateApplicationSensitiveAPI (answers with no id: the API is found by name in
DescribeApplicationSensitiveAPIList), Enable/DisableApplicationSensitiveAPI (the only change
the API allows: public or restricted), DeleteApplicationSensitiveAPI. The name, description
and type cannot be modified: changing them replaces the API.
"""

from __future__ import annotations

from typing import Any, Self

import pulumi
from pydantic import Field

from pulumi_tcmpp.api.applications import DescribeApplicationList
from pulumi_tcmpp.api.sensitive_apis import (
    CreateApplicationSensitiveAPI,
    DeleteApplicationSensitiveAPI,
    DescribeApplicationSensitiveAPIList,
    DisableApplicationSensitiveAPI,
    EnableApplicationSensitiveAPI,
)
from pulumi_tcmpp.api.types import (
    CreateApplicationSensitiveAPIReq,
    DescribeApplicationSensitiveAPIListData,
)
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError
from pulumi_tcmpp.resources._inputs import ApiName, NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import ApiType, ApiTypeInput, ApiTypeValue

__all__ = ["SensitiveAPI", "SensitiveAPIArgs", "SensitiveAPIProvider"]

RESTRICTED = 1
KEYWORD_LIMIT = 64
"""A longer Keyword may be refused (QueryParameterLengthExceedLimit): then the list is read."""


class SensitiveAPIArgs(ResourceArgs):
    """Inputs of a :class:`SensitiveAPI`."""

    application_id: NonEmpty = Field(
        description="ApplicationId of the application. Forces a replace."
    )
    name: ApiName = Field(
        description="API name, unique within the application, such as getPhoneNumber (letters, "
        "digits and _). Forces a replace."
    )
    description: NonEmpty = Field(description="What the API does. Forces a replace.")
    type: ApiTypeInput = Field(
        ApiType.CUSTOM,
        description='"system" (1) or "custom" (2, the default), or an ApiType. Forces a replace.',
    )
    restricted: bool = Field(
        False, description="True: mini programs must be granted access; False: public."
    )


def _live(application_id: str, row: DescribeApplicationSensitiveAPIListData) -> Live:
    inputs = {
        "application_id": application_id,
        "name": row.api_name,
        "description": row.api_desc,
        "type": row.api_type,
        "restricted": row.status == RESTRICTED,
    }
    computed = {"api_id": row.api_id, "api_method": row.api_method, "status": row.status}
    return Live(str(row.api_id), inputs, computed)


def _find(ctx: Context, application_id: str, keyword: str | None, match: Any) -> Live | None:
    request = DescribeApplicationSensitiveAPIList(
        offset=0,
        limit=100,
        platform_id=ctx.platform_id,
        application_id=application_id,
        keyword=keyword if keyword and len(keyword) <= KEYWORD_LIMIT else None,
    )
    try:
        for row in ctx.client.paginate(request):
            if match(row):
                return _live(application_id, row)
    except NotFoundError:
        return None
    return None


def _search_applications(ctx: Context, api_id: str) -> Live | None:
    """The API with this id in any application (no read takes an APIId alone)."""
    request = DescribeApplicationList(offset=0, limit=100, platform_id=ctx.platform_id)
    for app in ctx.client.paginate(request):
        if app.application_id:
            found = _find(ctx, str(app.application_id), None, lambda row: row.api_id == api_id)
            if found is not None:
                return found
    return None


class SensitiveAPIProvider(TcmppProvider[SensitiveAPIArgs]):
    """CRUD for :class:`SensitiveAPI`."""

    label = "sensitive API"
    args_type = SensitiveAPIArgs
    replace_on = frozenset({"application_id", "name", "description", "type"})
    natural_key = ("application_id", "name")
    computed = ("api_id", "api_method", "status")
    api_parameters = {
        "ApplicationId": ("application_id",),
        "APIName": ("name",),
        "APIDesc": ("description",),
        "APIType": ("type",),
    }

    def lookup(self, ctx: Context, args: SensitiveAPIArgs) -> Live | None:
        return _find(ctx, args.application_id, args.name, lambda row: row.api_name == args.name)

    def create_remote(self, ctx: Context, args: SensitiveAPIArgs) -> str | None:
        item = CreateApplicationSensitiveAPIReq(
            api_name=args.name, api_desc=args.description, api_type=int(args.type)
        )
        ctx.client.call(
            CreateApplicationSensitiveAPI(
                application_id=args.application_id, api_list=[item], platform_id=ctx.platform_id
            )
        )
        return None  # the API answers with a BooleanInfo only

    def after_create(
        self, ctx: Context, id_: str, args: SensitiveAPIArgs, live: Live | None
    ) -> Live:
        computed: dict[str, Any] = dict(live.computed) if live else {"api_id": id_}
        if live is None or live.inputs.get("restricted") != args.restricted:
            self._set_restricted(ctx, id_, args.restricted)
            computed["status"] = RESTRICTED if args.restricted else 0
        return Live(id_, self.inputs_of(args), computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        application_id = previous.get("application_id")
        if not isinstance(application_id, str) or not application_id:
            return _search_applications(ctx, id_)  # a get by id alone: the list needs the app
        name = previous.get("name")
        keyword = name if isinstance(name, str) and name else None
        found = _find(ctx, application_id, keyword, lambda row: row.api_id == id_)
        if found is None and keyword is not None:
            found = _find(ctx, application_id, None, lambda row: row.api_id == id_)
        return found

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: SensitiveAPIArgs,
        new: SensitiveAPIArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        if old.restricted == new.restricted:
            return {}
        self._set_restricted(ctx, id_, new.restricted)
        return {"status": RESTRICTED if new.restricted else 0}

    def _set_restricted(self, ctx: Context, id_: str, restricted: bool) -> None:
        action = DisableApplicationSensitiveAPI if restricted else EnableApplicationSensitiveAPI
        ctx.client.call(action(api_id=id_, platform_id=ctx.platform_id))

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        ctx.client.call(DeleteApplicationSensitiveAPI(api_id=id_, platform_id=ctx.platform_id))


class SensitiveAPI(TcmppResource, module="tcmpp", name="SensitiveAPI"):
    """A sensitive API of an application.

    ## Example Usage

    ```python
    tcmpp.SensitiveAPI("get-phone", application_id=app.id, name="getPhoneNumber",
                       description="Read the user's phone number", restricted=True)
    ```
    """

    _provider_type = SensitiveAPIProvider
    _id_output = "api_id"

    api_id: pulumi.Output[str]
    application_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str]
    type: pulumi.Output[int]
    restricted: pulumi.Output[bool]
    api_method: pulumi.Output[str | None]
    status: pulumi.Output[int | None]

    def __init__(
        self,
        resource_name: str,
        *,
        application_id: pulumi.Input[str],
        name: pulumi.Input[str],
        description: pulumi.Input[str],
        type: pulumi.Input[ApiTypeValue] = ApiType.CUSTOM,
        restricted: pulumi.Input[bool] = False,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a sensitive API of an application.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param application_id: ApplicationId of the application. Forces a replace.
        :param name: API name, unique within the application, such as getPhoneNumber (letters,
            digits and _). Forces a replace.
        :param description: What the API does. Forces a replace.
        :param type: "system" (1) or "custom" (2, the default), or an ApiType. Forces a replace.
        :param restricted: True: mini programs must be granted access; False: public.
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
            SensitiveAPIProvider,
            application_id=application_id,
            name=name,
            description=description,
            type=type,
            restricted=restricted,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
        *,
        connection: Connection | None = None,
        application_id: pulumi.Input[str] | None = None,
    ) -> Self:
        """Read an existing sensitive API by its APIId, without managing it.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param id: The object's id.
        :param opts: Options for the resource (``parent``, ``depends_on``...).
        :param connection: Where the settings come from (default: the stack's settings).
        :param application_id: The API's application (ApplicationId), when known; without it every
            application is searched for the API.
        """
        return cls._read_existing(
            resource_name, id, opts, connection, application_id=application_id
        )
