"""URNs and dependency order: how the engine names resources and in what order it deletes them.

URNs follow ``pkg/resource/deploy/deployment.go``: ``urn:pulumi:<stack>::<project>::<type>::<name>``
where the type is prefixed by the parent's type chain (``parent$child``) **except** the root stack
type. Deletes follow ``ScheduleDeletes``: waves of resources nothing else left depends on, each wave
run concurrently, so a resource is always deleted before what it depends on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

__all__: list[str] = []

ROOT_STACK_TYPE = "pulumi:pulumi:Stack"
DEFAULT_PROVIDER_TYPE = "pulumi:providers:pulumi-python"

T = TypeVar("T")


def make_urn(stack: str, project: str, type_: str, name: str, parent_urn: str = "") -> str:
    """Build a resource URN the way the engine does (no ``pulumi:pulumi:Stack$`` prefix)."""
    qualified = type_
    if parent_urn:
        parent_type = urn_qualified_type(parent_urn)
        if parent_type != ROOT_STACK_TYPE:
            qualified = f"{parent_type}${type_}"
    return f"urn:pulumi:{stack}::{project}::{qualified}::{name}"


def urn_qualified_type(urn: str) -> str:
    """The ``parent$child`` type part of a URN."""
    return urn.split("::", 3)[2]


def urn_name(urn: str) -> str:
    """The resource name part of a URN (which may itself contain ``::``)."""
    return urn.split("::", 3)[3]


def delete_waves(
    items: Sequence[T], key: Callable[[T], str], deps: Callable[[T], set[str]]
) -> list[list[T]]:
    """Group resources to delete into waves: each wave only holds resources no later one needs.

    ``items`` are in state order (dependencies first). A resource joins a wave once every
    resource in ``items`` that depends on it has been placed in an earlier wave.
    """
    index_of = {key(item): i for i, item in enumerate(items)}
    needs: list[set[int]] = [set() for _ in items]  # i -> the items i depends on
    waiting = [0] * len(items)  # i -> how many unplaced items depend on i
    for i, item in enumerate(items):
        for dep in deps(item):
            j = index_of.get(dep)
            if j is not None and j != i and j not in needs[i]:
                needs[i].add(j)
                waiting[j] += 1
    wave = [i for i in range(len(items)) if waiting[i] == 0]
    placed: set[int] = set()
    waves: list[list[T]] = []
    while len(placed) < len(items):
        if not wave:  # a cycle cannot come from a program; break it in reverse state order
            wave = [max(i for i in range(len(items)) if i not in placed)]
        waves.append([items[i] for i in sorted(wave, reverse=True)])
        placed.update(wave)
        following = []
        for i in wave:
            for j in needs[i]:
                waiting[j] -= 1
                if waiting[j] == 0 and j not in placed:
                    following.append(j)
        wave = following
    return waves


def topological(
    items: Sequence[T], key: Callable[[T], str], deps: Callable[[T], set[str]]
) -> list[T]:
    """Order items so each comes after what it depends on, keeping the given order otherwise.

    Used when merging kept old resources with new ones into a state file, which must list
    dependencies before dependents (the engine's snapshot invariant). Iterative, so a long
    dependency chain does not hit the recursion limit.
    """
    position = {key(item): i for i, item in enumerate(items)}
    if all(
        position.get(d, -1) < i for i, item in enumerate(items) for d in deps(item)
    ):  # already in order, as a deployment's checkpoints mostly are: nothing to sort
        return list(items)
    done: set[int] = set()
    ordered: list[T] = []
    for start in range(len(items)):
        stack: list[tuple[int, list[int]]] = [(start, _dep_indexes(items[start], position, deps))]
        on_path = {start}
        while stack:
            node, pending = stack[-1]
            if node in done:
                stack.pop()
                on_path.discard(node)
                continue
            nxt = next((j for j in pending if j not in done and j not in on_path), None)
            if nxt is None:
                stack.pop()
                on_path.discard(node)
                done.add(node)
                ordered.append(items[node])
            else:
                pending.remove(nxt)
                on_path.add(nxt)
                stack.append((nxt, _dep_indexes(items[nxt], position, deps)))
    return ordered


def _dep_indexes(item: T, position: dict[str, int], deps: Callable[[T], set[str]]) -> list[int]:
    return sorted(position[d] for d in deps(item) if d in position)
