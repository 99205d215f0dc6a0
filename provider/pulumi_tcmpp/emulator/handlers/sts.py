"""STS and the CVM metadata service, so role credentials are tested offline.

Served on the emulator's own port: a request with ``X-TC-Version: 2018-08-13`` is an STS call
(``AssumeRole``, ``AssumeRoleWithWebIdentity``), and ``GET /latest/meta-data/cam/...`` is the
metadata service of a pretend CVM instance. What it models, from the vendor's documents
(:mod:`pulumi_tcmpp.api.sts`):

* ``AssumeRole`` is TC3-signed with service ``sts`` by a known key pair (temporary keys too:
  role chaining); ``AssumeRoleWithWebIdentity`` is accepted unsigned (``Authorization: SKIP``,
  as the vendor SDK sends it) or signed;
* roles exist only when registered (:meth:`Sts.add_role`; one is there from the start:
  :data:`DEFAULT_ROLE_ARN`); a role may demand an ``ExternalId`` and names the OIDC providers
  it trusts; an OIDC provider accepts the tokens registered with it;
* parameters are checked as documented: ``RoleArn`` in one of the four ARN forms,
  ``RoleSessionName`` 2-128 of ``[\\w+=,.@-]``, ``DurationSeconds`` 1-43,200 (default 7,200),
  ``Policy`` URL-encoded JSON;
* temporary keys expire at ``ExpiredTime`` on the emulator's clock; after that the TCMPP
  actions refuse them with ``AuthFailure.TokenFailure`` (or, with
  ``expired_answer = "unknown"``, ``AuthFailure.SecretIdNotFound``: both readings are
  plausible and the client must survive either). :meth:`Sts.expire_all` ends every issued
  key now, as a revocation or an early expiry would.

Codes are the STS SDK's (``tencentcloud/sts/v20180813/errorcodes.py``): ``InvalidParameter.
ParamError``, ``InvalidParameter.OverTimeError``, ``InvalidParameter.StrategyFormatError``,
``InvalidParameter.WebIdentityTokenError``, ``ResourceNotFound.RoleNotFound``,
``UnauthorizedOperation``, plus the gateway's ``MissingParameter``/``InvalidParameter``/
``InvalidAction``.
"""

from __future__ import annotations

import json
import secrets
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from pulumi_tcmpp.api import sts
from pulumi_tcmpp.emulator._auth import verify
from pulumi_tcmpp.emulator._config import DEFAULT_ACCOUNT_ID, Credential
from pulumi_tcmpp.emulator._fault import fail

if TYPE_CHECKING:
    from pulumi_tcmpp.emulator._app import App, Reply, _Call

__all__ = ["DEFAULT_ROLE_ARN", "DEFAULT_ROLE_NAME", "VERSION", "Role", "Sts"]

VERSION = sts.VERSION
DEFAULT_ROLE_NAME = "tcmpp-deployer"
DEFAULT_ROLE_ARN = f"qcs::cam::uin/{DEFAULT_ACCOUNT_ID}:roleName/{DEFAULT_ROLE_NAME}"
_EXPIRED_TOKEN = "\x00expired"
"""A token no request can carry: an expired key's signature checks out, its token never."""


@dataclass(frozen=True)
class Role:
    """A CAM role that may be assumed."""

    arn: str
    external_id: str | None = None
    """When set, AssumeRole must carry this ExternalId (the role's trust condition)."""
    identity_providers: tuple[str, ...] = ()
    """OIDC providers whose tokens may assume the role (AssumeRoleWithWebIdentity)."""

    @property
    def name(self) -> str | None:
        return sts.role_name_of(self.arn)

    @property
    def account(self) -> str:
        return sts.account_of(self.arn) or DEFAULT_ACCOUNT_ID


@dataclass
class _Issued:
    credential: Credential
    expires_at: float
    role_arn: str
    via: str


@dataclass
class Sts:
    """Roles, OIDC providers, the instance's role and the temporary keys handed out."""

    roles: dict[str, Role] = field(default_factory=dict)
    identity_providers: dict[str, frozenset[str]] = field(default_factory=dict)
    instance_role: str | None = DEFAULT_ROLE_NAME
    """The role bound to the pretend CVM instance (None: no role bound)."""
    instance_duration: int = sts.DEFAULT_DURATION
    """Seconds the metadata service's credentials last."""
    expired_answer: Literal["token", "unknown"] = "token"
    _issued: dict[str, _Issued] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.clear()

    # -- set-up ---------------------------------------------------------------------------------

    def clear(self) -> None:
        """Day one: the default role, no OIDC provider, the default instance role, no keys."""
        with self._lock:
            self.roles = {DEFAULT_ROLE_ARN: Role(DEFAULT_ROLE_ARN)}
            self.identity_providers = {}
            self.instance_role = DEFAULT_ROLE_NAME
            self.instance_duration = sts.DEFAULT_DURATION
            self.expired_answer = "token"
            self._issued = {}

    def add_role(
        self,
        arn: str,
        *,
        external_id: str | None = None,
        identity_providers: tuple[str, ...] | list[str] = (),
    ) -> Role:
        """Register a role (it must be in one of the documented ARN forms)."""
        if not sts.ROLE_ARN.match(arn):
            raise ValueError(f"not a CAM role ARN: {arn!r}")
        role = Role(arn, external_id, tuple(identity_providers))
        with self._lock:
            self.roles[arn] = role
        return role

    def add_identity_provider(self, provider_id: str, tokens: list[str] | tuple[str, ...]) -> None:
        """An OIDC provider and the web identity tokens it vouches for."""
        with self._lock:
            self.identity_providers[provider_id] = frozenset(tokens)

    def expire_all(self) -> int:
        """End every temporary key issued so far, now; returns how many there were."""
        with self._lock:
            for issued in self._issued.values():
                issued.expires_at = float("-inf")
            return len(self._issued)

    def issued(self) -> list[dict[str, Any]]:
        """What was handed out (never the secret key or token): id, role, via, expiry."""
        with self._lock:
            return [
                {
                    "SecretId": secret_id,
                    "RoleArn": i.role_arn,
                    "Via": i.via,
                    "ExpiresAt": i.expires_at,
                }
                for secret_id, i in self._issued.items()
            ]

    def issued_keys(self) -> list[Credential]:
        """The temporary key pairs handed out, secrets included (for leak checks in tests)."""
        with self._lock:
            return [i.credential for i in self._issued.values()]

    # -- the hooks App calls ----------------------------------------------------------------

    def keyring(self, static: Mapping[str, Credential], now: float) -> Mapping[str, Credential]:
        """The key pairs a signature may use now: the configured ones and the issued ones."""
        return _Keyring(self, static, now)

    def handle(
        self,
        app: App,
        call: _Call,
        method: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> Reply:
        """One STS call (``headers`` lower-case); refusals raise :class:`ApiFault`."""
        from pulumi_tcmpp.emulator._app import Reply, _envelope

        action = headers.get("x-tc-action") or ""
        call.action = action or None
        if action not in (sts.ASSUME_ROLE, sts.ASSUME_ROLE_WITH_WEB_IDENTITY):
            if not action:
                fail("MissingParameter", "The request is missing a required parameter `Action`.")
            fail(
                "InvalidAction", f"The requested action `{action}` does not exist in sts {VERSION}."
            )
        unsigned = action == sts.ASSUME_ROLE_WITH_WEB_IDENTITY and (
            headers.get("authorization", "").strip().upper() == "SKIP"
        )
        caller = None
        if not unsigned:
            caller = verify(
                method=method,
                headers=headers,
                body=body,
                query=query,
                service=sts.SERVICE,
                now=app.now(),
                credentials=self.keyring(app.credentials, app.now()),
            )
        params = app._params(method, query, headers, body)  # as for TCMPP: JSON body or query
        call.params = params
        if caller is not None and action == sts.ASSUME_ROLE:
            fields = self._assume_role(caller, params, app.now())
        else:
            fields = self._web_identity(params, app.now())
        return Reply(200, _envelope({**fields, "RequestId": call.request_id}))

    def metadata(self, app: App, method: str, path: str) -> Reply:
        """``GET /latest/meta-data/cam/security-credentials/[<role>]`` of the pretend CVM."""
        from pulumi_tcmpp.emulator._app import Reply

        if method.upper() != "GET":
            return Reply(405, b"Method Not Allowed", content_type="text/plain")
        listing = sts.METADATA_CREDENTIALS_PATH.rstrip("/")
        if not path.startswith(listing) or self.instance_role is None:
            return Reply(404, b"Not Found", content_type="text/plain")
        name = path[len(listing) :].strip("/")
        if not name:
            return Reply(200, self.instance_role.encode(), content_type="text/plain")
        if name != self.instance_role:
            return Reply(404, b"Not Found", content_type="text/plain")
        arn = f"qcs::cam::uin/{DEFAULT_ACCOUNT_ID}:roleName/{self.instance_role}"
        issued = self._issue(arn, self.instance_duration, app.now(), "cvm")
        return Reply(200, json.dumps(issued.to_metadata()).encode())

    # -- the actions --------------------------------------------------------------------------

    def _assume_role(
        self, caller: Credential, params: dict[str, Any], now: float
    ) -> dict[str, Any]:
        role = self._role(_text(params, "RoleArn"))
        _session_name(params)
        duration = _duration(params)
        external_id = _text(params, "ExternalId", required=False)
        if role.external_id and external_id != role.external_id:
            fail(
                "UnauthorizedOperation",
                f"The role {role.arn} may only be assumed with its ExternalId; "
                f"{'none was given' if not external_id else 'the one given does not match'}.",
            )
        _policy(params)
        return self._issue(role.arn, duration, now, f"AssumeRole by {caller.secret_id}").to_sts()

    def _web_identity(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        provider_id = _text(params, "ProviderId")
        token = _text(params, "WebIdentityToken")
        role = self._role(_text(params, "RoleArn"))
        _session_name(params)
        duration = _duration(params)
        tokens = self.identity_providers.get(provider_id)
        if tokens is None:
            fail(
                "InvalidParameter.ParamError",
                f"The identity provider `{provider_id}` does not exist.",
            )
        if token not in tokens:
            fail(
                "InvalidParameter.WebIdentityTokenError",
                f"The web identity token was not issued by the provider `{provider_id}` "
                "or has expired.",
            )
        if provider_id not in role.identity_providers:
            fail(
                "UnauthorizedOperation",
                f"The role {role.arn} does not trust the identity provider `{provider_id}`.",
            )
        return self._issue(role.arn, duration, now, f"web identity {provider_id}").to_sts()

    def _role(self, arn: str) -> Role:
        if not sts.ROLE_ARN.match(arn):
            fail(
                "InvalidParameter.ParamError",
                f"The RoleArn `{arn}` is not valid: expected qcs::cam::uin/<uin>:roleName/<name> "
                "or qcs::cam::uin/<uin>:role/<id>.",
            )
        role = self.roles.get(arn)
        if role is None:
            fail("ResourceNotFound.RoleNotFound", f"The role `{arn}` does not exist.")
        return role

    def _issue(self, role_arn: str, duration: int, now: float, via: str) -> sts.IssuedCredentials:
        issued = sts.IssuedCredentials(
            tmp_secret_id="AKID" + secrets.token_hex(16),
            tmp_secret_key=secrets.token_urlsafe(24),
            token=secrets.token_urlsafe(48),
            expired_time=int(now) + duration,
        )
        account = sts.account_of(role_arn) or DEFAULT_ACCOUNT_ID
        credential = Credential(
            issued.tmp_secret_id, issued.tmp_secret_key, issued.token, account_id=account
        )
        with self._lock:
            self._issued[issued.tmp_secret_id] = _Issued(
                credential, float(issued.expired_time), role_arn, via
            )
        return issued

    def _lookup(self, secret_id: str, now: float) -> Credential | None:
        with self._lock:
            issued = self._issued.get(secret_id)
        if issued is None:
            return None
        if now < issued.expires_at:
            return issued.credential
        if self.expired_answer == "unknown":
            return None
        return replace(issued.credential, token=_EXPIRED_TOKEN)


class _Keyring(Mapping[str, Credential]):
    def __init__(self, sts_: Sts, static: Mapping[str, Credential], now: float) -> None:
        self._sts = sts_
        self._static = static
        self._now = now

    def __getitem__(self, secret_id: str) -> Credential:
        found = self._static.get(secret_id) or self._sts._lookup(secret_id, self._now)
        if found is None:
            raise KeyError(secret_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._static)

    def __len__(self) -> int:
        return len(self._static)


def _text(params: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = params.get(name)
    if value is None:
        if required:
            fail("MissingParameter", f"The request is missing a required parameter `{name}`.")
        return ""
    if not isinstance(value, str):
        fail("InvalidParameter", f"The parameter `{name}` must be a String.")
    return value


def _session_name(params: Mapping[str, Any]) -> str:
    name = _text(params, "RoleSessionName")
    if not sts.SESSION_NAME.match(name):
        fail(
            "InvalidParameter.ParamError",
            f"RoleSessionName `{name}` must be 2-128 letters, digits or =,.@_-.",
        )
    return name


def _duration(params: Mapping[str, Any]) -> int:
    value = params.get("DurationSeconds", sts.DEFAULT_DURATION)
    if isinstance(value, str) and value.isdigit():  # GET query strings carry text
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        fail("InvalidParameter", "The parameter `DurationSeconds` must be an Integer.")
    if not 1 <= value <= sts.MAX_DURATION:
        fail(
            "InvalidParameter.OverTimeError",
            f"DurationSeconds must be from 1 to {sts.MAX_DURATION}; got {value}.",
        )
    return value


def _policy(params: Mapping[str, Any]) -> None:
    policy = _text(params, "Policy", required=False)
    if not policy:
        return
    try:
        document = json.loads(urllib.parse.unquote_plus(policy))
    except ValueError:
        document = None
    if not isinstance(document, dict) or "statement" not in document:
        fail(
            "InvalidParameter.StrategyFormatError",
            "Policy must be a URL-encoded CAM policy document (JSON with a statement).",
        )
    if "principal" in json.dumps(document).lower():
        fail("InvalidParameter.StrategyFormatError", "Policy must not contain `principal`.")
