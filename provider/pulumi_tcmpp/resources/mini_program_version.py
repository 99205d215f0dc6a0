"""MiniProgramVersion: a mini program package built into a numbered version.

API mapping: CreateMNPVersion starts a build task; DescribeMNPVersion(BusinessId=TaskId) is
polled until TaskStatus 60 (succeeded) or 30 (failed); the MNPVersionId, phase and approval
state come from DescribeMNPAllStageVersions (tcmpp's DescribeMNPVersion has no MNPVersionId).

A version number is built once: there is no modify and no delete action. Every input that
reaches the platform forces a replace (which needs a new version number), and delete only
stops managing the version (it stays on the platform as a developer version).

What a failed create leaves behind: nothing in the stack. A failed build leaves no version on
the platform, so the same number can be built again. A build that outlives the wait goes on
on the platform; the next ``up`` takes the finished version over (same number and intro,
never submitted for approval) instead of failing on the number being taken.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any, Self

import pulumi
from pulumi.dynamic import CheckFailure, CheckResult, CreateResult
from pydantic import Field, PositiveFloat

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError, OutcomeUnknownError, TcmppError
from pulumi_tcmpp.resources._inputs import (
    NonEmpty,
    PackageUrl,
    ResourceArgs,
    VersionIntro,
    VersionNumber,
    is_unknown,
)
from pulumi_tcmpp.resources._platform_checks import platform_failures
from pulumi_tcmpp.resources._polling import Waiter, WaitTimeoutError, eventually, progress
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources._versions import (
    ApprovalStatus,
    VersionEntry,
    VersionTable,
    version_key,
)

if TYPE_CHECKING:
    from pulumi_tcmpp.api import mini_programs, releases, types
else:  # API models load with the first call (a program or a check never needs them)
    mini_programs = deferred_module("pulumi_tcmpp.api.mini_programs")
    releases = deferred_module("pulumi_tcmpp.api.releases")
    types = deferred_module("pulumi_tcmpp.api.types")

__all__ = [
    "BuildFailedError",
    "BuildStatus",
    "MiniProgramVersion",
    "MiniProgramVersionArgs",
    "MiniProgramVersionProvider",
]


class BuildStatus(IntEnum):
    """TaskStatus of a version build task."""

    PENDING = 1
    RUNNING = 20
    FAILED = 30
    SUCCEEDED = 60


class BuildFailedError(TcmppError):
    """The platform could not build the package; TaskMsg says why."""


class MiniProgramVersionArgs(ResourceArgs):
    """Inputs of a :class:`MiniProgramVersion`."""

    mini_program_id: NonEmpty = Field(description="MNPId of the mini program. Forces a replace.")
    version: VersionNumber = Field(
        description="Version number, e.g. 1.0.3; greater than the online one. Forces a replace."
    )
    package_url: PackageUrl = Field(
        description="http(s) URL the platform downloads the package from. Forces a replace."
    )
    intro: VersionIntro = Field(
        description="What the version brings, 1-500 characters. Forces a replace."
    )
    build_timeout: PositiveFloat | None = Field(
        None, description="Seconds to wait for the build (default: tcmpp:operationTimeout)."
    )
    poll_interval: PositiveFloat | None = Field(
        None, description="Longest pause between two looks at the build, in seconds (default 5)."
    )


_RESUME_HINT = (
    "The build goes on on the platform and nothing was recorded in the stack: once it has "
    "finished, `pulumi up` takes the built version over (or builds it again if it failed)."
)


def _policy(ctx: Context, args: MiniProgramVersionArgs) -> str:
    return args.on_exists or ("adopt" if args.adopt or ctx.adopt_existing else "fail")


def _resumable(entry: VersionEntry, args: MiniProgramVersionArgs) -> bool:
    """An earlier run's build that finished after its wait: same intro, never submitted."""
    return (
        entry.intro == args.intro
        and entry.approval_status == ApprovalStatus.NONE
        and "Online" not in entry.phases
    )


def _taken(entry: VersionEntry, mnp_id: str) -> str:
    return (
        f"{entry.label} of mini program {mnp_id} already exists ({entry.phase} phase): a "
        "version number is built once, so give this package a greater version, or set "
        "on_exists='adopt' (or 'skip') to manage the existing version"
    )


def _problem(table: VersionTable, args: MiniProgramVersionArgs, policy: str) -> str | None:
    """Why this version cannot be built, as far as the version table tells; None if it can."""
    existing = table.find(args.version)
    if existing is not None:
        if policy == "fail" and not _resumable(existing, args):
            return _taken(existing, args.mini_program_id)
        if policy == "adopt" and existing.intro != args.intro:
            return (
                f"{existing.label} exists with intro {existing.intro!r}, which cannot be "
                f"changed: set intro to it to adopt the version, or use on_exists='skip'"
            )
        return None
    online = table.online()
    if online is not None and version_key(args.version) <= version_key(online.number):
        return (
            f"version {args.version} is not greater than the online version {online.number} "
            f"of mini program {args.mini_program_id}: the platform only releases greater "
            "versions"
        )
    return None


def _task_text(data: types.DescribeMNPVersionResp) -> str:
    names = {s.value: s.name.lower() for s in BuildStatus}
    status = names.get(int(data.task_status or 0), f"status {data.task_status}")
    message = (data.task_msg or "").strip()
    return status if message.lower() in ("", status) else f"{status} ({message})"


def _computed(entry: VersionEntry, task_id: str | None) -> dict[str, Any]:
    return {
        "version_id": entry.version_id,
        "task_id": task_id,
        "phase": entry.phase,
        "approval_status": entry.approval_status,
        "approval_no": entry.approval_no or None,
    }


def _mini_program_of_version(ctx: Context, version_id: int) -> str | None:
    """The mini program that has this version (versions are listed per mini program only)."""
    request = mini_programs.DescribeMNPList(offset=0, limit=100, platform_id=ctx.platform_id)
    for row in ctx.client.paginate(request):
        if row.mnp_id and VersionTable.read(ctx, row.mnp_id).by_id(version_id) is not None:
            return str(row.mnp_id)
    return None


class MiniProgramVersionProvider(TcmppProvider[MiniProgramVersionArgs]):
    """Build, wait, and read :class:`MiniProgramVersion`."""

    label = "mini program version"
    args_type = MiniProgramVersionArgs
    replace_on = frozenset({"mini_program_id", "version", "package_url", "intro"})
    natural_key = ("mini_program_id", "version")
    write_only = frozenset({"package_url", "build_timeout", "poll_interval"})
    computed = ("version_id", "task_id", "phase", "approval_status", "approval_no")
    api_parameters = {
        "MNPId": ("mini_program_id",),
        "MNPVersion": ("version",),
        "FileUrl": ("package_url",),
        "MNPVersionIntro": ("intro",),
    }

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        if result.failures or any(is_unknown(v) for v in result.inputs.values()):
            return result
        same_key = all(olds.get(k) == result.inputs.get(k) for k in self.natural_key)
        if same_key:
            result.failures.extend(_rebuild_failures(olds, result.inputs))
        else:
            result.failures.extend(
                platform_failures(lambda ctx: self._build_failures(ctx, result.inputs))
            )
        return result

    def _build_failures(self, ctx: Context, inputs: dict[str, Any]) -> list[CheckFailure]:
        args = self._parse(inputs)
        table = VersionTable.read(ctx, args.mini_program_id)
        problem = _problem(table, args, _policy(ctx, args))
        return [CheckFailure("version", f"version: {problem}")] if problem else []

    def create(self, props: dict[str, Any]) -> CreateResult:
        args = self._parse(props)
        ctx = Context.current()
        ctx.guard_write()
        table = VersionTable.read(ctx, args.mini_program_id)
        policy = _policy(ctx, args)
        problem = _problem(table, args, policy)
        if problem:
            raise TcmppError(f"{problem}; nothing was written")
        existing = table.find(args.version)
        if existing is not None:
            return self._take_over(args, props, existing, policy)
        task_id = self._build(ctx, args)
        try:
            built = eventually(
                ctx,
                f"version {args.version} of mini program {args.mini_program_id}",
                lambda: VersionTable.read(ctx, args.mini_program_id).find(args.version),
                hint="",
            )
        except WaitTimeoutError:
            raise TcmppError(
                f"the build task {task_id} succeeded but DescribeMNPAllStageVersions does not "
                f"list version {args.version} of mini program {args.mini_program_id}"
            ) from None
        progress(f"built {built.label} of mini program {args.mini_program_id}")
        live = Live(str(built.version_id), self.inputs_of(args), _computed(built, task_id))
        return CreateResult(live.id, self._outputs(live, props))

    def _take_over(
        self, args: MiniProgramVersionArgs, props: dict[str, Any], entry: VersionEntry, policy: str
    ) -> CreateResult:
        if policy == "skip":
            inputs = {**self.inputs_of(args), "intro": entry.intro}
            live = Live(str(entry.version_id), inputs, _computed(entry, None))
            return CreateResult(live.id, self._outputs(live, {**props, "managed": False}))
        progress(
            f"{entry.label} of mini program {args.mini_program_id} is already built "
            f"({'adopted' if policy == 'adopt' else 'by an earlier run that stopped waiting'}); "
            "managing it"
        )
        live = Live(str(entry.version_id), self.inputs_of(args), _computed(entry, None))
        return CreateResult(live.id, self._outputs(live, props))

    def _build(self, ctx: Context, args: MiniProgramVersionArgs) -> str:
        """Start the build and wait for it; returns the TaskId or raises with TaskMsg."""
        what = f"version {args.version} of mini program {args.mini_program_id}"
        task_id = self._start(ctx, args, what)
        progress(f"building {what} (task {task_id})")
        waiter = Waiter.of(ctx, args.build_timeout, args.poll_interval)
        request = releases.DescribeMNPVersion(business_id=task_id, platform_id=ctx.platform_id)

        def task() -> types.DescribeMNPVersionResp | None:
            try:
                return ctx.client.call(request).data
            except NotFoundError:  # a task just started may not show in the reads at once
                return None

        eventually(ctx, f"the build task {task_id} of {what}", task, hint=_RESUME_HINT)
        result = waiter.until(
            what=f"the build of {what} (task {task_id})",
            look=lambda: ctx.client.call(request).data,
            status=_task_text,
            done=lambda data: data.task_status in (BuildStatus.FAILED, BuildStatus.SUCCEEDED),
            hint=_RESUME_HINT
            + (
                " To wait longer, set build_timeout or `pulumi config set "
                "tcmpp:operationTimeout <seconds>`."
            ),
        )
        if result.task_status == BuildStatus.FAILED:
            raise BuildFailedError(
                f"the build of {what} failed: {result.task_msg or 'no message'} (task {task_id}). "
                "The platform keeps no version for a failed build: fix the package and run "
                "`pulumi up` again"
            )
        return task_id

    def _start(self, ctx: Context, args: MiniProgramVersionArgs, what: str) -> str:
        request = releases.CreateMNPVersion(
            mnp_id=args.mini_program_id,
            mnp_version=args.version,
            file_url=args.package_url,
            platform_id=ctx.platform_id,
            mnp_version_intro=args.intro,
        )
        try:
            reply = ctx.client.call(request)
        except OutcomeUnknownError as exc:
            raise TcmppError(
                f"{exc}. A build of {what} may have started: run `pulumi up` again once it "
                "has finished, and the built version is taken over"
            ) from None
        if not reply.data or not reply.data.task_id:
            raise TcmppError(
                f"CreateMNPVersion answered without a TaskId (RequestId {reply.request_id})"
            )
        return reply.data.task_id

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        mnp_id = previous.get("mini_program_id")
        if id_.isdigit() and not mnp_id:  # a get by id alone
            mnp_id = _mini_program_of_version(ctx, int(id_))
        if not isinstance(mnp_id, str) or not mnp_id or not id_.isdigit():
            return None
        try:
            entry = VersionTable.read(ctx, mnp_id).by_id(int(id_))
        except NotFoundError:
            return None
        if entry is None:
            return None
        inputs = {"mini_program_id": mnp_id, "version": entry.number, "intro": entry.intro}
        return Live(id_, inputs, _computed(entry, previous.get("task_id")))

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: MiniProgramVersionArgs,
        new: MiniProgramVersionArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        return {}  # only build_timeout / poll_interval can change in place: nothing to send

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        progress(
            f"version {outputs.get('version')} (MNPVersionId {id_}) of mini program "
            f"{outputs.get('mini_program_id')} is no longer managed; the API cannot delete "
            "versions, so it stays on the platform as a developer version"
        )


def _rebuild_failures(olds: dict[str, Any], inputs: dict[str, Any]) -> list[CheckFailure]:
    """A changed package or intro under the same number: it could never be built."""
    changed = [k for k in ("package_url", "intro") if k in olds and olds[k] != inputs.get(k)]
    return [
        CheckFailure(
            name,
            f"{name}: version {inputs.get('version')} is already built and a version number "
            "is built once; give the new package a new version number",
        )
        for name in changed
    ]


class MiniProgramVersion(TcmppResource, module="tcmpp", name="MiniProgramVersion"):
    """A version of a mini program, built from a package.

    ## Example Usage

    ```python
    v1 = tcmpp.MiniProgramVersion(
        "pickup-1-0-1", mini_program_id=mnp.id, version="1.0.1",
        package_url="https://cdn.example.com/pickup-1.0.1.zip", intro="First release",
    )
    ```
    """

    _provider_type = MiniProgramVersionProvider
    _id_output = "version_id"
    _id_is_int = True

    version_id: pulumi.Output[int]
    mini_program_id: pulumi.Output[str]
    version: pulumi.Output[str]
    package_url: pulumi.Output[str]
    intro: pulumi.Output[str]
    build_timeout: pulumi.Output[float | None]
    poll_interval: pulumi.Output[float | None]
    task_id: pulumi.Output[str | None]
    phase: pulumi.Output[str]
    approval_status: pulumi.Output[int]
    approval_no: pulumi.Output[str | None]
    managed: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        mini_program_id: pulumi.Input[str],
        version: pulumi.Input[str],
        package_url: pulumi.Input[str],
        intro: pulumi.Input[str],
        build_timeout: pulumi.Input[float] | None = None,
        poll_interval: pulumi.Input[float] | None = None,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a version of a mini program, built from a package.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param mini_program_id: MNPId of the mini program. Forces a replace.
        :param version: Version number, e.g. 1.0.3; greater than the online one. Forces a replace.
        :param package_url: http(s) URL the platform downloads the package from. Forces a replace.
        :param intro: What the version brings, 1-500 characters. Forces a replace.
        :param build_timeout: Seconds to wait for the build (default: tcmpp:operationTimeout).
        :param poll_interval: Longest pause between two looks at the build, in seconds (default 5).
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
            MiniProgramVersionProvider,
            mini_program_id=mini_program_id,
            version=version,
            package_url=package_url,
            intro=intro,
            build_timeout=build_timeout,
            poll_interval=poll_interval,
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
        mini_program_id: pulumi.Input[str] | None = None,
    ) -> Self:
        """Read an existing version by its MNPVersionId, without managing it.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param id: The object's id.
        :param opts: Options for the resource (``parent``, ``depends_on``...).
        :param connection: Where the settings come from (default: the stack's settings).
        :param mini_program_id: The version's mini program (MNPId), when known; without it
            every mini program is searched for the version.
        """
        return cls._read_existing(
            resource_name, id, opts, connection, mini_program_id=mini_program_id
        )
