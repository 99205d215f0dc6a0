"""An offline Pulumi engine for testing stacks built on Python dynamic providers.

``Stack`` runs a Pulumi program through the same path ``pulumi up`` uses, without the CLI: the
SDK's real dynamic-provider server (``python -m pulumi.dynamic``) in a fresh process per
operation, a real gRPC resource monitor for the program, the engine's marshalling rules and step
logic, and a JSON state file. It is a test double, not a CLI replacement: see ``docs/testing.md``
for which engine behaviours are modelled and which are not.

```python
from pulumi_tcmpp.testing import Secret, Stack, scan_state_for_secrets

stack = Stack(program=my_program, project="quickstart", stack="dev", state_path=tmp_path / "s.json",
              config={"tcmpp:endpoint": url, "tcmpp:secretKey": Secret(key)})
result = stack.up()
assert result.ok, result
assert scan_state_for_secrets(stack.state_path, [key]) == []
```
"""

from __future__ import annotations

from ._hygiene import restore_pickler_after_serialize
from ._results import DeploymentFailed, Diagnostic, Failure, Result, RpcCall, Step
from ._secrets import SecretFinding, scan_state_for_secrets
from ._stack import Stack
from ._state import FORMAT_VERSION, PendingOperation, ResourceState, State, StateFileError
from ._values import UNKNOWN, Secret, Unknown

__all__ = [
    "FORMAT_VERSION",
    "UNKNOWN",
    "DeploymentFailed",
    "Diagnostic",
    "Failure",
    "PendingOperation",
    "ResourceState",
    "Result",
    "RpcCall",
    "Secret",
    "SecretFinding",
    "Stack",
    "State",
    "StateFileError",
    "Step",
    "Unknown",
    "restore_pickler_after_serialize",
    "scan_state_for_secrets",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or (callable(_obj) and hasattr(_obj, "__code__")):
        _obj.__module__ = __name__
del _name, _obj
