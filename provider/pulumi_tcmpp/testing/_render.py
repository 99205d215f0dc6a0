"""A readable report of an operation, in the spirit of the CLI's output (for demos and logs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._values import Secret, Unknown, strip_secrets

if TYPE_CHECKING:
    from ._results import Result, Step

__all__: list[str] = []

_SYMBOLS = {
    "create": "+",
    "create-replacement": "++",
    "delete": "-",
    "delete-replaced": "--",
    "discard": "-",
    "discard-replaced": "--",
    "remove-pending-replace": "-",
    "update": "~",
    "replace": "+-",
    "read": ">",
    "read-replacement": ">>",
    "import": "=",
    "same": " ",
}


def render(result: Result, *, show_same: bool = False) -> str:
    """Steps, outputs (secrets masked), errors and a summary, one per line."""
    status = "succeeded" if result.ok else "failed"
    lines = [f"{result.operation} of stack {result.stack} {status}"]
    steps = [s for s in result.steps if show_same or _shown(s)]
    if steps:
        width = max(len(s.type) for s in steps)
        lines.append(f"     {'type':<{width}}  name")
        lines.extend(_step_line(step, width) for step in steps)
    if result.outputs:
        lines.append("outputs:")
        lines.extend(f"    {k}: {_show(v)}" for k, v in sorted(result.outputs.items()))
    if result.errors:
        lines.append("errors:")
        for failure in result.errors:
            first, *rest = failure.message.splitlines() or [""]
            lines.append(f"    {first}")
            lines.extend(f"      {line}" for line in rest)
    counts = ", ".join(f"{n} {op}" for op, n in result.summary.items()) or "no changes"
    lines.append(f"resources: {counts}")
    return "\n".join(lines)


def _shown(step: Step) -> bool:
    if step.op == "refresh":
        return step.drift != "same"
    return step.op != "same"


def _step_line(step: Step, width: int) -> str:
    op = step.drift if step.op == "refresh" else step.op
    symbol = _SYMBOLS.get(op, "~")
    detail = f"  [{op}]" if op not in ("create", "delete", "update", "same") else ""
    if step.diffs or step.replaces:
        keys = ", ".join(step.replaces or step.diffs)
        detail += f"  ({'replace: ' if step.replaces else 'diff: '}{keys})"
    if step.error:
        detail += "  **failed**"
    return f" {symbol:<3} {step.type:<{width}}  {step.name}{detail}"


def _show(value: Any) -> str:
    if isinstance(value, Secret):
        return "[secret]"
    if isinstance(value, Unknown):
        return "[unknown]"
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(strip_secrets(value))
