"""Turning spec values into resource inputs: config references and secret placeholders.

``{config: KEY}`` reads the stack configuration of the environment being applied to (the
project namespace by default: ``pulumi config set KEY VALUE``). Every missing key is collected
and reported at once, before any resource is registered.

``{secret: NAME}`` is filled from the ``secrets`` given to the Platform, else from the stack's
secret config NAME (``pulumi config set --secret NAME ...``). A missing secret is not an error
here: it becomes an unset input that the resource's check rejects when the object must be
created (naming the secret) and reads as "keep the current value" when it already exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import pulumi

from pulumi_tcmpp.clone.spec import ConfigRef, SecretRef
from pulumi_tcmpp.errors import TcmppError

__all__ = ["ConfigSource", "MissingConfigError", "Resolver"]


class ConfigSource(Protocol):
    """Anything with ``get(key) -> str | None`` (``pulumi.Config`` or a plain mapping)."""

    def get(self, key: str) -> Any: ...


class MissingConfigError(TcmppError):
    """Spec values refer to stack config keys that are not set."""


class Resolver:
    """Resolves one spec's references; remembers what was missing."""

    def __init__(
        self,
        config: ConfigSource | Mapping[str, Any] | None = None,
        secrets: Mapping[str, pulumi.Input[str]] | None = None,
    ) -> None:
        self._config = config
        self._secrets = dict(secrets or {})
        self.missing: dict[str, list[str]] = {}

    def _config_value(self, key: str) -> Any:
        source = self._config if self._config is not None else pulumi.Config()
        return source.get(key)

    def text(self, value: str | ConfigRef | None, path: str) -> str | None:
        """A literal, or the configured value (formatted), or None when unset."""
        if value is None or isinstance(value, str):
            return value
        resolved = self._config_value(value.config)
        if resolved is None or resolved == "":
            self.missing.setdefault(value.config, []).append(path)
            return None
        text = str(resolved)
        return value.format.replace("{}", text) if value.format else text

    def texts(self, values: list[str | ConfigRef], path: str) -> list[str]:
        """A list of texts; unset references are dropped (and reported)."""
        out = [self.text(v, f"{path}[{i}]") for i, v in enumerate(values)]
        return [v for v in out if v is not None]

    def secret(self, ref: SecretRef | None) -> pulumi.Input[str] | None:
        """The secret's value (as a Pulumi secret), or None when it has none."""
        if ref is None:
            return None
        if ref.secret in self._secrets:
            return pulumi.Output.secret(self._secrets[ref.secret])
        if self._config is None:
            return pulumi.Config().get_secret(ref.secret)
        value = self._config.get(ref.secret)
        return None if value is None else pulumi.Output.secret(value)

    def raise_if_missing(self, spec_name: str) -> None:
        """One error naming every missing config key and where the spec uses it."""
        if not self.missing:
            return
        lines = [
            f"  - {key} (used by {', '.join(paths)}): `pulumi config set {key} <value>`"
            for key, paths in sorted(self.missing.items())
        ]
        raise MissingConfigError(
            f"{spec_name}: the spec refers to stack config that is not set:\n" + "\n".join(lines)
        )
