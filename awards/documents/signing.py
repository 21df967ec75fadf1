"""Signing PDF documents (PAdES baseline) with the key a superuser uploaded, and the demo key
`load_demo` makes."""

import datetime
import os
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.base import ContentFile
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from awards.documents.models import SigningKey

PASSPHRASE_ENV = "THIDUA_SIGNING_PASSPHRASE"
FIELD_NAME = "ChuKySo"


class KeyUnusable(ValueError):
    """The PKCS#12 file does not open with the passphrase, or holds no key and certificate."""


def current_key():
    return SigningKey.objects.usable().first()


def passphrase_of(key):
    value = key.passphrase or os.environ.get(PASSPHRASE_ENV, "")
    return value.encode() if value else None


def read_pkcs12(data, passphrase):
    """(private key, certificate, other certificates) of PKCS#12 bytes."""
    try:
        private_key, certificate, others = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError) as error:
        raise KeyUnusable(str(error)) from error
    if private_key is None or certificate is None:
        raise KeyUnusable("no private key and certificate")
    return private_key, certificate, others


def describe(key, data):
    """Fill the holder and expiry the admin lists from the file itself."""
    _private, certificate, _others = read_pkcs12(data, passphrase_of(key))
    key.subject = certificate.subject.rfc4514_string()[:500]
    key.issuer = certificate.issuer.rfc4514_string()[:500]
    key.not_before = certificate.not_valid_before_utc
    key.not_after = certificate.not_valid_after_utc


# The parts of a certificate's name that say who it is, in the order a reader says them.
NAME_PARTS = [
    NameOID.COMMON_NAME,
    NameOID.ORGANIZATIONAL_UNIT_NAME,
    NameOID.ORGANIZATION_NAME,
    NameOID.LOCALITY_NAME,
    NameOID.STATE_OR_PROVINCE_NAME,
    NameOID.COUNTRY_NAME,
]


def name_in_words(rfc4514):
    """“Thi đua demo, VN” for “CN=Thi đua demo,C=VN”: what a reader needs of a certificate's
    subject or issuer, without the attribute codes."""
    if not rfc4514:
        return ""
    try:
        name = x509.Name.from_rfc4514_string(rfc4514)
    except ValueError:
        return rfc4514
    parts = [attribute.value for oid in NAME_PARTS
             for attribute in name.get_attributes_for_oid(oid)]  # fmt: skip
    return ", ".join(str(part) for part in parts) or rfc4514


def sign_pdf(data, *, key=None, reason="", location=""):
    """The PDF `data` with a PAdES signature by `key` (default: the key in use) appended as an
    incremental update, so the signed bytes are the document unchanged."""
    key = key or current_key()
    if key is None:
        raise KeyUnusable("no signing key")
    with key.pkcs12.open("rb") as handle:
        p12 = handle.read()
    signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=None,
                                                   passphrase=passphrase_of(key))  # fmt: skip
    if signer is None:
        raise KeyUnusable("the PKCS#12 file does not open")
    writer = IncrementalPdfFileWriter(BytesIO(data))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason or None,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def demo_pkcs12(common_name, passphrase, *, days=3650):
    """PKCS#12 bytes of a new self-signed certificate and its RSA key (demo data only)."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])  # fmt: skip
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .sign(private_key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(passphrase.encode())
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), private_key, certificate, None, encryption
    )


def make_demo_key(*, name="Khóa ký thử (demo)", passphrase="demo-thidua"):
    """A self-signed demo key in use, for `load_demo`; never for real documents."""
    key = SigningKey(name=name, passphrase=passphrase)
    data = demo_pkcs12("Thi đua demo", passphrase)
    describe(key, data)
    key.pkcs12.save("demo.p12", ContentFile(data), save=False)
    key.save()
    return key


def ensure_demo_key():
    """The demo key, made once: a loaded demo already signing keeps its key."""
    return current_key() or make_demo_key()
