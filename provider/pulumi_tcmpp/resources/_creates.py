"""Creates that never leak an object and never take over someone else's.

TCMPP has no idempotency token, so the provider itself must know, for every create, whether
the object it ends up recording is the one it made. The rules, in order:

1. **Look first.** The natural key is looked up before anything is written. Taken: the key
   belongs to an object that existed before this create, so it is never ours unless the
   journal (:mod:`._journal`) holds our own unresolved intent for it (an earlier create of
   this machine that was interrupted), or ``tcmpp:adoptIds`` names its id (the one command
   for a user who knows it is theirs), or the resource asks to adopt or skip. Otherwise the
   create fails with a message that says which command takes it over.
2. **Write the intent, then create.** A provable refusal (bad parameter, name taken...)
   resolves the intent: nothing was made.
3. **Reconcile an unknown outcome** (lost answer, timeout, HTTP 5xx, ``InternalError``):
   look the key up. Found: it is ours, since the key was free a moment ago. Not found: the
   create either did not happen or is not listed yet; a second create is safe because the
   platform refuses a second object with the same natural key: it either makes the object
   or answers "exists", which proves the first one happened, and we wait for it to be listed.
   Any other refusal of the second create is waited on too (some duplicates are refused with
   a plain code), and raised only if nothing gets listed. Throughout, an object this process
   deleted a moment ago (the old one of a delete-before-replace, still shown by reads that
   trail the delete) is not taken for the key's holder.
4. **Id-less creates** (CreateTeam, CreateApplicationSensitiveAPI, CreateGlobalDomainACL)
   wait, bounded by ``tcmpp:visibilityTimeout`` (default 30 s), until the lookup lists the
   object: a read-after-write lag is never mistaken for a missing object, and never answered
   with a second create.
5. **Finish or roll back.** Extra calls after the create (``after_create``) that fail delete
   the object again; the intent is resolved once the object is recorded or deleted.

Whenever the outcome stays unknown at the end of the bounded wait (the lookups kept failing,
or the object never got listed), the step fails and the intent stays in the journal, so the
next ``up`` takes the object over if it exists and creates it if it does not: nothing leaks,
nothing is made twice.

Cost: one lookup more than the create itself (step 1), plus one for id-less creates (step 4);
see ``docs/creates.md`` for the table of calls per resource.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pulumi.dynamic import CreateResult

from pulumi_tcmpp.client._setting_values import parse_setting
from pulumi_tcmpp.errors import (
    ApiError,
    ConflictError,
    OutcomeUnknownError,
    TcmppError,
    TransportError,
)
from pulumi_tcmpp.resources._deleted import recently_deleted
from pulumi_tcmpp.resources._journal import Intent, Journal
from pulumi_tcmpp.resources._polling import Waiter, WaitTimeoutError, progress, visibility_timeout
from pulumi_tcmpp.resources._runtime import Context, stack_config

if TYPE_CHECKING:
    from pulumi_tcmpp.resources._inputs import ResourceArgs
    from pulumi_tcmpp.resources._provider import Live, TcmppProvider

__all__ = [
    "ADOPT_IDS_KEY",
    "CreateFlow",
    "ExistsError",
    "OutcomeStillUnknownError",
    "await_listed",
    "send_and_await",
]

ArgsT = TypeVar("ArgsT", bound="ResourceArgs")
T = TypeVar("T")

ADOPT_IDS_KEY = "tcmpp:adoptIds"
VISIBILITY_POLL = 2.0
"""Longest pause between two lookups while waiting for an object to be listed."""


class ExistsError(TcmppError):
    """The natural key is taken by an object this stack did not create; nothing was written."""


class OutcomeStillUnknownError(TcmppError):
    """A create's outcome could not be established in time; the journal keeps its intent."""


def adopt_ids() -> frozenset[str]:
    """The object ids the user said this stack may take over (``tcmpp:adoptIds``)."""
    value = stack_config().get(ADOPT_IDS_KEY)
    if value in (None, ""):
        return frozenset()
    return frozenset(parse_setting(ADOPT_IDS_KEY, value))


def await_listed(
    what: str,
    look: Callable[[], T | None],
    *,
    timeout: float | None = None,
    hint: str = "",
) -> T:
    """Look until ``look`` finds the object (a failing look counts as not yet); bounded.

    Raises :class:`OutcomeStillUnknownError` when it is still not found at the deadline.
    """
    last_error: list[str] = []

    def attempt() -> T | None:
        try:
            return look()
        except TcmppError as exc:  # a lookup that cannot finish: try again until the deadline
            last_error[:] = [str(exc)]
            return None

    limit = visibility_timeout() if timeout is None else timeout
    waiter = Waiter(timeout=limit, interval=VISIBILITY_POLL)
    try:
        return waiter.until(  # type: ignore[return-value]
            what=what,
            look=attempt,
            status=lambda found: "listed" if found is not None else "not listed yet",
            done=lambda found: found is not None,
            hint=hint,
        )
    except WaitTimeoutError as exc:
        why = f" (the last lookup failed: {last_error[0]})" if last_error else ""
        raise OutcomeStillUnknownError(f"{exc}{why}") from None


def send_and_await(
    what: str, send: Callable[[], object], listed: Callable[[], T | None], hint: str = ""
) -> T:
    """An id-less create without a natural key of its own (an approval submission, a
    permission request): send it, then wait (bounded) until ``listed`` shows it.

    After an unknown outcome it is sent again only if it is not listed; the platform keeps
    one live request of the kind, so a refused second send means the first went through.
    """
    refused: ApiError | None = None
    try:
        send()
    except OutcomeUnknownError:
        if _safely(listed) is None:
            try:
                send()
            except ApiError as exc:
                refused = exc
            except OutcomeUnknownError:
                pass
    try:
        return await_listed(what, listed, hint=hint)
    except OutcomeStillUnknownError as exc:
        if refused is not None:
            raise refused from exc
        raise


def _safely(look: Callable[[], T | None]) -> T | None:
    try:
        return look()
    except TcmppError:
        return None


@dataclass
class CreateFlow(Generic[ArgsT]):
    """One create of one resource, from the first lookup to the recorded outputs."""

    provider: TcmppProvider[ArgsT]
    ctx: Context
    args: ArgsT
    props: dict[str, Any]
    journal: Journal

    @classmethod
    def start(cls, provider: TcmppProvider[ArgsT], props: dict[str, Any]) -> CreateFlow[ArgsT]:
        """Parse, resolve the context and check the platform may be written to."""
        args = provider._parse(props)
        ctx = Context.current()
        ctx.guard_write()
        return cls(provider, ctx, args, props, Journal.default())

    # -- the flow ------------------------------------------------------------------------------

    def run(self) -> CreateResult:
        """Look, then take over, refuse, or create and reconcile; see the module docstring."""
        before = self._lookup()
        if before is not None:
            return self._existing(before)
        intent = self.journal.begin(self._scope(), self._fingerprint())
        created = self._create(intent)
        live = self._finish(created, intent)
        return CreateResult(live.id, self.provider._outputs(live, self.props))

    def _existing(self, found: Live) -> CreateResult:
        """The key was taken before this create: ours only if proven or asked for."""
        provider, ctx, args = self.provider, self.ctx, self.args
        intent = self.journal.unresolved(self._scope(), self._fingerprint())
        if intent is not None:
            progress(
                f"the {provider.label} {found.id} ({provider.key_text(args)}) was made by an "
                "earlier create of this stack that was interrupted; taking it over"
            )
            live = self._finish(found, intent)
            return CreateResult(live.id, provider._outputs(live, self.props))
        if found.id in adopt_ids():
            progress(f"taking over the {provider.label} {found.id} ({ADOPT_IDS_KEY})")
            return provider._adopt(ctx, found, args)
        policy = args.on_exists or ("adopt" if args.adopt or ctx.adopt_existing else "fail")
        if policy == "skip":
            skipped = {**self.props, "managed": False}
            return CreateResult(found.id, provider._outputs(found, skipped))
        if policy == "adopt":
            return provider._adopt(ctx, found, args)
        detail = provider.existing_detail(found)
        raise provider.exists_error(ctx, args, detail, found_id=found.id)

    def _create(self, intent: Intent) -> Live:
        """Create once; reconcile an unknown outcome; wait for an id-less object to be listed."""
        try:
            new_id = self.provider.create_remote(self.ctx, self.args)
        except TransportError as exc:  # a lost answer, 5xx, InternalError, an unreadable reply
            return self._reconcile(exc, intent)
        except ConflictError as exc:  # taken since our lookup (or listed late): not ours
            intent.resolve()
            raise self._exists(str(exc)) from None
        except Exception:  # a refusal: nothing was made
            intent.resolve()
            raise
        if new_id is not None:
            return self._made(new_id)
        return self._listed("after it was created", intent)

    def _reconcile(self, unknown: TransportError, intent: Intent) -> Live:
        """Establish what an ambiguous create did, without ever making a second object.

        Look; not listed: create again (the platform refuses a duplicate key, so this either
        makes the object or proves the earlier attempt did), within the call's budget (as
        many attempts in all as the client makes of one request, ``tcmpp:maxRetries`` + 1);
        a refusal as a duplicate means it exists: wait for its listing. Any other refusal may
        be a duplicate too (named by a plain code, or seen before the reads show the object),
        so it waits as well, and stands if nothing is listed by the end of the wait.
        """
        label = self.provider.label
        attempts = self.ctx.client.retry.max_retries + 1
        failures = [unknown]
        while True:
            found = self._look_once()
            if found is not None:
                progress(f"{unknown.action}: its answer was lost, but the {label} was created")
                return found
            lost = "; then ".join(str(f) for f in failures)
            if len(failures) >= attempts:
                return self._listed(f"after {lost}", intent)
            try:
                new_id = self.provider.create_remote(self.ctx, self.args)
            except (ConflictError, ExistsError):  # an earlier attempt happened: wait for it
                return self._listed(f"after {lost}", intent)
            except TransportError as again:
                failures.append(again)
                continue
            except ApiError as refused:  # maybe because an earlier attempt happened: some
                # duplicates are refused with a plain code ("already a member" is an
                # InvalidParameterValue), and reads may trail the write that made the object
                return self._listed_or_refused(f"after {lost}", intent, refused)
            if new_id is not None:
                return self._made(new_id)
            return self._listed("after it was created", intent)

    def _finish(self, created: Live, intent: Intent) -> Live:
        """Run the resource's extra calls; on failure delete the object again."""
        provider, ctx = self.provider, self.ctx
        try:
            live = provider.after_create(ctx, created.id, self.args, created)
        except Exception as exc:
            self._roll_back(created.id, exc, intent)
            raise
        intent.resolve()
        return live

    def _roll_back(self, id_: str, cause: Exception, intent: Intent) -> None:
        try:
            self.provider.delete_remote(self.ctx, id_, {})
        except Exception as cleanup:  # reported together with the cause
            label = self.provider.label
            follow_up = (
                f"the next `pulumi up` takes it over and finishes it (its intent is kept in "
                f"{intent.location})"
                if intent.path is not None
                else f"delete {id_} by hand"
            )
            raise TcmppError(
                f"creating the {label} {id_} failed after it was made ({cause}), and deleting "
                f"it again failed too ({cleanup}): {follow_up}"
            ) from cause
        intent.resolve()

    # -- helpers -------------------------------------------------------------------------------

    def _made(self, new_id: str) -> Live:
        from pulumi_tcmpp.resources._provider import Live

        return Live(new_id, self.provider.inputs_of(self.args))

    def _lookup(self) -> Live | None:
        """The object with our natural key, unless this process deleted it a moment ago: reads
        may trail writes, so a delete-before-replace can still see the old object listed."""
        provider = self.provider
        found = provider.lookup(self.ctx, self.args)
        if found is None or provider.ids_are_reused:
            return found
        return None if recently_deleted(self.ctx.platform_id, provider.label, found.id) else found

    def _look_once(self) -> Live | None:
        try:
            return self._lookup()
        except TcmppError:
            return None  # cannot tell: the second create below settles it

    def _listed(self, when: str, intent: Intent) -> Live:
        provider = self.provider
        what = f"the {provider.label} with {provider.key_text(self.args)} to be listed {when}"
        hint = (
            "Its outcome is unknown. Nothing is recorded in the stack; the create is kept in "
            f"{intent.location}, so the next `pulumi up` takes the object over if it exists "
            "and creates it if it does not."
        )
        return await_listed(what, self._lookup, hint=hint)

    def _listed_or_refused(self, when: str, intent: Intent, refused: ApiError) -> Live:
        """Wait (bounded) for an earlier attempt's object; not listed: the refusal stands
        (the intent stays, so the next run's lookup decides)."""
        try:
            return self._listed(when, intent)
        except OutcomeStillUnknownError as unknown:
            raise refused from unknown

    def _exists(self, detail: str) -> ExistsError:
        return self.provider.exists_error(self.ctx, self.args, detail)

    def _scope(self) -> dict[str, Any]:
        settings = self.ctx.client.settings
        key = self.args.model_dump(mode="json")
        return {
            "endpoint": settings.base_url,
            "backend": settings.backend_name,
            "platform": self.ctx.platform_id,
            "project": os.environ.get("PULUMI_PROJECT", ""),
            "kind": self.provider.label,
            "key": {name: key.get(name) for name in self.provider.natural_key},
        }

    def _fingerprint(self) -> str:
        inputs = self.provider.inputs_of(self.args)
        declared = {k: v for k, v in inputs.items() if k not in self.provider.write_only}
        return Journal.fingerprint(declared)
