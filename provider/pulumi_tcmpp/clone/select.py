"""Include and exclude patterns, shared by export and apply.

A pattern is ``TYPE``, ``TYPE:NAME`` or ``TYPE@TEAM``, where ``TYPE`` is one of ``users``,
``teams``, ``applications``, ``mini_programs`` and ``global_domains``, ``NAME`` is a shell-style
glob matched against an object's logical name *or* its natural key (account, name, domain),
and ``TEAM`` a glob matched against the owning team's logical name or name (applications and
mini programs). Examples: ``--exclude users`` (everything but users), ``--include
applications@ops`` (only the ops team's applications), ``--include teams:ops*``.

With no include, everything is included; with includes, an object is kept when one matches;
excludes then remove what they match. A pattern that matches nothing is an error, because it
is almost always a typo.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pulumi_tcmpp._text import plural
from pulumi_tcmpp.clone.spec import PlatformSpec
from pulumi_tcmpp.errors import TcmppError

__all__ = ["TYPES", "Candidate", "Pattern", "Selection", "SelectionError", "candidates"]

TYPES = ("users", "teams", "applications", "mini_programs", "global_domains")


class SelectionError(TcmppError):
    """A pattern is malformed or matches nothing."""


@dataclass(frozen=True)
class Candidate:
    """One object as patterns see it."""

    type: str
    logical_name: str
    natural_key: str
    team: tuple[str, ...] = ()
    """The owning team's logical name and name, for applications and mini programs."""


@dataclass(frozen=True)
class Pattern:
    """One parsed ``TYPE[:NAME][@TEAM]`` pattern."""

    text: str
    type: str
    name: str | None
    team: str | None

    @classmethod
    def parse(cls, text: str) -> Pattern:
        body, _, team = text.strip().partition("@")
        kind, _, name = body.partition(":")
        if kind not in TYPES:
            raise SelectionError(
                f"pattern {text!r}: unknown type {kind!r} (one of {', '.join(TYPES)})"
            )
        if team and kind not in ("applications", "mini_programs"):
            raise SelectionError(
                f"pattern {text!r}: only applications and mini_programs have a team"
            )
        return cls(text, kind, name or None, team or None)

    def matches(self, candidate: Candidate) -> bool:
        if candidate.type != self.type:
            return False
        if self.name is not None and not any(
            fnmatch.fnmatchcase(value, self.name)
            for value in (candidate.logical_name, candidate.natural_key)
        ):
            return False
        return self.team is None or any(fnmatch.fnmatchcase(t, self.team) for t in candidate.team)


@dataclass(frozen=True)
class Selection:
    """Parsed include and exclude patterns."""

    include: tuple[Pattern, ...] = ()
    exclude: tuple[Pattern, ...] = ()

    @classmethod
    def parse(cls, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> Selection:
        return cls(tuple(map(Pattern.parse, include)), tuple(map(Pattern.parse, exclude)))

    @property
    def everything(self) -> bool:
        return not self.include and not self.exclude

    def keeps(self, candidate: Candidate) -> bool:
        """Whether the selection keeps this object."""
        if self.include and not any(p.matches(candidate) for p in self.include):
            return False
        return not any(p.matches(candidate) for p in self.exclude)

    def filter(self, candidates: Iterable[Candidate]) -> list[Candidate]:
        """The kept candidates; raises when a pattern matched none of them."""
        pool = list(candidates)
        unmatched = [
            p.text for p in (*self.include, *self.exclude) if not any(p.matches(c) for c in pool)
        ]
        if unmatched:
            count = plural(len(unmatched), "pattern")
            raise SelectionError(f"{count} matched nothing: {', '.join(unmatched)}")
        return [c for c in pool if self.keeps(c)]


def candidates(spec: PlatformSpec) -> list[Candidate]:
    """Every object of a spec as include/exclude patterns see it (global domains by URL)."""
    out = [Candidate("users", n, str(u.account)) for n, u in spec.users.items()]
    out += [Candidate("teams", n, str(t.name)) for n, t in spec.teams.items()]
    for kind in ("applications", "mini_programs"):
        items: dict[str, Any] = getattr(spec, kind)
        for name, item in items.items():
            owner = spec.teams.get(item.team)
            team = (item.team, str(owner.name)) if owner else (item.team,)
            out.append(Candidate(kind, name, str(item.name), team))
    for url in [*spec.global_domains.allow, *spec.global_domains.block]:
        out.append(Candidate("global_domains", str(url), str(url)))
    return out
