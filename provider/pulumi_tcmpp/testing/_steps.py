"""Steps: what each engine step does to the provider and to the resource's state.

Each method is one step type of ``pkg/resource/deploy/step.go`` (Create, Update, Same, Delete,
Read, Refresh, Import) plus the two provider calls the step generator makes itself (Check and
Diff). A provider error becomes :class:`StepFailed` carrying a message in the CLI's terms.
Nothing here knows about registration order or the state file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ._graph import DEFAULT_PROVIDER_TYPE
from ._host import DiffOutcome, ProviderCallError, ProviderStartError
from ._provider import DefaultProvider
from ._results import Failure, Step
from ._rules import (
    apply_ignore_changes,
    changed_paths,
    detailed_diff,
    mark_secret_outputs,
    parse_duration,
)
from ._state import ResourceState
from ._values import UNKNOWN_WIRE, PropertyMap, strip_secrets

__all__: list[str] = []

T = TypeVar("T")


class StepFailed(Exception):
    """A step failed; ``failure`` says why, ``step`` is the failed step if one was under way."""

    def __init__(self, failure: Failure, step: Step | None = None) -> None:
        super().__init__(failure.message)
        self.failure = failure
        self.step = step


def protect_message(urn: str, action: str) -> str:
    """The engine's error for deleting or replacing a protected resource."""
    return (
        f'unable to {action} resource "{urn}"\nas it is currently marked for protection. To '
        "unprotect the resource, remove the `protect` flag from the resource in your Pulumi "
        "program and run `pulumi up`"
    )


class StepRunner:
    """Runs steps against the default provider, applying the engine's rules to the results."""

    def __init__(self, provider: DefaultProvider, dry_run: bool) -> None:
        self.provider = provider
        self.dry_run = dry_run

    def _call(self, res: ResourceState, step: Step | None, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except ProviderCallError as exc:
            message = f"{res.type} {res.name!r}: the provider's {exc.method} failed: {exc.reason}"
            raise StepFailed(Failure(message, "provider", res.urn, exc.details), step) from exc
        except ProviderStartError as exc:
            message = f"{res.type} {res.name!r}: could not start the provider: {exc}"
            raise StepFailed(Failure(message, "provider", res.urn), step) from exc

    def start_provider(self, res: ResourceState) -> None:
        """Start the provider process (if needed) on behalf of ``res``."""
        self._call(res, None, self.provider.host)

    # -- step generation calls -----------------------------------------------------------------

    def check(self, new: ResourceState, olds: PropertyMap, news: PropertyMap) -> PropertyMap:
        """Check the goal inputs; failures become one StepFailed listing each problem."""
        host = self._call(new, None, self.provider.host)
        outcome = self._call(new, None, lambda: host.check(new.urn, olds, news, self.dry_run))
        if outcome.failures:
            problems = [self._check_problem(new, news, prop, why) for prop, why in outcome.failures]
            raise StepFailed(Failure("\n".join(problems), "check", new.urn))
        return outcome.inputs

    @staticmethod
    def _check_problem(new: ResourceState, news: PropertyMap, prop: str, reason: str) -> str:
        if not prop:
            return f"{new.type} resource '{new.name}' has a problem: {reason}"
        value = strip_secrets(news.get(prop))
        where = f"{new.type} resource '{new.name}': property {prop}"
        return f"{where} value {value!r} has a problem: {reason}"

    def diff(
        self,
        old: ResourceState,
        new: ResourceState,
        ignore_changes: list[str],
        *,
        allow_unknowns: bool | None = None,
    ) -> DiffOutcome:
        """Diff; a DIFF_UNKNOWN answer is resolved by the engine's own input diff.

        Unknowns travel in previews, and whenever ``allow_unknowns`` says so (the engine's
        dependent-replacement diffs, ``diffResource(..., allowUnknowns=true, ...)``).
        """
        host = self._call(new, None, self.provider.host)
        unknowns = self.dry_run if allow_unknowns is None else allow_unknowns
        outcome = self._call(
            new,
            None,
            lambda: host.diff(
                new.urn, old.id, old.outputs, old.inputs, new.inputs, ignore_changes, unknowns
            ),
        )
        if outcome.changes == "unknown":
            compared = apply_ignore_changes(new.inputs, old.inputs, ignore_changes)
            paths = changed_paths(old.inputs, compared)
            outcome.changes = "some" if paths else "none"
            outcome.diffs = paths
        return outcome

    # -- steps ---------------------------------------------------------------------------------

    def create(self, new: ResourceState, op: str = "create") -> tuple[ResourceState, Step]:
        """Create (in a preview: planned outputs = inputs, empty id, no call)."""
        step = Step(op, new.urn, new.type, new=new)
        host = self._call(new, step, self.provider.host)
        timeout = parse_duration(new.custom_timeouts.get("create", ""))
        id_, outs = self._call(
            new, step, lambda: host.create(new.urn, new.inputs, timeout, self.dry_run)
        )
        done = new.copy(id=id_, outputs=self._secret_outputs(outs, new))
        step.new = done
        return done, step

    def update(
        self, old: ResourceState, new: ResourceState, step: Step, ignore_changes: list[str]
    ) -> ResourceState:
        """Update: the whole output map is replaced by the provider's answer."""
        host = self._call(new, step, self.provider.host)
        timeout = parse_duration(new.custom_timeouts.get("update", ""))
        outs = self._call(
            new,
            step,
            lambda: host.update(
                new.urn,
                old.id,
                old.outputs,
                old.inputs,
                new.inputs,
                ignore_changes,
                timeout,
                self.dry_run,
            ),
        )
        done = new.copy(id=old.id, outputs=self._secret_outputs(outs, new))
        step.new = done
        return done

    def same(self, old: ResourceState, new: ResourceState) -> ResourceState:
        """Same: new inputs, but the old outputs and id (``step.go`` SameStep)."""
        return new.copy(id=old.id, outputs=self._secret_outputs(old.outputs, new))

    def delete(self, res: ResourceState, op: str, *, calls_provider: bool) -> Step:
        """Delete, or just forget (retained, external, component, provider, preview)."""
        step = Step(op, res.urn, res.type, old=res)
        if res.protect:
            message = protect_message(res.urn, "delete")
            step.error = message
            raise StepFailed(Failure(message, "protect", res.urn), step)
        if calls_provider and self._deletes_through_provider(res):
            host = self._call(res, step, self.provider.host)
            timeout = parse_duration(res.custom_timeouts.get("delete", ""))
            self._call(
                res, step, lambda: host.delete(res.urn, res.id, res.outputs, res.inputs, timeout)
            )
        return step

    def _deletes_through_provider(self, res: ResourceState) -> bool:
        if self.dry_run or not res.custom or res.external or res.retain_on_delete:
            return False
        if res.pending_replacement:  # deleted already, by a delete-before-replace
            return False
        return res.type != DEFAULT_PROVIDER_TYPE and not res.type.startswith("pulumi:providers:")

    def read(self, new: ResourceState, op: str) -> tuple[ResourceState, Step]:
        """Read for ``get``: sends the program's props as both state and inputs.

        Like ``step.go`` ``ReadStep.Apply``, only a read with no properties at all fails ("does
        not exist"); an empty id with properties (what the Python server answers for a gone
        object) keeps the resource, with those properties as outputs and the requested id."""
        step = Step(op, new.urn, new.type, new=new)
        if new.id == UNKNOWN_WIRE:
            done = new.copy(outputs={})
            step.new = done
            return done, step
        host = self._call(new, step, self.provider.host)
        found = self._call(new, step, lambda: host.read(new.urn, new.id, new.inputs, new.inputs))
        if found.outputs is None:
            message = f"{new.type} {new.name!r}: resource '{new.id}' does not exist"
            step.error = message
            raise StepFailed(Failure(message, "provider", new.urn), step)
        outputs = self._secret_outputs(found.outputs, new)
        done = new.copy(id=found.id or new.id, outputs=outputs)
        step.new = done
        return done, step

    def refresh(self, old: ResourceState) -> tuple[ResourceState | None, Step]:
        """Refresh: Read with old outputs and inputs, then the inverted Diff to report drift."""
        step = Step("refresh", old.urn, old.type, old=old)
        host = self._call(old, step, self.provider.host)
        found = self._call(old, step, lambda: host.read(old.urn, old.id, old.outputs, old.inputs))
        if not found.id or found.outputs is None:  # step.go RefreshStep: a blank id is a delete
            step.drift = "delete"
            return None, step
        inputs = found.inputs if found.inputs is not None else old.inputs
        new = old.copy(id=found.id or old.id, inputs=inputs)
        new.outputs = self._secret_outputs(found.outputs, new)
        step.new = new
        if old.external:
            changed = strip_secrets(new.outputs) != strip_secrets(old.outputs)
            step.drift = "update" if changed else "same"
            return new, step
        outcome = self.diff(new, old.copy(inputs=old.inputs), old.ignore_changes)
        step.drift = "update" if outcome.changes == "some" else "same"
        step.diffs = outcome.diffs
        step.detailed_diff = detailed_diff(new.inputs, old.inputs)
        return new, step

    def import_(
        self, new: ResourceState, import_id: str, goal_inputs: PropertyMap
    ) -> tuple[ResourceState, Step]:
        """The ``import_`` option: Read by id only, then Check and Diff against the program."""
        step = Step("import", new.urn, new.type, new=new)
        host = self._call(new, step, self.provider.host)
        found = self._call(new, step, lambda: host.read(new.urn, import_id, {}, None))
        if found.outputs is None:
            raise StepFailed(
                Failure(f"resource '{import_id}' does not exist", "provider", new.urn), step
            )
        if found.inputs is None:
            message = "provider does not support importing resources"
            raise StepFailed(Failure(message, "provider", new.urn), step)
        read = new.copy(id=found.id or import_id, inputs=found.inputs, outputs=found.outputs)
        checked = new.copy(inputs=self.check(new, found.inputs, goal_inputs))
        outcome = self.diff(read, checked, [])
        if outcome.changes == "some" and not self.dry_run:
            message = (
                f"{new.type} {new.name!r}: inputs to import do not match the existing "
                f"resource: {', '.join(outcome.diffs) or 'changes reported by the provider'}"
            )
            raise StepFailed(Failure(message, "engine", new.urn), step)
        done = checked.copy(id=read.id, outputs=self._secret_outputs(found.outputs, checked))
        step.new = done
        return done, step

    @staticmethod
    def _secret_outputs(outputs: PropertyMap, new: ResourceState) -> PropertyMap:
        return mark_secret_outputs(outputs, new.inputs, new.additional_secret_outputs)


def replace_step(old: ResourceState, new: ResourceState, outcome: DiffOutcome, dbr: bool) -> Step:
    """The logical ``replace`` step between the two halves of a replacement."""
    return Step(
        "replace",
        new.urn,
        new.type,
        old=old,
        new=new,
        diffs=list(outcome.diffs),
        replaces=list(outcome.replaces),
        detailed_diff=detailed_diff(old.inputs, new.inputs),
        delete_before_replace=dbr,
    )
