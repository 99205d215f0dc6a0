"""The package's public surface: lazy exports, what an import loads, pickling by reference.

``import pulumi_tcmpp`` must stay cheap (benchmarks/import_time.py measures it): names are
imported on first use, and models are built on first validation. These tests pin the
behaviour the benchmark's numbers rest on, in fresh interpreters.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import pulumi_tcmpp
import pulumi_tcmpp.client


def _fresh(code: str) -> object:
    """Run ``code`` in a fresh interpreter; it prints one JSON value, returned here."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_public_name_resolves_to_its_defining_module() -> None:
    for package in (pulumi_tcmpp, pulumi_tcmpp.client):
        for name in package.__all__:
            value = getattr(package, name)
            assert value is not None, name
            module = getattr(value, "__module__", None)
            if isinstance(value, type):
                assert module and module.startswith("pulumi_tcmpp."), (name, module)
        assert set(package.__all__) <= set(dir(package))


def test_the_lazy_map_and_all_list_the_same_names() -> None:
    lazy = {name for names in pulumi_tcmpp._EXPORTS.values() for name in names}
    assert lazy == set(pulumi_tcmpp.__all__) - {"__version__"}


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Teamm'"):
        _ = pulumi_tcmpp.Teamm  # type: ignore[attr-defined]
    with pytest.raises(ImportError):
        from pulumi_tcmpp import Teamm  # type: ignore[attr-defined]  # noqa: F401


def test_importing_the_package_loads_neither_pulumi_nor_pydantic_nor_httpx() -> None:
    loaded = _fresh(
        """
        import json, sys
        import pulumi_tcmpp
        print(json.dumps(sorted(m for m in sys.modules
              if m.split(".")[0] in ("pulumi", "pydantic", "httpx", "cryptography", "grpc")
              or m.startswith("pulumi_tcmpp."))))
        """
    )
    assert loaded == ["pulumi_tcmpp._lazy", "pulumi_tcmpp._version"]


_CALLERS = ("httpx", "cryptography", "importlib.metadata")
"""What only a process that calls the API (or validates a model) needs."""
_SETTINGS = (
    "pulumi_tcmpp.api",
    "pulumi_tcmpp.api.backends",
    "pulumi_tcmpp.api.errors",
    "pulumi_tcmpp.api.sts",
    "pulumi_tcmpp.client",
    "pulumi_tcmpp.client._signing_method",
    "pulumi_tcmpp.client._setting_values",
    "pulumi_tcmpp.client._settings",
)
"""What a Connection checks its settings with: plain tables (back ends, error codes, STS
limits) and the setting rules, no model; the client, its transport and signing are apart."""


def _heavy(modules: list[str]) -> list[str]:
    """The modules of this list that only a process calling the API needs."""
    api = ("pulumi_tcmpp.api", "pulumi_tcmpp.client")
    return [
        m
        for m in modules
        if m.split(".")[0] in _CALLERS or (m.startswith(api) and m not in _SETTINGS)
    ]


def test_a_resource_loads_only_its_own_modules_and_builds_no_model() -> None:
    seen = _fresh(
        """
        import json, sys
        import pulumi_tcmpp as tcmpp
        tcmpp.Team
        from pydantic import BaseModel
        def models(cls):
            for sub in cls.__subclasses__():
                yield sub
                yield from models(sub)
        ours = [m for m in models(BaseModel) if m.__module__.startswith("pulumi_tcmpp")]
        print(json.dumps({
            "modules": sorted(m for m in sys.modules if m.startswith("pulumi_tcmpp.")),
            "models": sorted(m.__name__ for m in ours),
            "built": sorted(m.__name__ for m in ours if m.__pydantic_complete__),
        }))
        """
    )
    assert isinstance(seen, dict)
    modules = seen["modules"]
    assert "pulumi_tcmpp.resources.team" in modules
    unrelated = ("clone", "emulator", "testing", "lookups", "resources.application")
    assert [m for m in modules if any(f"pulumi_tcmpp.{u}" in m for u in unrelated)] == []
    assert seen["models"] == ["ResourceArgs", "TeamArgs", "UserArgs"]  # Team resolves by user
    assert seen["built"] == []  # built on first validation, in the provider


def test_a_program_declaring_resources_loads_no_client_httpx_or_api_model() -> None:
    loaded = _fresh(
        """
        import json, sys
        import pulumi
        import pulumi_tcmpp as tcmpp
        tcmpp.Team
        alone = sorted(sys.modules)
        for name in tcmpp.__all__:  # every resource class, enum, error and Connection
            if name not in ("Platform", "PlatformSpec", "SpecError", "load_spec"):
                getattr(tcmpp, name)
        print(json.dumps([alone, sorted(sys.modules)]))
        """
    )
    assert isinstance(loaded, list)
    team, every = loaded
    assert "pulumi_tcmpp.resources.team" in team
    assert "pulumi_tcmpp.resources.mini_program_release" in every
    assert (_heavy(team), _heavy(every)) == ([], [])


def test_a_provider_serving_check_and_diff_loads_no_client_httpx_or_api_model() -> None:
    pickled = _fresh(
        """
        import json
        from pulumi.dynamic.dynamic import serialize_provider
        from pulumi_tcmpp.resources.mini_program import MiniProgramProvider
        print(json.dumps(serialize_provider(MiniProgramProvider())))
        """
    )
    served = _fresh(
        f"""
        import base64, json, sys, dill
        provider = dill.loads(base64.b64decode({pickled!r}))
        news = {{"name": "Shop", "team_id": "t1", "categories": ["Tools->Office"],
                "icon": "https://x/i.png", "intro": "A shop", "description": "A shop"}}
        checked = provider.check({{}}, news)
        diff = provider.diff("m1", {{**checked.inputs, "mnp_id": "m1"}}, checked.inputs)
        print(json.dumps([[f.reason for f in checked.failures], diff.changes, sorted(sys.modules)]))
        """
    )
    assert isinstance(served, list)
    failures, changes, modules = served
    assert (failures, changes) == ([], False)
    # pydantic looks for its plugins (importlib.metadata) when it builds the first validator
    assert [m for m in _heavy(modules) if not m.startswith("importlib.metadata")] == []


def test_a_provider_pickles_by_reference_and_unpickles_importing_its_module_only() -> None:
    seen = _fresh(
        """
        import base64, json, sys, dill
        from pulumi.dynamic.dynamic import serialize_provider
        from pulumi_tcmpp.resources.team import TeamProvider
        print(json.dumps(serialize_provider(TeamProvider())))
        """
    )
    assert isinstance(seen, str)
    loaded = _fresh(
        f"""
        import base64, json, sys, dill
        provider = dill.loads(base64.b64decode({seen!r}))
        print(json.dumps([type(provider).__module__, type(provider).__name__,
              sorted(m for m in sys.modules if m.startswith("pulumi_tcmpp.clone"))]))
        """
    )
    assert loaded == ["pulumi_tcmpp.resources.team", "TeamProvider", []]
    assert len(seen) < 400  # a reference to the class, not its code


def test_the_version_is_one_string_shared_by_package_and_metadata() -> None:
    from importlib.metadata import version

    assert pulumi_tcmpp.__version__ == version("pulumi-tcmpp")
