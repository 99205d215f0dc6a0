"""Input checks that need the platform, run by ``check`` only when credentials are configured.

``check`` must work offline (a preview without credentials still validates everything it
can). When the stack does have credentials, a few mistakes that only the platform can reveal
(an unknown category, a version number below the online one) are reported by the preview,
before anything is written, instead of halfway through an ``up``. A check that cannot reach
the platform logs why and lets create report the problem with the API's code and RequestId.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
from pulumi.dynamic import CheckFailure

from pulumi_tcmpp.errors import ConfigurationError, NotFoundError, TcmppError
from pulumi_tcmpp.lookups import known_categories, unknown_categories
from pulumi_tcmpp.resources._inputs import is_unknown
from pulumi_tcmpp.resources._runtime import Context

__all__ = ["category_failures", "platform_context", "platform_failures"]

_SHOWN = 12
"""Known categories listed in a failure, at most."""


def platform_context() -> Context | None:
    """The provider's context, or None when no credentials or platform id are configured."""
    try:
        return Context.current()
    except ConfigurationError:
        return None


def platform_failures(check: Callable[[Context], list[CheckFailure]]) -> list[CheckFailure]:
    """Run ``check`` against the platform if credentials are configured; never fail on I/O."""
    ctx = platform_context()
    if ctx is None:
        return []
    try:
        return check(ctx)
    except NotFoundError:
        return []  # the object it depends on is not there: create says so, with the RequestId
    except TcmppError as exc:
        pulumi.log.warn(f"tcmpp: could not check the inputs against the platform: {exc}")
        return []


def category_failures(olds: dict[str, Any], inputs: dict[str, Any]) -> list[CheckFailure]:
    """MiniProgram categories that DescribeMNPCategory does not list.

    Only categories new to this resource are checked, so a category later retired on the
    platform does not block every preview of a mini program that already uses it.
    """
    wanted = inputs.get("categories")
    if not isinstance(wanted, list) or is_unknown(wanted):
        return []
    before = olds.get("categories") if isinstance(olds.get("categories"), list) else []
    new = [c for c in wanted if c not in (before or [])]
    if not new:
        return []

    def check(ctx: Context) -> list[CheckFailure]:
        unknown = unknown_categories(new, ctx.client.settings)
        if not unknown:
            return []
        known = known_categories(ctx.client.settings)
        listed = ", ".join(repr(c) for c in known[:_SHOWN]) + (
            " ..." if len(known) > _SHOWN else ""
        )
        return [
            CheckFailure(
                "categories",
                f"categories: {', '.join(repr(c) for c in unknown)} "
                f"{'is not a category' if len(unknown) == 1 else 'are not categories'} of "
                f"platform {ctx.platform_id} (DescribeMNPCategory lists {listed or 'none'})",
            )
        ]

    return platform_failures(check)
