"""Fake Google and Microsoft calendar endpoints on 127.0.0.1, and the keys that open them."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.calendars.google import SCOPES
from tests.calendars.fake_google import FakeGoogle
from tests.calendars.fake_microsoft import FakeMicrosoft
from tests.calendars.keys import pem, public_pem, rsa_key, tls_for_localhost

SERVICE_ACCOUNT = "rapport@rapport-calendar.iam.gserviceaccount.com"
DOMAIN = {"ana@example.com", "ben@example.com"}
TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT_ID = "66666666-7777-8888-9999-000000000000"
CLIENT_SECRET = "q~8Q~not-a-real-secret"


@pytest.fixture(scope="session")
def account_key() -> rsa.RSAPrivateKey:
    return rsa_key()


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, Path]:
    return tls_for_localhost(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def google(account_key: rsa.RSAPrivateKey) -> Iterator[FakeGoogle]:
    fake = FakeGoogle(public_pem(account_key), SERVICE_ACCOUNT, set(DOMAIN), set(SCOPES))
    yield fake
    fake.close()


def key_file_for(fake: FakeGoogle, key: rsa.RSAPrivateKey) -> dict[str, str]:
    """A service account key file as Google's console gives it, its token_uri the fake's."""
    return {
        "type": "service_account",
        "project_id": "rapport-calendar",
        "private_key_id": "0123456789abcdef",
        "private_key": pem(key),
        "client_email": SERVICE_ACCOUNT,
        "client_id": "104857600000000000000",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": fake.token_uri,
        "universe_domain": "googleapis.com",
    }


@pytest.fixture
def microsoft(tls: tuple[ssl.SSLContext, Path]) -> Iterator[FakeMicrosoft]:
    fake = FakeMicrosoft(tls[0], TENANT, CLIENT_ID, CLIENT_SECRET, set(DOMAIN))
    yield fake
    fake.close()
