"""Read a whole live platform into a :class:`~pulumi_tcmpp.clone.snapshot.Snapshot`.

The list actions carry almost everything, so the number of requests stays close to objects ÷
page size. Only three reads have no list that replaces them:

* ``DescribeMNP`` per mini program: the list lacks the description (and, on tcmpp, the team id);
* ``DescribeMNPDomainACL`` per mini program: domain lists have no list action;
* ``DescribeApplicationSensitiveAPIList`` per application: it requires an ApplicationId.

Memberships come from one platform-wide ``DescribeTeamMemberList`` (no TeamId), not one list
per team. Every request goes through a thread pool: different actions run in parallel, the
pages after a list's first one are fetched concurrently, and per-object reads start as soon as
the page naming their object arrives. The client's limiter keeps each action at or under its
rate (20/s), whatever the pool size; and no action may hold more than a quarter of the
workers (4 of the default 16: enough for 20/s at up to 200 ms a request), so a slow list (ten
pages of users queued at once) cannot starve the per-object reads of the others. All
scheduling happens in the calling thread, which waits on a queue of completed requests, so no
task ever waits for another (no pool deadlock).
"""

from __future__ import annotations

import queue
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from pulumi_tcmpp.api._base import Request
from pulumi_tcmpp.api.applications import DescribeApplicationList
from pulumi_tcmpp.api.domains import DescribeGlobalDomainACL, DescribeMNPDomainACL
from pulumi_tcmpp.api.mini_programs import DescribeMNP, DescribeMNPList
from pulumi_tcmpp.api.sensitive_apis import DescribeApplicationSensitiveAPIList
from pulumi_tcmpp.api.teams import DescribeTeamList, DescribeTeamMemberList
from pulumi_tcmpp.api.users import DescribeUserList
from pulumi_tcmpp.client import Client
from pulumi_tcmpp.clone.progress import Progress
from pulumi_tcmpp.clone.snapshot import Snapshot
from pulumi_tcmpp.errors import NotFoundError

__all__ = ["DEFAULT_PAGE_SIZE", "DEFAULT_WORKERS", "discover"]

DEFAULT_PAGE_SIZE = 100
DEFAULT_WORKERS = 16

Then = Callable[[Any], None]


def discover(
    client: Client,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> Snapshot:
    """Every object of the client's platform; raises the first request's error, if any."""
    if page_size < 1 or workers < 1:
        raise ValueError("page_size and workers must be at least 1")
    return _Discovery(client, page_size, workers, progress or Progress(None)).run()


class _Discovery:
    """One read of one platform: the pool, the pending requests, the snapshot being filled."""

    def __init__(self, client: Client, page_size: int, workers: int, progress: Progress) -> None:
        settings = client.settings
        self.client = client
        self.platform_id = settings.require_platform_id()
        self.page_size = page_size
        self.workers = workers
        self.progress = progress
        self.snapshot = Snapshot(self.platform_id, settings.backend_name)
        self._seen: set[tuple[str, str]] = set()
        self._calls_lock = threading.Lock()
        self._then: dict[Future[Any], tuple[str, Then]] = {}
        self._completed: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
        self._waiting: dict[str, deque[tuple[Request[Any], bool, Then]]] = defaultdict(deque)
        self._in_flight: Counter[str] = Counter()
        self._per_action = max(2, workers // 4)
        self._pool: ThreadPoolExecutor | None = None
        self._members_without_team = False

    # ---- the loop ------------------------------------------------------------------------

    def run(self) -> Snapshot:
        self._drain(self._start_lists)
        if self._members_without_team:  # the platform-wide list did not name teams: per team
            self.snapshot.members.clear()
            self._drain(self._start_member_lists_per_team)
        self.progress.finish()
        return self.snapshot

    def _drain(self, start: Callable[[], None]) -> None:
        """Run ``start`` and every request it leads to; the first failure cancels the rest."""
        with ThreadPoolExecutor(self.workers, thread_name_prefix="tcmpp-export") as pool:
            self._pool = pool
            try:
                start()
                while self._then:
                    future = self._completed.get()
                    action, then = self._then.pop(future)
                    self._in_flight[action] -= 1
                    self._dispatch(action)
                    then(future.result())
            except BaseException:
                for future in self._then:
                    future.cancel()
                self._then.clear()
                self._waiting.clear()
                raise
            finally:
                self._pool = None

    def _submit(self, request: Request[Any], then: Then, missing_ok: bool = False) -> None:
        """Queue a request; ``then`` gets its Data in the calling thread."""
        self._waiting[request.action].append((request, missing_ok, then))
        self._dispatch(request.action)

    def _dispatch(self, action: str) -> None:
        """Start queued requests of one action while it has fewer than its share in flight."""
        assert self._pool is not None
        waiting = self._waiting[action]
        while waiting and self._in_flight[action] < self._per_action:
            request, missing_ok, then = waiting.popleft()
            future = self._pool.submit(self._call, request, missing_ok)
            self._in_flight[action] += 1
            self._then[future] = (action, then)
            future.add_done_callback(self._completed.put)

    def _call(self, request: Request[Any], missing_ok: bool = False) -> Any:
        """One request's Data (runs in a pool thread); None for a vanished object."""
        with self._calls_lock:
            self.snapshot.calls[request.action] += 1
        try:
            return self.client.call(request).data
        except NotFoundError:
            if missing_ok:
                return None
            raise

    # ---- paged lists ---------------------------------------------------------------------

    def _list(self, request: Request[Any], on_rows: Then, *, per_object: bool = False) -> None:
        """A paged list: the first page, then every other page at once, rows to ``on_rows``.

        The other pages ask for as many rows as the first page held, because the service may
        cap a page below ``page_size``; a page that comes back short is followed by one for the
        rest, and without a TotalCount a full page is followed by the next.

        ``per_object`` lists (one per application) count as object reads on the bar.
        """
        size = self.page_size
        unit = {"reads" if per_object else "pages": 1}
        self.progress.expect(**unit)

        def after_first(data: Any) -> None:
            rows = _rows(data)
            self.progress.done(**unit)
            total = int(getattr(data, "total_count", 0) or 0)
            step = len(rows)  # the rows a page holds: the service may cap it below ``size``
            if step and total > step:
                offsets = range(step, total, step)
                self.progress.expect(pages=len(offsets))
                for offset in offsets:
                    want = min(step, total - offset)
                    self._submit(_page(request, offset, step), page_at(offset, want), per_object)
            elif step and not total and step >= size:  # no TotalCount: walk on page by page
                self.progress.expect(pages=1)
                self._submit(_page(request, step, step), page_at(step, step, walk=True), per_object)
            on_rows(rows)

        def page_at(offset: int, want: int, walk: bool = False) -> Then:
            def after_page(data: Any) -> None:
                rows = _rows(data)
                self.progress.done(pages=1)
                got = len(rows)
                more = got >= want if walk else got < want  # walking on, or a short page
                if got and more:
                    rest = want if walk else want - got
                    self.progress.expect(pages=1)
                    follow = page_at(offset + got, rest, walk)
                    self._submit(_page(request, offset + got, rest), follow, per_object)
                on_rows(rows)

            return after_page

        self._submit(_page(request, 0, size), after_first, per_object)

    def _new(self, kind: str, key: Any) -> bool:
        """True the first time an object is seen (pages may overlap if the platform changes)."""
        marker = (kind, str(key))
        if marker in self._seen:
            return False
        self._seen.add(marker)
        return True

    # ---- what to read --------------------------------------------------------------------

    def _start_lists(self) -> None:
        platform = self.platform_id
        snap = self.snapshot
        self._list(
            DescribeUserList(offset=0, limit=1, platform_id=platform),
            lambda rows: snap.users.extend(r for r in rows if self._new("user", r.user_id)),
        )
        self._list(
            DescribeTeamList(offset=0, limit=1, platform_id=platform),
            lambda rows: snap.teams.extend(r for r in rows if self._new("team", r.team_id)),
        )
        self._list(DescribeTeamMemberList(offset=0, limit=1, platform_id=platform), self._members)
        self._list(
            DescribeApplicationList(offset=0, limit=1, platform_id=platform), self._applications
        )
        self._list(DescribeMNPList(offset=0, limit=1, platform_id=platform), self._mini_programs)
        self._list(
            DescribeGlobalDomainACL(offset=0, limit=1, platform_id=platform),
            lambda rows: snap.global_domains.extend(
                r for r in rows if self._new("domain", r.domain_id)
            ),
        )

    def _members(self, rows: list[Any]) -> None:
        for row in rows:
            if not row.team_id:
                self._members_without_team = True
            elif self._new("member", f"{row.team_id}/{row.user_id}"):
                self.snapshot.members.append(row)

    def _start_member_lists_per_team(self) -> None:
        for team in self.snapshot.teams:
            team_id = str(team.team_id)
            request = DescribeTeamMemberList(
                offset=0, limit=1, platform_id=self.platform_id, team_id=team_id
            )

            def on_rows(rows: list[Any], team_id: str = team_id) -> None:
                self.snapshot.members.extend(
                    r.model_copy(update={"team_id": team_id})
                    for r in rows
                    if self._new("team member", f"{team_id}/{r.user_id}")
                )

            self._list(request, on_rows, per_object=True)

    def _applications(self, rows: list[Any]) -> None:
        for row in rows:
            app_id = row.application_id
            if not app_id or not self._new("application", app_id):
                continue
            self.snapshot.applications.append(row)
            apis = self.snapshot.sensitive_apis.setdefault(app_id, [])
            request = DescribeApplicationSensitiveAPIList(
                offset=0, limit=1, platform_id=self.platform_id, application_id=app_id
            )

            def on_apis(found: list[Any], apis: list[Any] = apis) -> None:
                apis.extend(r for r in found if self._new("sensitive API", r.api_id))

            self._list(request, on_apis, per_object=True)

    def _mini_programs(self, rows: list[Any]) -> None:
        snap, platform = self.snapshot, self.platform_id
        for row in rows:
            mnp_id = row.mnp_id
            if not mnp_id or not self._new("mini_program", mnp_id):
                continue
            snap.mini_programs.append(row)
            self.progress.expect(reads=2)
            detail = DescribeMNP(mnp_id=mnp_id, platform_id=platform)
            acl = DescribeMNPDomainACL(mnp_id=mnp_id, platform_id=platform)
            self._submit(
                detail, partial(self._object_read, snap.mini_program_details, mnp_id), True
            )
            self._submit(acl, partial(self._object_read, snap.domain_acls, mnp_id), True)

    def _object_read(self, into: dict[str, Any], key: str, data: Any) -> None:
        """Keep one object's read; a vanished object (None) is left out."""
        self.progress.done(reads=1)
        if data is not None:
            into[key] = data


def _page(request: Request[Any], offset: int, limit: int) -> Request[Any]:
    return request.model_copy(update={"offset": offset, "limit": limit})


def _rows(data: Any) -> list[Any]:
    return list(getattr(data, "data_list", None) or []) if data is not None else []
