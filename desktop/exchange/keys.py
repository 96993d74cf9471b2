"""The office's signing key, its age encryption identity, and the keys it trusts.

Files under ``config_dir()/keys`` (they belong to the installation, not to a database file,
so restoring an old backup never rolls back a trust decision):

- ``office_ed25519.pem``: the Ed25519 signing key, PKCS#8 encrypted with the passphrase;
- ``office_age_identity.age``: the X25519 age identity, sealed with the same passphrase (scrypt
  and AES-GCM; see `_seal`); with it the stock ``age -d -i`` tool opens encrypted packages;
- ``office.pub``: the public key file handed to the other side (see `PublicKeyFile`);
- ``retired/``: earlier key pairs after ``tdkt keys init --rotate``;
- ``trusted.json``: the public keys of offices and provinces this installation accepts packages
  from. Entries are never replaced, only added, so after a key rotation the old key still
  verifies old packages.

The fingerprint of a key is the SHA-256 of its 32 raw public bytes, shown in groups of four
hex digits so two people can compare it over the phone.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop import paths
from desktop.errors import UserError
from desktop.i18n import _

SIGNING_FILE = "office_ed25519.pem"
AGE_FILE = "office_age_identity.age"
PUBLIC_FILE = "office.pub"
TRUSTED_FILE = "trusted.json"
PUBLIC_HEADER = "TDKT-PUBLIC-KEY 1"
PASSPHRASE_ENV = "TDKT_PASSPHRASE"
MIN_PASSPHRASE = 8


def keys_dir() -> Path:
    folder = paths.config_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fingerprint(raw_public: bytes) -> str:
    """SHA-256 of the raw public key, 64 lowercase hex digits."""
    return hashlib.sha256(raw_public).hexdigest()


def printable(fp: str) -> str:
    """«ABCD 1234 …» in two lines of eight groups, for reading aloud."""
    groups = [fp[i:i + 4].upper() for i in range(0, len(fp), 4)]
    return " ".join(groups[:8]) + "\n" + " ".join(groups[8:])


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# --- passphrase ----------------------------------------------------------------------------


def read_passphrase(passphrase_file: str | None = None, *, confirm: bool = False) -> str:
    """From `--passphrase-file`, else $TDKT_PASSPHRASE, else an interactive prompt."""
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise UserError(_("Cannot read the passphrase file “{path}”; check its name.")
                            .format(path=passphrase_file)) from exc
    elif os.environ.get(PASSPHRASE_ENV):
        text = os.environ[PASSPHRASE_ENV]
    else:
        try:
            text = getpass.getpass(_("Passphrase of the office key: "))
            if confirm and getpass.getpass(_("Type the passphrase again: ")) != text:
                raise UserError(_("The two passphrases differ; run the command again."))
        except EOFError as exc:
            raise UserError(_("No passphrase given; use --passphrase-file or the "
                              "TDKT_PASSPHRASE variable.")) from exc
    if not text:
        raise UserError(_("The passphrase is empty; choose one of at least 8 characters."))
    return text


# --- public key files ----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicKeyFile:
    """What `tdkt keys export` writes and `tdkt keys trust` reads.

    The age recipient is signed with the Ed25519 key, so checking the fingerprint by phone also
    authenticates the encryption key.
    """

    public_key: bytes  # 32 raw Ed25519 bytes
    age_recipient: str  # «age1…», may be ""
    office_id: str
    office_name: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def _signed_text(self) -> bytes:
        return f"{PUBLIC_HEADER}\n{self.age_recipient}\n{self.office_id}\n".encode()

    def render(self, signing: Ed25519PrivateKey) -> str:
        sig = base64.b64encode(signing.sign(self._signed_text())).decode()
        fp = printable(self.fingerprint).replace("\n", " ")
        return (
            f"{PUBLIC_HEADER}\n"
            f"office-id: {self.office_id}\n"
            f"office-name: {self.office_name}\n"
            f"algorithm: ed25519\n"
            f"public-key: {base64.b64encode(self.public_key).decode()}\n"
            f"fingerprint: {fp}\n"
            f"age-recipient: {self.age_recipient}\n"
            f"age-recipient-signature: {sig}\n"
        )

    @classmethod
    def parse(cls, text: str, source: str = "") -> PublicKeyFile:
        bad = UserError(_("“{path}” is not a TĐKT public key file; ask the sender for the "
                          "file made by “tdkt keys export”.").format(path=source))
        lines = text.strip().splitlines()
        if not lines or lines[0].strip() != PUBLIC_HEADER:
            raise bad
        fields: dict[str, str] = {}
        for line in lines[1:]:
            key, sep, value = line.partition(":")
            if sep:
                fields[key.strip()] = value.strip()
        try:
            raw = base64.b64decode(fields["public-key"], validate=True)
            public = Ed25519PublicKey.from_public_bytes(raw)
            item = cls(raw, fields.get("age-recipient", ""), fields.get("office-id", ""),
                       fields.get("office-name", ""))
            if item.age_recipient:
                sig = base64.b64decode(fields["age-recipient-signature"], validate=True)
                public.verify(sig, item._signed_text())
        except (KeyError, ValueError, InvalidSignature) as exc:
            raise bad from exc
        return item


def read_public_key_file(path: str | Path) -> PublicKeyFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(_("Cannot read the key file “{path}”; check its name.")
                        .format(path=path)) from exc
    return PublicKeyFile.parse(text, str(path))


# --- the office's own keys -----------------------------------------------------------------


@dataclass(frozen=True)
class OfficeKeys:
    signing: Ed25519PrivateKey
    age_identity: str  # «AGE-SECRET-KEY-1…»

    @property
    def public_raw(self) -> bytes:
        return raw_public(self.signing.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_raw)

    @property
    def age_recipient(self) -> str:
        import pyrage

        return str(pyrage.x25519.Identity.from_str(self.age_identity).to_public())


def has_keys() -> bool:
    return (keys_dir() / SIGNING_FILE).exists()


def init_keys(passphrase: str, *, office_id: str = "", office_name: str = "",
              rotate: bool = False) -> OfficeKeys:
    """Create the office key pair; with `rotate`, move the current one to ``retired/``."""
    import pyrage

    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(_("The passphrase is too short; choose one of at least 8 characters."))
    folder = keys_dir()
    if has_keys():
        if not rotate:
            raise UserError(_("This office already has a key; add --rotate to replace it "
                              "(the old public key stays trusted for old packages)."))
        old = load_public()
        retired = folder / "retired" / old.fingerprint[:16]
        retired.mkdir(parents=True, exist_ok=True)
        for name in (SIGNING_FILE, AGE_FILE, PUBLIC_FILE):
            if (folder / name).exists():
                shutil.move(str(folder / name), str(retired / name))
    signing = Ed25519PrivateKey.generate()
    identity = pyrage.x25519.Identity.generate()
    pem = signing.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode()))
    age_secret = _seal(str(identity).encode(), passphrase)
    keys = OfficeKeys(signing, str(identity))
    public = PublicKeyFile(keys.public_raw, keys.age_recipient, office_id, office_name)
    _write_private(folder / SIGNING_FILE, pem)
    _write_private(folder / AGE_FILE, age_secret)
    (folder / PUBLIC_FILE).write_text(public.render(signing), encoding="utf-8")
    # Our own key is trusted too, so this installation can verify what it sent.
    trust(public, name=office_name or _("this office"), own=True)
    return keys


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fp:
        fp.write(data)


def load_keys(passphrase: str, *, with_age: bool = False) -> OfficeKeys:
    """Open the office keys; the age identity (slow: scrypt) only when `with_age`."""
    import pyrage

    folder = keys_dir()
    if not has_keys():
        raise UserError(_("This office has no key yet; run “tdkt keys init” first."))
    try:
        signing = serialization.load_pem_private_key(
            (folder / SIGNING_FILE).read_bytes(), passphrase.encode())
    except (ValueError, TypeError) as exc:
        raise UserError(_("The passphrase is wrong; type it again.")) from exc
    assert isinstance(signing, Ed25519PrivateKey)
    if not with_age:
        return OfficeKeys(signing, "")
    try:
        sealed = (folder / AGE_FILE).read_bytes()
        if sealed.startswith(SEALED):
            identity = _unseal(sealed, passphrase)
        else:  # written by an earlier version with age's own passphrase scheme
            identity = pyrage.passphrase.decrypt(sealed, passphrase)
    except (pyrage.DecryptError, OSError, ValueError, InvalidTag) as exc:
        raise UserError(_("The encryption key of this office cannot be opened; run "
                          "“tdkt keys init --rotate”.")) from exc
    return OfficeKeys(signing, identity.decode().strip())


# The age identity is kept under the passphrase with scrypt and AES-GCM from `cryptography`.
# Not age's passphrase files: rage refuses to open one when this PC is slower or busier than the
# one that wrote it («excessive work parameter»), and old office PCs are exactly that.
SEALED = b"TDKT-SEALED-1\n"
_SCRYPT_N = 2**15  # 32 MiB, a fraction of a second even on an old PC


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=8, p=1).derive(passphrase.encode())


def _seal(secret: bytes, passphrase: str) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    return SEALED + salt + nonce + AESGCM(_key(passphrase, salt)).encrypt(nonce, secret, SEALED)


def _unseal(sealed: bytes, passphrase: str) -> bytes:
    body = sealed[len(SEALED):]
    salt, nonce, ciphertext = body[:16], body[16:28], body[28:]
    return AESGCM(_key(passphrase, salt)).decrypt(nonce, ciphertext, SEALED)


def load_public() -> PublicKeyFile:
    if not has_keys():
        raise UserError(_("This office has no key yet; run “tdkt keys init” first."))
    return read_public_key_file(keys_dir() / PUBLIC_FILE)


def public_text() -> str:
    return (keys_dir() / PUBLIC_FILE).read_text(encoding="utf-8")


# --- trusted keys --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str
    public_key: str  # base64 of the 32 raw bytes
    age_recipient: str
    office_id: str
    name: str
    added_at: str
    own: bool = False

    @property
    def key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(self.public_key))


def trusted_keys() -> list[TrustedKey]:
    path = keys_dir() / TRUSTED_FILE
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [TrustedKey(**item) for item in data["keys"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(_("The list of trusted keys “{path}” is damaged; restore it or trust "
                          "the keys again.").format(path=path)) from exc


def trust(public: PublicKeyFile, *, name: str = "", own: bool = False) -> TrustedKey:
    """Add a key (idempotent: a key already trusted keeps its entry)."""
    keys = trusted_keys()
    for item in keys:
        if item.fingerprint == public.fingerprint:
            return item
    entry = TrustedKey(
        fingerprint=public.fingerprint,
        public_key=base64.b64encode(public.public_key).decode(),
        age_recipient=public.age_recipient,
        office_id=public.office_id,
        name=name or public.office_name or public.fingerprint[:8],
        added_at=datetime.now().isoformat(timespec="seconds"),
        own=own,
    )
    keys.append(entry)
    path = keys_dir() / TRUSTED_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": 1, "keys": [asdict(k) for k in keys]},
                              ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return entry


def find_trusted(fp: str) -> TrustedKey | None:
    for item in trusted_keys():
        if item.fingerprint == fp:
            return item
    return None


def find_recipient(ref: str) -> TrustedKey:
    """A trusted key by name (case-insensitive) or by the start of its fingerprint."""
    needle = ref.replace(" ", "").lower()
    matches = [k for k in trusted_keys() if not k.own and (
        k.name.lower() == ref.lower() or (len(needle) >= 8 and k.fingerprint.startswith(needle)))]
    if len(matches) != 1:
        raise UserError(_("No single trusted key matches “{ref}”; see “tdkt keys list”.")
                        .format(ref=ref))
    return matches[0]
