"""A deployment: registrations in, steps out, and the stack's new state.

This is the engine's step generator and step executor (``step_generator.go``,
``step_executor.go``, ``deployment_executor.go``) reduced to what Python dynamic resources need.
Step generation (Check and Diff) runs under one lock, in the order registrations arrive, as the
engine's single generator goroutine does; the steps themselves run outside it, at most
``parallel`` at a time, so independent resources are created concurrently while a resource is
never registered before its dependencies finish (the SDK waits for them). After the program:
if no step failed, replaced and removed resources are deleted in reverse dependency order.

State bookkeeping follows the snapshot manager (``pkg/backend/snapshot.go``): each old entry is
kept, replaced by a changed copy (``delete=True`` while a replaced resource waits for deletion,
``pendingReplacement`` after a delete-before-replace), or dropped; new entries are appended as
their steps complete. Before each provider call that changes the world a pending operation is
recorded, and a checkpoint written; when the step ends (either way) the operation is dropped and
another checkpoint written, so a killed engine leaves a state that lists what was under way.
Pending ``creating`` operations of the old state are carried over, as the engine does.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ._graph import DEFAULT_PROVIDER_TYPE, ROOT_STACK_TYPE, delete_waves, make_urn, topological
from ._host import DiffOutcome
from ._monitor import Goal, Registered
from ._provider import DefaultProvider
from ._results import Diagnostic, Failure, Step
from ._rules import apply_ignore_changes, detailed_diff, replace_keys_for
from ._state import PendingOperation, ResourceState, State
from ._steps import StepFailed, StepRunner, protect_message, replace_step
from ._values import UNKNOWN, PropertyMap, strip_secrets

__all__: list[str] = []

_DROPPED = None
_DYNAMIC_PACKAGE = "pulumi-python:"


@dataclass
class _Plan:
    """What step generation decided for one registration."""

    kind: str
    new: ResourceState
    old: ResourceState | None = None
    step: Step | None = None
    dbr: bool = False
    goal: Goal | None = None
    dependents: list[ResourceState] | None = None
    """Delete-before-replace: the dependents to delete first, in dependency order."""
    recreate: bool = False
    """Deleted earlier in this deployment by a dependent cascade: only the create is left."""


class Deployment:
    """One operation's engine over an old state; see the module docstring."""

    def __init__(
        self,
        old: State,
        provider: DefaultProvider,
        *,
        dry_run: bool,
        parallel: int,
        on_step: Callable[[Step], None] | None = None,
        checkpoint: Callable[[State], None] | None = None,
    ) -> None:
        self.old = old
        self.on_step = on_step
        self.checkpoint = None if dry_run else checkpoint
        self.carried = old.pending_creates()
        self._pending: list[PendingOperation] = []
        self._saving = threading.Lock()
        self._changes = 0  # changes to save so far (counted under _lock)
        self._written = 0  # of them, how many the last checkpoint holds (under _saving)
        self.provider = provider
        self.dry_run = dry_run
        self.parallel = max(1, parallel)
        self.runner = StepRunner(provider, dry_run)
        self.steps: list[Step] = []
        self.errors: list[Failure] = []
        self.diagnostics: list[Diagnostic] = []
        self._news: list[ResourceState] = []
        self._subs: dict[int, ResourceState | None] = {}
        self._index = {id(r): i for i, r in enumerate(old.resources)}
        self._live = {r.urn: r for r in old.resources if not r.delete}
        self._registered: set[str] = set()
        self._condemned: dict[str, list[str]] = {}  # deleted by a cascade: URN -> replace keys
        self._cascade_keys: dict[str, list[str]] = {}
        self._lock = threading.RLock()
        self._generate = threading.Lock()
        self._workers = threading.BoundedSemaphore(self.parallel)
        self._cancelled = threading.Event()

    # -- bookkeeping ---------------------------------------------------------------------------

    def _substitute(self, old: ResourceState, new: ResourceState | None) -> None:
        with self._lock:
            self._subs[self._index[id(old)]] = new

    def _current(self, old: ResourceState) -> ResourceState | None:
        with self._lock:
            return self._subs.get(self._index[id(old)], old)

    def _add_new(self, new: ResourceState) -> None:
        with self._lock:
            self._news.append(new)

    def _record(self, step: Step) -> None:
        if step.type == DEFAULT_PROVIDER_TYPE:
            return  # the CLI hides default providers too
        with self._lock:
            self.steps.append(step)
            if self.on_step is not None:
                self.on_step(step)

    def _fail(self, failure: Failure, step: Step | None = None, *, cancel: bool = True) -> None:
        with self._lock:
            self.errors.append(failure)
            if step is not None:
                step.error = step.error or failure.message
                if not any(recorded is step for recorded in self.steps):
                    self._record(step)
        if cancel:
            self._cancelled.set()

    @contextlib.contextmanager
    def _operation(self, res: ResourceState, type_: str) -> Iterator[None]:
        """Record a pending operation around a provider call, with a checkpoint each side."""
        if self.checkpoint is None:
            yield
            return
        op = PendingOperation(type_, res)
        with self._lock:
            self._pending.append(op)
        self._save()
        try:
            yield
        finally:
            with self._lock:
                self._pending = [p for p in self._pending if p is not op]
            self._save()

    def _save(self) -> None:
        """Write a checkpoint holding every change made so far, before returning.

        Writers queue on one lock; a write snapshots the state as it is when it starts, so
        it also covers the changes of every thread queued behind it, which then return
        without writing again (a group commit). A provider call still never starts before
        its pending operation is on disk, but N concurrent steps no longer cost 2N writes
        of the whole state while each waits for the others'.
        """
        if self.checkpoint is None:
            return
        with self._lock:
            self._changes += 1
            mine = self._changes
        with self._saving:
            if self._written >= mine:
                return  # a write that started after this change was made holds it
            with self._lock:
                upto = self._changes
            self.checkpoint(self.new_state())
            self._written = upto

    @property
    def failed(self) -> bool:
        """Whether any step or the program failed."""
        return bool(self.errors)

    def log(self, diagnostic: Diagnostic) -> None:
        """Keep a message the program logged."""
        with self._lock:
            self.diagnostics.append(diagnostic)

    # -- registrations -------------------------------------------------------------------------

    def register(self, goal: Goal) -> Registered:
        """Handle a RegisterResource: generate steps under the lock, run them in a worker slot."""
        urn = make_urn(self.old.stack, self.old.project, goal.type, goal.name, goal.parent)
        try:
            with self._generate:
                if self._cancelled.is_set():
                    return Registered(urn, failed=True)
                plan = self._plan(goal, urn)
            with self._workers:
                if self._cancelled.is_set():
                    return Registered(urn, failed=True)
                done = self._execute(plan)
        except StepFailed as exc:
            self._fail(exc.failure, exc.step)
            return Registered(urn, failed=True)
        except Exception as exc:  # a bug here must fail the run, not hang it
            self._fail(_internal_error(exc, urn))
            return Registered(urn, failed=True)
        return Registered(done.urn, done.id, done.outputs)

    def read(self, goal: Goal) -> Registered:
        """Handle a ReadResource (``get``): a Read step, in previews too."""
        urn = make_urn(self.old.stack, self.old.project, goal.type, goal.name, goal.parent)
        new = self._new_state(goal, urn).copy(id=goal.read_id, external=True)
        try:
            with self._generate:
                if self._cancelled.is_set():
                    return Registered(urn, failed=True)
                self._claim(urn)
                self._require_dynamic(goal, urn)
                self._ensure_provider(new)
                old = self._live.get(urn)
            with self._workers, self._operation(new, "reading"):
                done, step = self.runner.read(new, self._read_op(old))
                self._finish_read(old, done, step)
        except StepFailed as exc:
            self._fail(exc.failure, exc.step)
            return Registered(urn, failed=True)
        except Exception as exc:  # a bug here must fail the run, not hang it
            self._fail(_internal_error(exc, urn))
            return Registered(urn, failed=True)
        return Registered(done.urn, done.id, done.outputs)

    @staticmethod
    def _read_op(old: ResourceState | None) -> str:
        return "read-replacement" if old is not None and not old.external else "read"

    def _finish_read(self, old: ResourceState | None, done: ResourceState, step: Step) -> None:
        if old is not None:
            self._substitute(old, old.copy(delete=True) if not old.external else _DROPPED)
        self._add_new(done)
        self._record(step)

    def register_outputs(self, urn: str, outputs: PropertyMap) -> None:
        """Handle RegisterResourceOutputs: a component's (or the stack's) outputs.

        Outputs left unresolved by a failed step stay unknown; like the engine, an ``up`` stores
        them as the computed placeholder (``to_state_json``) rather than dropping them.
        """
        with self._lock:
            for i in range(len(self._news) - 1, -1, -1):
                if self._news[i].urn == urn:
                    self._news[i] = self._news[i].copy(outputs=dict(outputs))
                    return

    def _claim(self, urn: str) -> None:
        if urn in self._registered:
            raise StepFailed(
                Failure(
                    f"Duplicate resource URN '{urn}'; try giving it a unique name", "engine", urn
                )
            )
        self._registered.add(urn)

    def _new_state(self, goal: Goal, urn: str) -> ResourceState:
        return ResourceState(
            urn=urn,
            type=goal.type,
            custom=goal.custom,
            inputs=dict(goal.inputs),
            parent=goal.parent,
            provider=self.provider.ref if goal.custom else "",
            dependencies=list(goal.dependencies),
            property_dependencies=dict(goal.property_dependencies),
            protect=goal.protect,
            retain_on_delete=goal.retain_on_delete,
            ignore_changes=list(goal.ignore_changes),
            replace_on_changes=list(goal.replace_on_changes),
            additional_secret_outputs=list(goal.additional_secret_outputs),
            custom_timeouts=dict(goal.custom_timeouts),
            deleted_with=goal.deleted_with,
        )

    def _old_for(self, urn: str, goal: Goal) -> ResourceState | None:
        old = self._live.get(urn)
        for alias in goal.alias_urns if old is None else ():
            old = self._live.get(alias)
            if old is not None:
                self._registered.add(alias)
                break
        return old

    # -- step generation -----------------------------------------------------------------------

    def _plan(self, goal: Goal, urn: str) -> _Plan:
        self._claim(urn)
        new = self._new_state(goal, urn)
        old = self._old_for(urn, goal)
        if not goal.custom:
            return self._plan_component(new, old)
        self._require_dynamic(goal, urn)
        self._ensure_provider(new)
        if goal.import_id and old is None:
            return _Plan("import", new, goal=goal)
        news = (
            goal.inputs
            if old is None
            else apply_ignore_changes(goal.inputs, old.inputs, goal.ignore_changes)
        )
        if old is not None and urn in self._condemned:
            return self._plan_recreate(goal, old, new)
        new.inputs = self.runner.check(new, old.inputs if old else {}, news)
        if old is None:
            return _Plan("create", new)
        if old.external:
            step = replace_step(old, new, DiffOutcome("some"), False)
            return _Plan("replace", new, old, step, dbr=False)
        return self._plan_from_diff(goal, old, new)

    def _plan_component(self, new: ResourceState, old: ResourceState | None) -> _Plan:
        if old is None:
            return _Plan("component", new, step=Step("create", new.urn, new.type, new=new))
        same = strip_secrets(old.inputs) == strip_secrets(new.inputs)
        step = Step(
            "same" if same else "update",
            new.urn,
            new.type,
            old=old,
            new=new,
            detailed_diff=detailed_diff(old.inputs, new.inputs),
        )
        return _Plan("component", new.copy(outputs=dict(old.outputs)), old, step)

    def _require_dynamic(self, goal: Goal, urn: str) -> None:
        if goal.type.startswith(_DYNAMIC_PACKAGE) and not goal.provider:
            return
        message = (
            f"{goal.type} {goal.name!r}: the offline engine serves only Python dynamic resources "
            "(pulumi-python:dynamic:*) through their default provider; this resource needs the "
            "Pulumi CLI (a provider plugin, an explicit provider or a built-in), which this kit "
            "does not load"
        )
        raise StepFailed(Failure(message, "engine", urn))

    def _ensure_provider(self, res: ResourceState) -> None:
        """Start the default provider on first use and record its state entry."""
        starting = not self.provider.started
        self.runner.start_provider(res)
        if starting and self.provider.state is not None:
            self._add_new(self.provider.state)
            old = self._live.get(self.provider.urn)
            if old is not None:
                self._registered.add(old.urn)
                self._substitute(old, _DROPPED)

    def _plan_from_diff(self, goal: Goal, old: ResourceState, new: ResourceState) -> _Plan:
        outcome = self.runner.diff(old, new, goal.ignore_changes)
        if outcome.changes == "some" and goal.replace_on_changes:
            for key in replace_keys_for(outcome.diffs, goal.replace_on_changes):
                if key not in outcome.replaces:
                    outcome.replaces.append(key)
        step = Step(
            "update",
            new.urn,
            new.type,
            old=old,
            new=new,
            diffs=outcome.diffs,
            replaces=outcome.replaces,
            detailed_diff=detailed_diff(old.inputs, new.inputs),
        )
        if outcome.changes != "some" and not old.pending_replacement:
            return _Plan("same", new, old, Step("same", new.urn, new.type, old=old, new=new))
        if not outcome.replaces and not old.pending_replacement:
            return _Plan("update", new, old, step, goal=goal)
        if new.protect and old.protect:
            step.op, step.error = "replace", protect_message(old.urn, "replace")
            raise StepFailed(Failure(step.error, "protect", old.urn), step)
        new.inputs = self.runner.check(new, {}, goal.inputs)
        dbr = outcome.delete_before_replace
        if goal.delete_before_replace is not None:
            dbr = goal.delete_before_replace
        step = replace_step(old, new, outcome, dbr)
        dependents = self._dependent_replacements(old) if dbr else None
        return _Plan("replace", new, old, step, dbr=dbr, dependents=dependents)

    def _plan_recreate(self, goal: Goal, old: ResourceState, new: ResourceState) -> _Plan:
        """A dependent deleted by an earlier delete-before-replace: Check anew, then create
        (``step_generator.go`` "Case 1: recreating"; no Diff, its old inputs are gone)."""
        keys = self._condemned.pop(new.urn, [])
        new.inputs = self.runner.check(new, {}, goal.inputs)
        step = replace_step(old, new, DiffOutcome("some", replaces=keys), True)
        return _Plan("replace", new, old, step, dbr=True, recreate=True)

    def _dependent_replacements(self, root: ResourceState) -> list[ResourceState]:
        """What must be deleted before ``root`` (``calculateDependentReplacements``).

        Walk the old state after ``root`` for its transitive dependents (dependencies, property
        dependencies, deleted-with, provider; not children), skipping resources already seen in
        this deployment. A custom, non-external dependent is replaced if its provider or its
        deleted-with resource is being replaced, or if the provider's Diff, given its old
        inputs with every property that depends on a replaced resource made unknown, asks
        for a replacement (``replaceOnChanges`` applied). Protected ones stop the deployment.
        """
        start = self._index[id(root)]
        dependents: set[str] = {root.urn}
        replacing: set[str] = {root.urn}
        chosen: list[ResourceState] = []
        for res in self.old.resources[start + 1 :]:
            if res.urn in self._registered or not _depends_on_any(res, dependents):
                continue
            dependents.add(res.urn)
            keys = self._requires_replacement(res, replacing)
            if keys is not None:
                if res.protect:
                    message = (
                        f'unable to replace resource "{res.urn}" as part of replacing '
                        f'"{root.urn}" as it is currently marked for protection. To unprotect '
                        "the resource, remove the `protect` flag from the resource in your "
                        f"Pulumi program and run `pulumi up`, or use the command:\n`pulumi "
                        f"state unprotect '{res.urn}'`"
                    )
                    raise StepFailed(Failure(message, "protect", root.urn))
                chosen.append(res)
                replacing.add(res.urn)
                self._cascade_keys[res.urn] = keys
        return chosen

    def _requires_replacement(self, res: ResourceState, replacing: set[str]) -> list[str] | None:
        """The keys that replace ``res`` (possibly none), or None when it is not replaced."""
        if not res.custom or res.external:
            return None
        if res.provider.rsplit("::", 1)[0] in replacing:
            return []
        if res.deleted_with and res.deleted_with in replacing:
            return []
        inputs = dict(res.inputs)
        affected = False
        for key, urns in res.property_dependencies.items():
            if key in inputs and any(urn in replacing for urn in urns):
                inputs[key] = UNKNOWN
                affected = True
        if not affected:
            return None
        outcome = self.runner.diff(
            res, res.copy(inputs=inputs), res.ignore_changes, allow_unknowns=True
        )
        if outcome.changes == "some" and res.replace_on_changes:
            for key in replace_keys_for(outcome.diffs, res.replace_on_changes):
                if key not in outcome.replaces:
                    outcome.replaces.append(key)
        return list(outcome.replaces) if outcome.replaces else None

    # -- step execution ------------------------------------------------------------------------

    def _execute(self, plan: _Plan) -> ResourceState:
        handlers: dict[str, Callable[[_Plan], ResourceState]] = {
            "component": self._run_component,
            "create": self._run_create,
            "same": self._run_same,
            "update": self._run_update,
            "replace": self._run_replace,
            "import": self._run_import,
        }
        return handlers[plan.kind](plan)

    def _run_component(self, plan: _Plan) -> ResourceState:
        if plan.old is not None:
            self._substitute(plan.old, _DROPPED)
        self._add_new(plan.new)
        if plan.step is not None:
            self._record(plan.step)
        return plan.new

    def _run_create(self, plan: _Plan) -> ResourceState:
        with self._operation(plan.new, "creating"):
            done, step = self.runner.create(plan.new)
            self._add_new(done)
            self._record(step)
        return done

    def _run_same(self, plan: _Plan) -> ResourceState:
        assert plan.old is not None and plan.step is not None
        done = self.runner.same(plan.old, plan.new)
        plan.step.new = done
        self._substitute(plan.old, _DROPPED)
        self._add_new(done)
        self._record(plan.step)
        return done

    def _run_update(self, plan: _Plan) -> ResourceState:
        assert plan.old is not None and plan.step is not None and plan.goal is not None
        with self._operation(plan.new, "updating"):
            done = self.runner.update(plan.old, plan.new, plan.step, plan.goal.ignore_changes)
            self._substitute(plan.old, _DROPPED)
            self._add_new(done)
            self._record(plan.step)
        return done

    def _run_replace(self, plan: _Plan) -> ResourceState:
        assert plan.old is not None and plan.step is not None
        old = plan.old
        for dependent in reversed(plan.dependents or []):  # dependents first, last one first
            self._delete_dependent(dependent)
        if plan.dbr:
            if not old.pending_replacement and not plan.recreate:
                with self._operation(old, "deleting"):
                    self._record(self.runner.delete(old, "delete-replaced", calls_provider=True))
                    self._substitute(old, old.copy(pending_replacement=True))
            self._record(plan.step)
        with self._operation(plan.new, "creating"):
            done, step = self.runner.create(plan.new, "create-replacement")
            self._substitute(old, _DROPPED if plan.dbr else old.copy(delete=True))
            self._add_new(done)
            self._record(step)
        if not plan.dbr:
            self._record(plan.step)
        return done

    def _delete_dependent(self, res: ResourceState) -> None:
        """Delete a dependent of a delete-before-replace; it waits, pending replacement, for
        its own registration to create it again (or for the deletes, if it is gone)."""
        if self._current(res) is not res:
            return  # deleted already, by the cascade of another delete-before-replace
        op = "delete-replaced"
        with self._operation(res, "deleting"):
            self._record(self.runner.delete(res, op, calls_provider=not res.pending_replacement))
            if res.delete:
                self._substitute(res, _DROPPED)
            else:
                self._substitute(res, res.copy(pending_replacement=True))
                self._condemned[res.urn] = self._cascade_keys.get(res.urn, [])

    def _run_import(self, plan: _Plan) -> ResourceState:
        assert plan.goal is not None
        with self._operation(plan.new, "importing"):
            done, step = self.runner.import_(plan.new, plan.goal.import_id, plan.goal.inputs)
            self._add_new(done)
            self._record(step)
        return done

    # -- after the program ---------------------------------------------------------------------

    def finish(self, program_failure: Failure | None) -> None:
        """End an ``up``/``preview``: deletes run only if neither the program nor a step failed."""
        if program_failure is not None:
            self._fail(program_failure)
        if not self.failed:
            self._delete(self._removed_resources())

    def _removed_resources(self) -> list[_Removal]:
        removed = []
        for old in self.old.resources:
            current = self._current(old)
            if current is None:
                continue
            if current.delete:
                op = "discard-replaced" if current.external else "delete-replaced"
                removed.append(_Removal(old, current, op))
            elif current.urn not in self._registered:
                removed.append(_Removal(old, current, _removal_op(current)))
        return removed

    def destroy(self) -> None:
        """Delete every resource in reverse dependency order."""
        self._delete([_Removal(r, r, _destroy_op(r)) for r in self.old.resources])

    def _delete(self, removed: list[_Removal]) -> None:
        """Run deletes in waves; a protect error skips what the protected resource needs."""
        keep: set[str] = set()
        deleting = {item.current.urn for item in removed}
        waves = delete_waves(
            removed,
            key=lambda item: item.current.urn,
            deps=lambda item: item.current.all_dependencies(),
        )
        for wave in waves:
            todo = [item for item in wave if item.current.urn not in keep]
            with ThreadPoolExecutor(max_workers=self.parallel) as pool:
                outcomes = list(pool.map(lambda item: self._delete_one(item, deleting), todo))
            for item, ok in zip(todo, outcomes, strict=True):
                if not ok:
                    keep.update(item.current.all_dependencies())
            if self._cancelled.is_set():
                return

    def _delete_one(self, item: _Removal, deleting: set[str]) -> bool:
        res = item.current
        rpc = not (res.deleted_with and res.deleted_with in deleting)
        try:
            with self._operation(res, "deleting"):
                step = self.runner.delete(res, item.op, calls_provider=rpc)
                self._substitute(item.original, _DROPPED)
                self._record(step)
        except StepFailed as exc:
            self._fail(exc.failure, exc.step, cancel=exc.failure.kind != "protect")
            return False
        return True

    def refresh(self) -> None:
        """Read every custom resource (concurrently); drop those the provider says are gone."""
        targets = [r for r in self.old.resources if _refreshable(r)]
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            list(pool.map(self._refresh_one, targets))

    def _refresh_one(self, old: ResourceState) -> None:
        try:
            new, step = self.runner.refresh(old)
        except StepFailed as exc:
            self._fail(exc.failure, exc.step, cancel=False)
            return
        self._substitute(old, new)
        self._record(step)

    def new_state(self) -> State:
        """The state after this deployment: kept old entries first, then new ones, sorted."""
        with self._lock:
            kept = [self._subs.get(i, r) for i, r in enumerate(self.old.resources)]
            merged = [r for r in kept if r is not None] + list(self._news)
            pending = self.carried + self._pending
        self._merge_stack_outputs(merged)
        ordered = topological(merged, key=lambda r: r.urn, deps=lambda r: r.all_dependencies())
        return State(self.old.project, self.old.stack, ordered, pending)

    def _merge_stack_outputs(self, merged: list[ResourceState]) -> None:
        """After a failure the engine keeps old stack outputs the program did not re-export."""
        old_stack = next((r for r in self.old.resources if r.type == ROOT_STACK_TYPE), None)
        if not self.failed or old_stack is None:
            return
        for i, res in enumerate(merged):
            if res.type == ROOT_STACK_TYPE and res is not old_stack:
                merged[i] = res.copy(outputs={**old_stack.outputs, **res.outputs})


@dataclass(frozen=True)
class _Removal:
    """A resource to delete: its old entry, its current version, and the step op."""

    original: ResourceState
    current: ResourceState
    op: str


def _depends_on_any(res: ResourceState, urns: set[str]) -> bool:
    """Whether ``res`` depends on one of ``urns`` (the graph's ``DependingOn`` edges)."""
    deps = set(res.dependencies) | {res.deleted_with} | {res.provider.rsplit("::", 1)[0]}
    for listed in res.property_dependencies.values():
        deps.update(listed)
    return bool(deps & urns)


def _internal_error(exc: Exception, urn: str) -> Failure:
    message = f"internal error in the offline engine: {type(exc).__name__}: {exc}"
    return Failure(message, "engine", urn, traceback.format_exc())


def _destroy_op(res: ResourceState) -> str:
    if res.delete:
        return "discard-replaced" if res.external else "delete-replaced"
    return _removal_op(res)


def _removal_op(res: ResourceState) -> str:
    if res.pending_replacement:
        return "remove-pending-replace"
    return "discard" if res.external else "delete"


def _refreshable(res: ResourceState) -> bool:
    provider_type = res.type.startswith("pulumi:providers:")
    return res.custom and not provider_type and not res.pending_replacement
