"""The engine's rules on property maps, as pure functions.

Each function reproduces one piece of the Go engine so the deployment code can stay a sequence of
calls: secret re-annotation (``provider_plugin.go`` ``annotateSecrets`` and the step executor's
"an input secret leaked as an output" rule), ``ignoreChanges`` (``processIgnoreChanges`` with
``PropertyPath.Reset``), the engine's own input diff for ``DIFF_UNKNOWN`` (``diffResource``),
``replaceOnChanges`` (``applyReplaceOnChanges``) and custom-timeout durations.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ._values import PropertyMap, Secret, contains_secrets, strip_secrets

PathPart = str | int


def annotate_secrets(outs: Mapping[str, Any], ins: Mapping[str, Any]) -> PropertyMap:
    """Re-mark as secret every output whose same-named input held a secret.

    A provider that does not accept secrets (every Python dynamic provider) receives plain values;
    the engine then restores secretness by key, recursing only where both sides are objects.
    An output under a *new* key stays plain, which is how config secrets leak into state.
    """
    result = dict(outs)
    for key, in_value in ins.items():
        if key not in result:
            continue
        out_value = result[key]
        if _is_object(out_value) and _is_object(in_value):
            result[key] = annotate_secrets(out_value, in_value)
        elif not isinstance(out_value, Secret) and contains_secrets(in_value):
            result[key] = Secret(out_value)
    return result


def mark_secret_outputs(
    outputs: Mapping[str, Any], inputs: Mapping[str, Any], additional: Iterable[str] = ()
) -> PropertyMap:
    """Apply the step executor's top-level rule and ``additionalSecretOutputs``."""
    result = dict(outputs)
    for key in additional:
        if key in result and key != "id" and not isinstance(result[key], Secret):
            result[key] = Secret(result[key])
    for key, value in result.items():
        if not isinstance(value, Secret) and isinstance(inputs.get(key), Secret):
            result[key] = Secret(value)
    return result


def _is_object(value: Any) -> bool:
    return isinstance(value, Mapping) and not isinstance(value, Secret)


def parse_property_path(path: str) -> list[PathPart]:
    """Parse ``a.b["c.d"][0]`` into ``["a", "b", "c.d", 0]``; ``*`` is a wildcard segment."""
    parts: list[PathPart] = []
    for match in re.finditer(r'\["((?:[^"\\]|\\.)*)"\]|\[(\d+|\*)\]|([^.\[\]]+)', path):
        quoted, index, name = match.groups()
        if quoted is not None:
            parts.append(quoted.replace('\\"', '"'))
        elif index is not None:
            parts.append("*" if index == "*" else int(index))
        else:
            parts.append(name)
    if not parts:
        raise ValueError(f"invalid property path {path!r}")
    return parts


def apply_ignore_changes(
    news: Mapping[str, Any], olds: Mapping[str, Any], paths: Iterable[str]
) -> PropertyMap:
    """Reset each ignored path of the goal inputs to its old value, or drop it if it had none.

    The engine does this *before* Check, so Check, Diff and Update all see the old value.
    """
    result: PropertyMap = copy.deepcopy(dict(news))
    for path in paths:
        _reset(parse_property_path(path), dict(olds), result)
    return result


def _reset(parts: list[PathPart], old: Any, new: Any) -> None:
    head, rest = parts[0], parts[1:]
    for key in _expand(head, old, new):
        old_has, old_value = _lookup(old, key)
        new_has, new_value = _lookup(new, key)
        if rest:
            if new_has:
                _reset(rest, old_value, new_value)
            elif isinstance(old_value, dict) and isinstance(new, dict | list):
                _assign(new, key, {})
                _reset(rest, old_value, _lookup(new, key)[1])
            elif old_has:
                _assign(new, key, copy.deepcopy(old_value))
        elif old_has:
            _assign(new, key, copy.deepcopy(old_value))
        elif new_has:
            _remove(new, key)


def _expand(head: PathPart, old: Any, new: Any) -> list[PathPart]:
    if head != "*":
        return [head]
    keys: list[PathPart] = []
    for container in (old, new):
        if isinstance(container, dict):
            keys.extend(k for k in container if k not in keys)
        elif isinstance(container, list):
            keys.extend(i for i in range(len(container)) if i not in keys)
    return keys


def _lookup(container: Any, key: PathPart) -> tuple[bool, Any]:
    if isinstance(container, dict) and isinstance(key, str) and key in container:
        return True, container[key]
    if isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container):
        return True, container[key]
    return False, None


def _assign(container: Any, key: PathPart, value: Any) -> None:
    if _lookup(container, key)[0] or (isinstance(container, dict) and isinstance(key, str)):
        container[key] = value


def _remove(container: Any, key: PathPart) -> None:
    if isinstance(container, dict) and isinstance(key, str):
        container.pop(key, None)
    elif isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container):
        del container[key]


def changed_paths(olds: Mapping[str, Any], news: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Property paths that differ between two maps, secrets unwrapped, recursing into objects."""
    paths: list[str] = []
    old_plain, new_plain = strip_secrets(dict(olds)), strip_secrets(dict(news))
    for key in sorted(set(old_plain) | set(new_plain)):
        old_value, new_value = old_plain.get(key, _MISSING), new_plain.get(key, _MISSING)
        if old_value == new_value:
            continue
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(old_value, dict) and isinstance(new_value, dict):
            paths.extend(changed_paths(old_value, new_value, path))
        else:
            paths.append(path)
    return paths


_MISSING: Any = object()


def detailed_diff(olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, str]:
    """Top-level keys that differ, each with its kind (``add``, ``delete`` or ``update``).

    The kit computes this for display only, as the CLI does when a provider sends no detailed
    diff (the Python dynamic-provider server never sends one).
    """
    old_plain, new_plain = strip_secrets(dict(olds)), strip_secrets(dict(news))
    kinds: dict[str, str] = {}
    for key in sorted(set(old_plain) | set(new_plain)):
        if key not in old_plain:
            kinds[key] = "add"
        elif key not in new_plain:
            kinds[key] = "delete"
        elif old_plain[key] != new_plain[key]:
            kinds[key] = "update"
    return kinds


def replace_keys_for(changed: Iterable[str], replace_on_changes: Iterable[str]) -> list[str]:
    """Top-level keys that ``replaceOnChanges`` turns into replacements.

    A pattern matches a changed path it is a prefix of (``*`` matching any segment). Only changed
    paths the engine knows count: with a Python dynamic provider that means only a ``DIFF_UNKNOWN``
    answer, since the server never reports which keys changed.
    """
    patterns = [parse_property_path(p) for p in replace_on_changes]
    keys: list[str] = []
    for path in changed:
        parsed = parse_property_path(path)
        if any(_is_prefix(p, parsed) for p in patterns) and str(parsed[0]) not in keys:
            keys.append(str(parsed[0]))
    return keys


def _is_prefix(pattern: list[PathPart], path: list[PathPart]) -> bool:
    if len(pattern) > len(path):
        return False
    return all(p == "*" or p == q for p, q in zip(pattern, path, strict=False))


_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Seconds in a Go duration string (``"1h30m"``, ``"90s"``); ``""`` is 0.

    Custom timeouts travel as such strings and reach providers as seconds; the Python
    dynamic-provider server ignores them, but the request still carries them.
    """
    if not text:
        return 0.0
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        pos = match.end()
    if pos != len(text):
        raise ValueError(f"invalid duration {text!r}")
    return total
