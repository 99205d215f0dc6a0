"""Preset keys and password decryption (RSA-1024, PKCS#1 v1.5, base64), checked exactly.

cryptography's PKCS#1 v1.5 decryption uses implicit rejection (it returns random bytes for a
bad ciphertext instead of failing, against padding-oracle attacks), which would let garbage
through as a password. The emulator only guards test passwords, so it does the RSA step with
the private exponent and checks the padding itself, refusing anything malformed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._store import Record

__all__ = ["decrypt_password", "new_preset_key", "password_digest"]

KEY_BITS = 1024


def new_preset_key(ctx: Ctx) -> str:
    """A fresh key pair stored under this request's RequestId; returns the public PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ctx.put_global(
        "preset_key",
        ctx.request_id,
        {
            "key_id": ctx.request_id,
            "public_pem": public.decode(),
            "private_pem": private.decode(),
            "platform_id": ctx.platform_id,
            "create_time": ctx.now_str,
        },
    )
    return public.decode()


def _unpad(block: bytes) -> bytes | None:
    """The message of an EME-PKCS1-v1_5 block, or None when the padding is wrong."""
    if len(block) < 11 or block[0] != 0 or block[1] != 2:
        return None
    separator = block.find(b"\x00", 2)
    if separator < 10:
        return None
    return block[separator + 1 :]


def _rsa_decrypt(record: Record, ciphertext: bytes) -> bytes | None:
    key = serialization.load_pem_private_key(record["private_pem"].encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    size = (n.bit_length() + 7) // 8
    value = int.from_bytes(ciphertext, "big")
    if len(ciphertext) != size or value >= n:
        return None
    return _unpad(pow(value, d, n).to_bytes(size, "big"))


def decrypt_password(ctx: Ctx, key_id: str, password: str) -> str:
    """The clear password, or InvalidParameterValue when the key or ciphertext is wrong."""
    record = ctx.get_global("preset_key", key_id)
    if record is None:
        fail(
            "InvalidParameterValue",
            f"The KeyId `{key_id}` does not exist; get one with CreatePresetKey.",
        )
    if ctx.readings.preset_key_scope == "platform" and record["platform_id"] != ctx.platform_id:
        fail(
            "InvalidParameterValue",
            f"The KeyId `{key_id}` was made for platform {record['platform_id']}, not "
            f"{ctx.platform_id}; get one with CreatePresetKey on this platform.",
        )
    if ctx.readings.preset_key_single_use and record.get("used"):
        fail(
            "InvalidParameterValue",
            f"The KeyId `{key_id}` was used already; get a new one with CreatePresetKey.",
        )
    try:
        ciphertext = base64.b64decode(password, validate=True)
    except (binascii.Error, ValueError):
        fail("InvalidParameterValue", "The Password is not valid base64.")
    message = _rsa_decrypt(record, ciphertext)
    try:
        clear = message.decode("utf-8") if message is not None else ""
    except UnicodeDecodeError:
        clear = ""
    if not clear:
        fail(
            "InvalidParameterValue",
            f"The Password could not be decrypted with the key `{key_id}`.",
        )
    ctx.put_global("preset_key", key_id, {**record, "used": True})
    return clear


def password_digest(user_id: str, password: str) -> str:
    """What the emulator keeps of a password: a salted hash, never the password."""
    return hashlib.sha256(f"{user_id}:{password}".encode()).hexdigest()
