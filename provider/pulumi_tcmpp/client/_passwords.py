"""User passwords travel RSA-encrypted with a fresh key from CreatePresetKey.

CreatePresetKey answers with a PEM public key (RSA-1024 in the vendor's examples); the key's
id, which CreateUser and ModifyUserPassword want as ``KeyId``, is that response's RequestId.
The padding is not documented; PKCS#1 v1.5 is what the vendor's console and examples imply
(a 128-byte ciphertext, base64-encoded).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from pulumi_tcmpp._logs import keep_secret
from pulumi_tcmpp.api.users import CreatePresetKey
from pulumi_tcmpp.client._client import Client
from pulumi_tcmpp.errors import TransportError

__all__ = ["EncryptedPassword", "encrypt_password", "encrypt_with_preset_key"]


@dataclass(frozen=True)
class EncryptedPassword:
    """What CreateUser / ModifyUserPassword take: the key id and the base64 ciphertext."""

    key_id: str
    ciphertext: str

    def __repr__(self) -> str:
        return (
            f"EncryptedPassword(key_id={self.key_id!r}, ciphertext=<{len(self.ciphertext)} chars>)"
        )


def encrypt_password(public_key_pem: str, password: str) -> str:
    """RSA PKCS#1 v1.5 encryption of the UTF-8 password, base64-encoded."""
    keep_secret(password)
    key = load_pem_public_key(public_key_pem.encode("ascii"))
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("the preset key is not an RSA public key")
    return base64.b64encode(key.encrypt(password.encode("utf-8"), padding.PKCS1v15())).decode()


def encrypt_with_preset_key(client: Client, password: str) -> EncryptedPassword:
    """Ask the platform for a fresh key and encrypt the password with it."""
    platform_id = client.settings.platform_id if client.settings.backend_name == "tcsas" else None
    reply = client.call(CreatePresetKey(platform_id=platform_id))
    if reply.data is None or not reply.data.key:
        raise TransportError("CreatePresetKey", "the answer carried no public key")
    return EncryptedPassword(reply.request_id, encrypt_password(reply.data.key, password))
