"""A self-signed certificate for 127.0.0.1 and localhost, made with openssl, for the tests and
benches that serve the production recipe over HTTPS."""

from __future__ import annotations

import base64
import hashlib
import subprocess
from pathlib import Path


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A P-256 certificate and its key in `folder`, valid two days; (certificate, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    command += ["-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
    subprocess.run([*command, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def spki_hash(cert: Path) -> str:
    """The base64 SHA-256 of the certificate's public key, which Chromium's
    --ignore-certificate-errors-spki-list takes to trust it as a real certificate (caching included)."""
    key = subprocess.run(["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"], check=True, capture_output=True)
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=key.stdout, check=True, capture_output=True
    )
    return base64.b64encode(hashlib.sha256(der.stdout).digest()).decode()
