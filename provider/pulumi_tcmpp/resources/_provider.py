"""The lifecycle every resource shares, around a few per-resource hooks.

A resource module subclasses :class:`TcmppProvider` and implements the hooks (``lookup``,
``create_remote``, ``fetch``, ``update_remote``, ``delete_remote``); this module turns them
into Pulumi's check/diff/create/read/update/delete with the same rules everywhere:

* check is offline and unknown-tolerant (:mod:`._inputs`);
* diff compares declared inputs only (never ``__provider``), lists ``replaces`` for
  immutable inputs, and asks for delete-before-replace when the replacement would collide
  with the old object's unique natural key;
* create looks the natural key up first and follows the exists policy when it is taken:
  ``fail`` (the default), ``adopt`` (``adopt=True``, ``on_exists="adopt"`` or
  ``tcmpp:adoptExisting``: update it and manage it) or ``skip`` (use it as it is: its outputs
  are read, but it is never modified or deleted, marked by the output ``managed=False``); it never
  makes a duplicate and never records an object it did not make (an unknown outcome is
  reconciled by natural key, id-less creates wait for their object to be listed, an
  interrupted create is recognised by its journal entry), and rolls back what it made if a
  later step of the same create fails (:mod:`._creates`);
* read returns live outputs and inputs (refresh shows drift, the next ``up`` reverts it) and
  an empty id when the object is gone; an input the API does not report keeps its value, so
  an unchanged object never shows drift; delete of a gone object succeeds; a read for a
  resource's ``get`` fails clearly when the object is gone (the engine would keep an empty
  resource);
* every call works with the resource's ``connection`` (:mod:`._runtime`); an existing object
  stays on the platform recorded in its ``platform`` output. A connection that reaches another
  platform (platform id, back end or endpoint) replaces the object; one that only takes the
  credentials from elsewhere is an update that writes nothing to the platform;
* an API error raised by create or update names the input it is about, as the program wrote
  it, with its value (:mod:`._api_errors`; never a secret's value).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pydantic import ValidationError as PydanticValidationError

from pulumi_tcmpp.connection import Target
from pulumi_tcmpp.errors import NotFoundError, TcmppError
from pulumi_tcmpp.resources._api_errors import naming_inputs
from pulumi_tcmpp.resources._creates import ADOPT_IDS_KEY, CreateFlow, ExistsError
from pulumi_tcmpp.resources._deleted import remember_deleted
from pulumi_tcmpp.resources._inputs import (
    CONNECTION_INPUT,
    GET_MARKER,
    PLATFORM_OUTPUT,
    POLICY_INPUTS,
    PROVIDER_KEY,
    ResourceArgs,
    is_unknown,
    secret_inputs,
    validate_inputs,
)
from pulumi_tcmpp.resources._runtime import (
    Context,
    connection_problems,
    in_connection,
    new_target,
    remember_stack_config,
)

__all__ = ["Live", "TcmppProvider"]

ArgsT = TypeVar("ArgsT", bound=ResourceArgs)


@dataclass
class Live:
    """An object as the API shows it: its id, its inputs as they are, and computed outputs."""

    id: str
    inputs: dict[str, Any]
    computed: dict[str, Any] = field(default_factory=dict)


class TcmppProvider(ResourceProvider, Generic[ArgsT]):
    """Base of every TCMPP dynamic provider; subclasses set the class attributes and hooks."""

    serialize_as_secret_always = False  # nothing secret is captured: the instance is empty

    label: ClassVar[str]
    """Human name used in messages, e.g. ``"team"``."""
    args_type: ClassVar[type[ResourceArgs]]
    replace_on: ClassVar[frozenset[str]] = frozenset()
    """Inputs the API cannot modify: changing one replaces the object."""
    natural_key: ClassVar[tuple[str, ...]]
    """Inputs that identify the object uniquely on the platform (for adoption and lookups)."""
    ids_are_reused: ClassVar[bool] = False
    """Whether the id is made of the parents' ids (a membership, a mini program's domain lists),
    so that a new object can have the id of one deleted before; otherwise the platform made
    the id, and an object listed under the id of one this process just deleted is that old
    object, still shown by reads that trail the delete."""
    write_only: ClassVar[frozenset[str]] = frozenset()
    """Inputs the API never returns; read keeps their previous value."""
    computed: ClassVar[tuple[str, ...]] = ()
    """Output-only keys, always present in outputs (None when unknown)."""
    api_parameters: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    """API parameter -> the inputs it carries, to name the input in API errors."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every create and update, the shared ones and overrides alike, names the input in
        the API errors it raises."""
        super().__init_subclass__(**kwargs)
        if not getattr(cls.create, "__wrapped_by_naming__", False):
            cls.create = naming_inputs(cls.create, lambda props: props)  # type: ignore[method-assign]
        if not getattr(cls.update, "__wrapped_by_naming__", False):
            cls.update = naming_inputs(  # type: ignore[method-assign]
                cls.update, lambda _id, _olds, news: news
            )
        for name in ("check", "diff", "create", "read", "update", "delete"):
            method = getattr(cls, name)
            if not getattr(method, "__in_connection__", False):
                setattr(cls, name, in_connection(method, name))

    @classmethod
    def secret_inputs(cls) -> frozenset[str]:
        """Inputs whose values are secrets (never shown in a message)."""
        return secret_inputs(cls.args_type)

    # ---- hooks -------------------------------------------------------------------------

    def lookup(self, ctx: Context, args: ArgsT) -> Live | None:
        """Find the object by its natural key, or None."""
        raise NotImplementedError

    def create_remote(self, ctx: Context, args: ArgsT) -> str | None:
        """Create the object; return its id when the API gives one."""
        raise NotImplementedError

    def after_create(self, ctx: Context, id_: str, args: ArgsT, live: Live | None) -> Live:
        """Finish a create (extra calls, computed outputs); the default echoes the inputs."""
        computed = live.computed if live else {}
        return Live(id_, self.inputs_of(args), computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        """Read the object by id, or None when it no longer exists."""
        raise NotImplementedError

    def update_remote(
        self, ctx: Context, id_: str, old: ArgsT, new: ArgsT, outputs: dict[str, Any]
    ) -> dict[str, Any]:
        """Apply ``new``; return computed outputs that changed (the rest are kept)."""
        raise NotImplementedError

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        """Delete the object (a NotFoundError is taken as success by the caller)."""
        raise NotImplementedError

    def existing_detail(self, found: Live) -> str:
        """How a create that found its key taken describes the object in its error."""
        return f"it is {found.id}"

    def extra_replaces(self, changed: list[str], olds: dict[str, Any]) -> list[str]:
        """Changed inputs that force a replace for a reason beyond ``replace_on``."""
        return []

    # ---- Pulumi lifecycle --------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        remember_stack_config(req)

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs, failures = validate_inputs(self.args_type, news)
        if CONNECTION_INPUT in news and not any(f.property == CONNECTION_INPUT for f in failures):
            failures += [
                CheckFailure(CONNECTION_INPUT, f"{CONNECTION_INPUT}: {problem}")
                for problem in connection_problems(news.get(CONNECTION_INPUT))
            ]
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [name for name in self._declared() if _differs(olds.get(name), news.get(name))]
        moved = _moved(olds)  # the connection reaches another platform: another object
        reconnected = moved or _differs(olds.get(CONNECTION_INPUT), news.get(CONNECTION_INPUT))
        if olds.get("managed") is False:  # a skipped object: only another object can replace it
            key_changed = [n for n in self.natural_key if n in changed]
            key_changed += [CONNECTION_INPUT] if moved else []
            return DiffResult(changes=bool(key_changed) or reconnected, replaces=key_changed)
        replaces = [n for n in changed if n in self.replace_on]
        replaces += [n for n in self.extra_replaces(changed, olds) if n not in replaces]
        replaces += [CONNECTION_INPUT] if moved else []
        same_key = not any(name in changed for name in self.natural_key)
        return DiffResult(
            changes=bool(changed) or reconnected,
            replaces=replaces,
            delete_before_replace=bool(replaces) and same_key and not moved,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateFlow.start(self, props).run()  # look, create, reconcile: see _creates

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        ctx = Context.current()
        live = self.fetch(ctx, id_, props)
        getting = bool(props.get(GET_MARKER))
        if live is None and getting:
            raise TcmppError(
                f"get: there is no {self.label} with id {id_!r} on platform {ctx.platform_id} "
                f"({ctx.client.settings.backend_name} at {ctx.client.settings.base_url}); get() "
                "reads an existing object only: check the id and the connection"
            )
        if live is None:
            return ReadResult(None, {})
        for name in self._declared():  # what the API does not report stays as it was set
            if name not in live.inputs and props.get(name) is not None:
                live.inputs[name] = props[name]
        outputs = self._outputs(live, {**props, "managed": False} if getting else props)
        inputs = {k: outputs[k] for k in self._declared() if outputs.get(k) is not None}
        kept = (*POLICY_INPUTS, CONNECTION_INPUT)
        inputs.update({k: props[k] for k in kept if props.get(k) is not None})
        return ReadResult(id_, outputs, inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        if olds.get("managed") is False:  # skipped: never modified, only its connection moves
            kept = {k: v for k, v in olds.items() if k != PROVIDER_KEY}
            return UpdateResult({**kept, CONNECTION_INPUT: news.get(CONNECTION_INPUT) or None})
        ctx = Context.current()
        ctx.guard_write()
        old_args = self._parse_old(olds)
        new_args = self._parse(news)
        changed: dict[str, Any] = {}
        if any(_differs(olds.get(n), news.get(n)) for n in self._declared()):
            changed = self.update_remote(ctx, id_, old_args, new_args, olds)
        # else only the connection's sources changed: nothing to write to the platform
        computed = {k: olds.get(k) for k in self.computed} | changed
        return UpdateResult(self._outputs(Live(id_, self.inputs_of(new_args), computed), news))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        if props.get("managed") is False:
            return  # skipped on create: it was never ours to delete
        ctx = Context.current()
        ctx.guard_write()
        with contextlib.suppress(NotFoundError):
            self.delete_remote(ctx, id_, props)
        remember_deleted(ctx.platform_id, self.label, id_)

    # ---- shared mechanics --------------------------------------------------------------

    def inputs_of(self, args: ArgsT) -> dict[str, Any]:
        """Inputs as stored in state (normalised, JSON types, no policy inputs)."""
        return args.model_dump(mode="json", exclude={*POLICY_INPUTS, CONNECTION_INPUT})

    def key_text(self, args: ArgsT | dict[str, Any]) -> str:
        """The natural key as shown in messages, e.g. ``name='ops'``."""
        values = args if isinstance(args, dict) else args.model_dump()
        return ", ".join(f"{k}={values.get(k)!r}" for k in self.natural_key)

    def _declared(self) -> list[str]:
        internal = {*POLICY_INPUTS, CONNECTION_INPUT}
        return [name for name in self.args_type.model_fields if name not in internal]

    def _parse(self, props: dict[str, Any]) -> ArgsT:
        inputs = {
            k: v for k, v in props.items() if k in self.args_type.model_fields and v is not None
        }
        return self.args_type.model_validate(inputs)  # type: ignore[return-value]

    def _parse_old(self, olds: dict[str, Any]) -> ArgsT:
        return self._parse(olds)

    def _outputs(self, live: Live, props: dict[str, Any]) -> dict[str, Any]:
        outputs: dict[str, Any] = {name: None for name in self._declared()}
        outputs.update({name: None for name in self.computed})
        outputs.update(live.inputs)
        for name in self.write_only:
            if props.get(name) is not None and not is_unknown(props.get(name)):
                outputs[name] = props[name]
        outputs.update(live.computed)
        outputs["adopt"] = bool(props.get("adopt", False))
        outputs["on_exists"] = props.get("on_exists")
        outputs["managed"] = props.get("managed") is not False
        outputs[CONNECTION_INPUT] = props.get(CONNECTION_INPUT) or None
        outputs.pop(PROVIDER_KEY, None)
        outputs.pop(GET_MARKER, None)
        return outputs

    def exists_error(
        self, ctx: Context, args: ArgsT, detail: str, found_id: str | None = None
    ) -> ExistsError:
        """The error of a create that found its natural key taken (without adoption)."""
        claim = (
            f" If an interrupted `pulumi up` of this stack made it, take over exactly this one "
            f"with `pulumi up --config {ADOPT_IDS_KEY}={found_id}`."
            if found_id
            else ""
        )
        return ExistsError(
            f"a {self.label} with {self.key_text(args)} already exists on platform "
            f"{ctx.platform_id}: {detail}. Nothing was written. Set adopt=True (or "
            "on_exists='adopt' or 'skip') on the resource, or `pulumi config set "
            f"tcmpp:adoptExisting true`, to take it over.{claim}"
        )

    def _adopt(self, ctx: Context, found: Live, args: ArgsT) -> CreateResult:
        self._refuse_immutable_mismatch(found, args)
        current = self._as_args({**found.inputs, **self._write_only_of(args)})
        changed = self.update_remote(ctx, found.id, current, args, found.computed)
        live = Live(found.id, self.inputs_of(args), {**found.computed, **changed})
        return CreateResult(found.id, self._outputs(live, {**args.model_dump(mode="json")}))

    def _refuse_immutable_mismatch(self, found: Live, args: ArgsT) -> None:
        """Adoption updates what the API can modify; an existing object that differs in an
        input it cannot modify is refused (recording the declared value would hide it)."""
        declared = self.inputs_of(args)
        immutable = self.replace_on - self.write_only - set(self.natural_key)
        differing = [
            f"its {name} is {found.inputs[name]!r} on the platform but {declared.get(name)!r} here"
            for name in sorted(immutable)
            if found.inputs.get(name) is not None
            and _differs(found.inputs[name], declared.get(name))
        ]
        if differing:
            raise TcmppError(
                f"cannot adopt the {self.label} {found.id} ({self.key_text(args)}): "
                f"{'; '.join(differing)}, and that cannot be modified. Declare the live value, "
                "or delete the object first; nothing was written"
            )

    def _as_args(self, values: dict[str, Any]) -> ArgsT:
        """An existing object's values as inputs, even when they break one of our input rules
        (a logo set in the console need not be a URL): then they are taken as they are."""
        known = {k: v for k, v in values.items() if k in self.args_type.model_fields}
        try:
            return self.args_type.model_validate(known)  # type: ignore[return-value]
        except PydanticValidationError:
            return self.args_type.model_construct(**known)  # type: ignore[return-value]

    def _write_only_of(self, args: ArgsT) -> dict[str, Any]:
        dumped = args.model_dump(mode="json")
        return {k: dumped[k] for k in self.write_only if dumped.get(k) is not None}


def _moved(olds: dict[str, Any]) -> bool:
    """Whether the new connection reaches another platform than the recorded one (unknown
    when either cannot be told: a state from before connections, no platform id here)."""
    recorded = Target.from_output(olds.get(PLATFORM_OUTPUT))
    target = new_target()
    if recorded is None or target is None or not (recorded.platform_id and target.platform_id):
        return False
    return recorded != target


def _differs(old: Any, new: Any) -> bool:
    if is_unknown(new):
        return True
    return bool(_normal(old) != _normal(new))


def _normal(value: Any) -> Any:
    if value in (None, "", [], {}):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
