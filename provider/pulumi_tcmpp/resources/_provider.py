"""The lifecycle every resource shares, around a few per-resource hooks.

A resource module subclasses :class:`TcmppProvider` and implements the hooks (``lookup``,
``create_remote``, ``fetch``, ``update_remote``, ``delete_remote``); this module turns them
into Pulumi's check/diff/create/read/update/delete with the same rules everywhere:

* check is offline and unknown-tolerant (:mod:`._inputs`);
* diff compares declared inputs only (never ``__provider``), lists ``replaces`` for
  immutable inputs, and asks for delete-before-replace when the replacement would collide
  with the old object's unique natural key;
* create follows the exists policy when an object with the same natural key is already
  there: ``fail`` (the default), ``adopt`` (``adopt=True``, ``on_exists="adopt"`` or
  ``tcmpp:adoptExisting``: update it and manage it) or ``skip`` (use it as it is: its outputs
  are read, but it is never modified or deleted, marked by the output ``managed=False``); it never
  makes a duplicate (a lost answer or an id-less create is reconciled by natural key), and
  rolls back what it made if a later step of the same create fails;
* read returns live outputs and inputs (refresh shows drift, the next ``up`` reverts it) and
  an empty id when the object is gone; delete of a gone object succeeds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from pulumi.dynamic import (
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pydantic import ValidationError as PydanticValidationError

from pulumi_tcmpp.errors import ConflictError, NotFoundError, OutcomeUnknownError, TcmppError
from pulumi_tcmpp.resources._deleted import remember_deleted
from pulumi_tcmpp.resources._inputs import (
    POLICY_INPUTS,
    PROVIDER_KEY,
    ResourceArgs,
    is_unknown,
    validate_inputs,
)
from pulumi_tcmpp.resources._runtime import Context, remember_stack_config

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
    write_only: ClassVar[frozenset[str]] = frozenset()
    """Inputs the API never returns; read keeps their previous value."""
    computed: ClassVar[tuple[str, ...]] = ()
    """Output-only keys, always present in outputs (None when unknown)."""

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

    def extra_replaces(self, changed: list[str], olds: dict[str, Any]) -> list[str]:
        """Changed inputs that force a replace for a reason beyond ``replace_on``."""
        return []

    # ---- Pulumi lifecycle --------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        remember_stack_config(req)

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs, failures = validate_inputs(self.args_type, news)
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [name for name in self._declared() if _differs(olds.get(name), news.get(name))]
        if olds.get("managed") is False:  # a skipped object: only another object can replace it
            key_changed = [n for n in self.natural_key if n in changed]
            return DiffResult(changes=bool(key_changed), replaces=key_changed)
        replaces = [n for n in changed if n in self.replace_on]
        replaces += [n for n in self.extra_replaces(changed, olds) if n not in replaces]
        same_key = not any(name in changed for name in self.natural_key)
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=bool(replaces) and same_key,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        args = self._parse(props)
        ctx = Context.current()
        ctx.guard_write()
        policy = args.on_exists or ("adopt" if args.adopt or ctx.adopt_existing else "fail")
        if policy != "fail":
            found = self.lookup(ctx, args)
            if found is not None and policy == "skip":
                return CreateResult(found.id, self._outputs(found, {**props, "managed": False}))
            if found is not None:
                return self._adopt(ctx, found, args)
        live = self._create_once(ctx, args)
        outputs = self._run_or_roll_back(
            ctx, live.id, lambda: self.after_create(ctx, live.id, args, live)
        )
        return CreateResult(live.id, self._outputs(outputs, props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = self.fetch(Context.current(), id_, props)
        if live is None:
            return ReadResult(None, {})
        outputs = self._outputs(live, props)
        inputs = {k: outputs[k] for k in self._declared() if outputs.get(k) is not None}
        inputs.update({k: props[k] for k in POLICY_INPUTS if props.get(k) is not None})
        return ReadResult(id_, outputs, inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        ctx = Context.current()
        ctx.guard_write()
        old_args = self._parse_old(olds)
        new_args = self._parse(news)
        changed = self.update_remote(ctx, id_, old_args, new_args, olds)
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
        return args.model_dump(mode="json", exclude=set(POLICY_INPUTS))

    def key_text(self, args: ArgsT | dict[str, Any]) -> str:
        """The natural key as shown in messages, e.g. ``name='ops'``."""
        values = args if isinstance(args, dict) else args.model_dump()
        return ", ".join(f"{k}={values.get(k)!r}" for k in self.natural_key)

    def _declared(self) -> list[str]:
        return [name for name in self.args_type.model_fields if name not in POLICY_INPUTS]

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
        outputs.pop(PROVIDER_KEY, None)
        return outputs

    def _create_once(self, ctx: Context, args: ArgsT) -> Live:
        try:
            new_id = self.create_remote(ctx, args)
        except OutcomeUnknownError:
            found = self.lookup(ctx, args)
            if found is not None:
                return found
            new_id = self.create_remote(ctx, args)  # it provably did not happen: once more
        except ConflictError as exc:
            raise self.exists_error(ctx, args, str(exc)) from None
        if new_id is not None:
            return Live(new_id, self.inputs_of(args))
        found = self.lookup(ctx, args)
        if found is None:
            raise TcmppError(
                f"the {self.label} with {self.key_text(args)} was created but cannot be found "
                "by its natural key; refresh the stack before retrying"
            )
        return found

    def exists_error(self, ctx: Context, args: ArgsT, detail: str) -> TcmppError:
        """The error of a create that found its object already there (without adoption)."""
        return TcmppError(
            f"a {self.label} with {self.key_text(args)} already exists on platform "
            f"{ctx.platform_id}: {detail}. Set adopt=True (or on_exists='adopt' or 'skip') on "
            "the resource, or `pulumi config set tcmpp:adoptExisting true`, to take it over."
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

    def _run_or_roll_back(self, ctx: Context, id_: str, step: Callable[[], Live]) -> Live:
        try:
            return step()
        except Exception as exc:
            try:
                self.delete_remote(ctx, id_, {})
            except Exception as cleanup:  # reported together with the cause
                raise TcmppError(
                    f"creating the {self.label} {id_} failed after it was made ({exc}), and "
                    f"deleting it again failed too ({cleanup}): delete {id_} by hand"
                ) from exc
            raise


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
