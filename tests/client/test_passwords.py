"""Password encryption with the preset key: what the platform can decrypt."""

from __future__ import annotations

import base64

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pulumi_tcmpp.client import (
    Client,
    RetryPolicy,
    Settings,
    encrypt_password,
    encrypt_with_preset_key,
)


def _key_pair() -> tuple[rsa.RSAPrivateKey, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, pem.decode()


def test_the_ciphertext_decrypts_to_the_password() -> None:
    private, pem = _key_pair()
    cipher = encrypt_password(pem, "Pässw0rd-密码")
    raw = base64.b64decode(cipher)
    assert len(raw) == 128
    assert private.decrypt(raw, padding.PKCS1v15()).decode() == "Pässw0rd-密码"


def test_the_key_id_is_the_request_id_of_create_preset_key() -> None:
    private, pem = _key_pair()
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.content)
        return httpx.Response(
            200, json={"Response": {"Data": {"Key": pem}, "RequestId": "key-req-7"}}
        )

    for backend, body in (("tcmpp", b"{}"), ("tcsas", b'{"PlatformId":"P9"}')):
        seen.clear()
        settings = Settings(
            secret_id="i",
            secret_key="k",
            endpoint="http://e",
            platform_id="P9",
            backend_name=backend,
            rate_limit=0,
        )
        client = Client(settings, transport=httpx.MockTransport(handler), retry=RetryPolicy(0))
        encrypted = encrypt_with_preset_key(client, "hunter2")
        assert encrypted.key_id == "key-req-7"
        assert (
            private.decrypt(base64.b64decode(encrypted.ciphertext), padding.PKCS1v15())
            == b"hunter2"
        )
        assert seen == [body]
        assert "hunter2" not in repr(encrypted)
