"""The exit codes every ``pulumi-tcmpp`` command shares, and which error maps to which.

========  ==============================================================================
code      meaning
========  ==============================================================================
0         done (``diff``: the two sides are the same)
1         the command ran and the answer is no: ``diff`` found differences, the demo's
          Pulumi operation failed
2         the command cannot run as given: bad arguments, a pattern that is invalid or
          matches nothing, a spec file missing or invalid, settings or credentials missing
          or refused, an unknown platform, a port in use, a file that cannot be written;
          fix the command or its inputs and run it again
3         an environment could not be read: unreachable, or still failing after the retries;
          the same command may work later
130       interrupted (Ctrl-C)
========  ==============================================================================

CI can branch on them: ``diff`` exit 1 is a change list to act on, 2 a broken job, 3 a retry.
"""

from __future__ import annotations

from pulumi_tcmpp.errors import (
    ApiError,
    AuthError,
    ConflictError,
    NotFoundError,
    TcmppError,
    TransportError,
    ValidationError,
)

__all__ = [
    "EXIT_DIFFERENT",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_MISUSE",
    "EXIT_OK",
    "EXIT_UNREACHABLE",
    "CommandError",
    "exit_code_of",
]

EXIT_OK = 0
EXIT_FAILED = EXIT_DIFFERENT = 1
EXIT_MISUSE = 2
EXIT_UNREACHABLE = 3
EXIT_INTERRUPTED = 130


class CommandError(TcmppError):
    """A command cannot run as given (a port in use, a folder that is not a program...)."""


def exit_code_of(error: BaseException) -> int:
    """3 when an environment could not be read, 2 for everything the operator must fix."""
    if isinstance(error, TransportError):
        return EXIT_UNREACHABLE
    if isinstance(error, (AuthError, ValidationError, NotFoundError, ConflictError)):
        return EXIT_MISUSE  # refused credentials, an unknown platform, a bad value
    if isinstance(error, ApiError):
        return EXIT_UNREACHABLE  # rate limited or failing inside the service, after retries
    return EXIT_MISUSE
