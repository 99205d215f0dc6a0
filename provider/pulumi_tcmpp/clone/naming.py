"""Stable logical names from natural keys.

A logical name must be the same every time the same object is exported, from any environment,
so that two exports of cloned platforms compare equal and a re-export changes nothing. It is
therefore a pure function of the object's natural key (account, team name, application or
mini program name), never of its id or of the order the API lists objects in:

* the **slug** of the natural key: lower case, every run of characters outside ``a-z0-9._-``
  replaced by one ``-``, trimmed to start with a letter or digit, at most 63 characters;
* when several natural keys of one section share a slug (``Ops Team`` and ``ops-team``), or a
  slug is empty (a name in Chinese) or already taken by a previous name, each such object gets
  the slug (or the section's prefix) followed by ``-`` and eight hex digits of the SHA-256 of
  its natural key, which depends on nothing else.

Names kept from a previous spec (``export --previous``) are reserved first and never change.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

__all__ = ["MAX_LENGTH", "assign_names", "slug"]

MAX_LENGTH = 63
_OUTSIDE = re.compile(r"[^a-z0-9._-]+")
_LEADING = re.compile(r"^[^a-z0-9]+")
_HASH_DIGITS = 8


def slug(text: str) -> str:
    """The slug of a natural key; empty when nothing of it is usable."""
    lowered = _OUTSIDE.sub("-", text.strip().lower())
    return _LEADING.sub("", lowered)[:MAX_LENGTH].rstrip("-")


def _hashed(base: str, natural_key: str) -> str:
    digest = hashlib.sha256(natural_key.encode("utf-8")).hexdigest()[:_HASH_DIGITS]
    room = MAX_LENGTH - _HASH_DIGITS - 1
    return f"{base[:room].rstrip('-')}-{digest}"


def assign_names(
    natural_keys: Mapping[str, str], prefix: str, reserved: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Object id -> logical name for one section.

    ``natural_keys`` maps each object's id to its natural key; ``reserved`` maps ids to names
    kept from a previous spec; ``prefix`` (``user``, ``team``...) names objects whose slug is
    empty.
    """
    names = dict(reserved or {})
    taken = set(names.values())
    by_slug: dict[str, list[str]] = defaultdict(list)
    for object_id, key in natural_keys.items():
        if object_id not in names:
            by_slug[slug(key)].append(object_id)
    for base, ids in sorted(by_slug.items()):
        clash = len(ids) > 1 or not base or base in taken
        for object_id in sorted(ids, key=lambda i: (natural_keys[i], i)):
            key = natural_keys[object_id]
            name = _hashed(base or prefix, key) if clash else base
            suffix = 2
            while name in taken:  # two keys sharing 32 bits of hash: practically never
                name = _hashed(base or prefix, f"{key}\x00{suffix}")
                suffix += 1
            names[object_id] = name
            taken.add(name)
    return names
