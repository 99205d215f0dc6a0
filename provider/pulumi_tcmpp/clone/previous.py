"""``export --previous``: keep what a person wrote into the last spec when the platform agrees.

An operator edits an exported spec: a logo host becomes ``{config: cdn_host, format:
"https://{}/shop.png"}``, a password placeholder gets a better name, a logical name is chosen.
Exporting again must not throw that away (the complaint about Auth0's export erasing keyword
markers). Given the previous spec, export:

* **matches objects** by natural key: equal literal keys first; a key written as a ``format``
  reference matches a live key that fits it; a whole-value reference matches by provenance id
  (``source.id``), since it fits anything. A matched object keeps its logical name.
* **keeps references** field by field: a ``format`` reference stays when the live string fits
  the format (``https://{}/shop.png`` fits ``https://cdn.example.com/shop.png``); a whole-value
  reference stays whatever the live value is; otherwise the live literal is written. In lists
  (categories, domains), literals claim their equal live values first, then format references
  claim a value that fits, then whole-value references any value left.
* **keeps placeholders and write-only values**: a user's ``password`` placeholder (or its
  absence) and a team's ``remark``, which no read action returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from pulumi_tcmpp.clone.spec import ConfigRef, PlatformSpec

__all__ = ["fits", "keep_references", "match_previous", "merge_list", "previous_keys"]

M = TypeVar("M", bound=BaseModel)

KEPT_AS_WRITTEN = {"password", "source"}
"""Fields handled apart: placeholders are taken from the previous spec, provenance from live."""
WRITE_ONLY = {"remark"}
"""Fields no read returns for some objects (a team's remark): kept when live has nothing."""


def fits(ref: ConfigRef, value: Any) -> bool:
    """Whether a live value could be what this reference resolves to."""
    if ref.format is None:
        return True
    if not isinstance(value, str):
        return False
    prefix, _, suffix = ref.format.partition("{}")
    slot = len(value) - len(prefix) - len(suffix)
    return slot > 0 and value.startswith(prefix) and value.endswith(suffix)


def _natural(value: Any) -> str | ConfigRef:
    return value if isinstance(value, ConfigRef) else str(value)


def match_previous(
    live: dict[str, str], previous: dict[str, tuple[str | ConfigRef, str | None]]
) -> dict[str, str]:
    """Live object id -> previous logical name.

    ``live`` maps ids to natural keys; ``previous`` maps logical names to (natural key as
    written, provenance id).
    """
    matched: dict[str, str] = {}
    free = dict(previous)
    by_literal = {key: name for name, (key, _) in free.items() if isinstance(key, str)}
    ordered = sorted(live.items(), key=lambda item: (item[1], item[0]))
    for object_id, key in ordered:
        name = by_literal.get(key)
        if name is not None and name in free:
            matched[object_id] = name
            del free[name]
    for object_id, key in ordered:
        if object_id in matched:
            continue
        fitting = [
            name
            for name, (ref, prev_id) in sorted(free.items())
            if isinstance(ref, ConfigRef)
            and (prev_id == object_id if ref.format is None else fits(ref, key))
        ]
        same_id = [n for n in fitting if free[n][1] == object_id]
        choice = same_id[:1] or (fitting if len(fitting) == 1 else [])
        if choice:
            matched[object_id] = choice[0]
            del free[choice[0]]
    return matched


def merge_list(previous: Iterable[Any], live: list[str]) -> list[Any]:
    """Live values, with the previous list's references put back where they still fit.

    The result is ordered by the live value each item stands for, so it is deterministic.
    """
    remaining = sorted(live)
    claimed: list[tuple[str, Any]] = []
    prev = list(previous)
    for item in prev:
        if isinstance(item, str) and item in remaining:
            remaining.remove(item)
            claimed.append((item, item))
    refs = [i for i in prev if isinstance(i, ConfigRef)]
    for ref in sorted(refs, key=lambda r: r.format is None):  # format references first
        value = next((v for v in remaining if fits(ref, v)), None)
        if value is not None:
            remaining.remove(value)
            claimed.append((value, ref))
    claimed += [(value, value) for value in remaining]
    return [item for _, item in sorted(claimed, key=lambda pair: pair[0])]


def _merge_value(name: str, prev: Any, live: Any) -> Any:
    if name in WRITE_ONLY and live is None:
        return prev
    if isinstance(prev, ConfigRef):
        return prev if isinstance(live, str) and fits(prev, live) else live
    if isinstance(prev, list) and isinstance(live, list):
        has_refs = any(isinstance(i, ConfigRef) for i in prev)
        return merge_list(prev, [str(v) for v in live]) if has_refs else live
    if isinstance(prev, BaseModel) and isinstance(live, BaseModel) and type(prev) is type(live):
        return keep_references(prev, live)
    if isinstance(prev, dict) and isinstance(live, dict):
        return {
            key: _merge_value(key, prev[key], value) if key in prev else value
            for key, value in live.items()
        }
    return live


def keep_references(previous: M, live: M) -> M:
    """``live`` with the previous object's references, placeholders and write-only values."""
    update: dict[str, Any] = {}
    for name in type(live).model_fields:
        prev_value, live_value = getattr(previous, name), getattr(live, name)
        if name == "password":
            update[name] = prev_value
        elif name not in KEPT_AS_WRITTEN:
            update[name] = _merge_value(name, prev_value, live_value)
    return live.model_copy(update=update)


def previous_keys(spec: PlatformSpec, section: str, key_field: str) -> dict[str, Any]:
    """Logical name -> (natural key as written, provenance id) of one section."""
    items: dict[str, Any] = getattr(spec, section)
    return {
        name: (_natural(getattr(item, key_field)), item.source.id if item.source else None)
        for name, item in items.items()
    }
