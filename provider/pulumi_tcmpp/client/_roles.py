"""Role credentials at run time: the key source of a Settings, with its fetchers.

:mod:`._signing_method` says which method the settings name; this module turns that into a
:class:`~._keys.KeySource`: fixed keys, or :class:`~._keys.RefreshingKeys` whose fetcher calls
STS (:class:`~._sts.StsClient`) or the CVM metadata service (:class:`~._sts.MetadataService`),
an AssumeRole fetcher signing with the key source below it. Refusals become errors that say
what was being assumed, what the service answered and which setting to check.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from pulumi_tcmpp.api import sts
from pulumi_tcmpp.client._keys import EXPIRED_CODES, FixedKeys, Keys, KeySource, RefreshingKeys
from pulumi_tcmpp.client._retry import RetryPolicy
from pulumi_tcmpp.client._signing_method import (
    ASSUME_ROLE_CONFIG,
    CAM_ROLE_CONFIG,
    CAM_ROLE_ENV,
    METADATA_CONFIG,
    METADATA_ENV,
    ROLE_ENV_PREFIX,
    WEB_IDENTITY_CONFIG,
    AssumeRole,
    CvmRole,
    WebIdentity,
)
from pulumi_tcmpp.client._sts import MetadataService, StsClient
from pulumi_tcmpp.client._transport import default_transport, is_loopback
from pulumi_tcmpp.errors import ApiError, ConfigurationError, TransportError

if TYPE_CHECKING:
    from pulumi_tcmpp.client._settings import Settings

__all__ = ["key_source_for", "sts_url"]


def sts_url(settings: Settings) -> str:
    """Where STS is: the configured endpoint; the API endpoint when that is on this machine
    (the emulator serves STS too); else ``https://sts.tencentcloudapi.com``."""
    configured = settings.sts_endpoint
    if configured:
        return configured if "://" in configured else f"https://{configured}"
    if settings.endpoint and is_loopback(settings.base_url):
        return settings.base_url
    return f"https://{sts.DEFAULT_HOST}"


def key_source_for(
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    retry: RetryPolicy | None = None,
    clock: Callable[[], float] = time.time,
) -> KeySource:
    """The key source of these settings (fixed keys, or temporary ones with their fetchers).

    ``transport`` (tests) is used for STS and the metadata service too; by default each gets
    its own pooled transport.
    """
    base: KeySource
    if settings.web_identity is not None:
        base = _web_identity_keys(settings, settings.web_identity, transport, retry, clock)
    elif settings.cvm_role is not None:
        base = _cvm_keys(settings.cvm_role, transport, retry, clock)
    else:
        base = FixedKeys(Keys(settings.secret_id, settings.secret_key, settings.token))
    if settings.assume_role is None:
        return base
    return _assumed_keys(settings, settings.assume_role, base, transport, retry, clock)


def _sts_client(
    settings: Settings,
    region: str | None,
    transport: httpx.BaseTransport | None,
    retry: RetryPolicy | None,
    clock: Callable[[], float],
) -> StsClient:
    url = sts_url(settings)
    return StsClient(
        url,
        region or settings.region or sts.DEFAULT_REGION,
        transport or default_transport(url),
        timeout=settings.timeout,
        retry=retry,
        clock=clock,
        owns_transport=transport is None,
    )


def _issued(credentials: sts.IssuedCredentials) -> Keys:
    return Keys(
        credentials.tmp_secret_id,
        credentials.tmp_secret_key,
        credentials.token,
        float(credentials.expired_time),
    )


def _assumed_keys(
    settings: Settings,
    role: AssumeRole,
    base: KeySource,
    transport: httpx.BaseTransport | None,
    retry: RetryPolicy | None,
    clock: Callable[[], float],
) -> RefreshingKeys:
    client = _sts_client(settings, None, transport, retry, clock)
    what = f"role {role.role_arn} (session {role.session_name})"

    def fetch() -> Keys:
        for renewed in (False, True):
            keys = base.current()
            try:
                return _issued(client.assume_role(keys, role.params()))
            except ApiError as exc:
                if not renewed and base.refreshable and exc.code in EXPIRED_CODES:
                    base.invalidate(keys)
                    continue
                raise _refused(
                    f"could not assume {what} at {client.endpoint}", exc, _ASSUME_HINT
                ) from None
            except TransportError as exc:
                raise _unreachable(f"could not assume {what}", exc) from None
        raise AssertionError("unreachable")

    def close() -> None:
        client.close()
        base.close()

    return RefreshingKeys(fetch, what, clock, close)


def _web_identity_keys(
    settings: Settings,
    identity: WebIdentity,
    transport: httpx.BaseTransport | None,
    retry: RetryPolicy | None,
    clock: Callable[[], float],
) -> RefreshingKeys:
    client = _sts_client(settings, identity.region, transport, retry, clock)
    what = f"web identity role {identity.role_arn} (provider {identity.provider_id})"

    def fetch() -> Keys:
        params = sts.WebIdentityParams(
            provider_id=identity.provider_id,
            web_identity_token=identity.read_token(),
            role_arn=identity.role_arn,
            role_session_name=identity.session_name,
            duration_seconds=identity.duration,
        )
        try:
            return _issued(client.assume_role_with_web_identity(params))
        except ApiError as exc:
            raise _refused(
                f"could not assume {what} at {client.endpoint}", exc, _WEB_HINT
            ) from None
        except TransportError as exc:
            raise _unreachable(f"could not assume {what}", exc) from None

    return RefreshingKeys(fetch, what, clock, client.close)


def _cvm_keys(
    role: CvmRole,
    transport: httpx.BaseTransport | None,
    retry: RetryPolicy | None,
    clock: Callable[[], float],
) -> RefreshingKeys:
    service = MetadataService(
        role.metadata_endpoint,
        transport or httpx.HTTPTransport(),
        retry=retry,
        owns_transport=transport is None,
    )
    names: list[str] = [role.role_name] if role.role_name else []
    what = f"the CVM instance role {role.role_name or '(bound to this instance)'}"

    def fetch() -> Keys:
        try:
            if not names:
                names.append(service.role_name())
            return _issued(service.credentials(names[0]))
        except (LookupError, TransportError) as exc:
            raise ConfigurationError(
                f"could not get the credentials of {what} from the metadata service at "
                f"{role.metadata_endpoint}: {exc}. {_CVM_HINT}"
            ) from None

    return RefreshingKeys(fetch, what, clock, service.close)


_ASSUME_HINT = (
    "Check the role ARN, the external id and that the calling identity may assume the role "
    f"({ASSUME_ROLE_CONFIG}.roleArn / {ROLE_ENV_PREFIX}ARN)."
)
_WEB_HINT = (
    "Check the provider id, the role ARN and that the token is current "
    f"({WEB_IDENTITY_CONFIG} / {ROLE_ENV_PREFIX}* / TKE_*)."
)
_CVM_HINT = (
    f"The instance role works on a CVM with a CAM role bound; {CAM_ROLE_CONFIG} / "
    f"{CAM_ROLE_ENV} names it, {METADATA_CONFIG} / {METADATA_ENV} moves the endpoint."
)


def _refused(what: str, exc: ApiError, hint: str) -> ConfigurationError:
    return ConfigurationError(
        f"{what}: [{exc.code}] {exc.message} (RequestId: {exc.request_id or '-'}). {hint}"
    )


def _unreachable(what: str, exc: TransportError) -> TransportError:
    return TransportError(exc.action, f"{what}: STS did not answer: {exc.detail}")
