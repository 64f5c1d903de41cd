"""Personal API tokens: created by ``tdkt api token create`` (printed once, stored hashed),
accepted as ``Authorization: Bearer``; wrong, revoked, expired tokens and locked accounts fail."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from tdkt.__main__ import main
from tdkt.api import tokens
from tdkt.api.models import ApiToken
from tdkt.common.models import AuditEntry
from tdkt.org.models import Person

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"^tdkt_[A-Za-z0-9_-]{43}$")


def create(username: str, *args: str, capsys) -> str:
    call_command("api", "token", "create", username, *args)
    out = capsys.readouterr().out.strip()
    assert TOKEN.match(out), out
    return out


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_create_prints_once_and_stores_only_a_hash(clerk, capsys):
    token = create("vanthu", "--name", "Báo cáo tháng", capsys=capsys)
    row = ApiToken.objects.get()
    assert row.user == clerk and row.name == "Báo cáo tháng"
    assert row.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert row.prefix == token[:9]
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert token not in stored and token[9:] not in stored
    entry = AuditEntry.objects.get(model="api.apitoken")
    assert entry.action == "create" and token not in json.dumps(entry.after)
    # listing shows the prefix, never the token
    call_command("api", "token", "list")
    listing = capsys.readouterr().out
    assert row.prefix in listing and token not in listing and "vanthu" in listing


def test_cli_entry_point(clerk, capsys):
    main(["tdkt", "api", "token", "create", "vanthu"])
    assert TOKEN.match(capsys.readouterr().out.strip())


def test_token_authenticates_with_the_owner_scope(data, clerk, capsys):
    token = create("vanthu", capsys=capsys)
    client = Client()
    response = client.get("/api/people", **bearer(token))
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [data.an.pk, data.huong.pk]
    assert client.get(f"/api/people/{data.hoa_vp.pk}", **bearer(token)).status_code == 404
    assert ApiToken.objects.get().last_used_at is not None


def test_token_writes_without_csrf(tree, data, clerk, capsys):
    token = create("vanthu", capsys=capsys)
    client = Client(enforce_csrf_checks=True)
    response = client.put(
        f"/api/people/{data.huong.pk}/ratings/2024",
        json.dumps({"grade": "HTT"}),
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 200, response.content
    assert AuditEntry.objects.filter(model="records.rating", user=clerk).count() == 1


@pytest.mark.parametrize(
    "header",
    [
        "Bearer tdkt_" + "x" * 43,
        "Bearer " + "x" * 48,
        "Bearer ",
        "Bearer",
        "Token {token}",
        "Basic dmFudGh1Ok1hdC1raGF1LTIwMjUh",
        "Bearer {token}x",
        "Bearer {token_upper}",
    ],
)
def test_wrong_tokens_fail(data, clerk, capsys, header):
    token = create("vanthu", capsys=capsys)
    value = header.format(token=token, token_upper=token.upper())
    response = Client().get("/api/people", HTTP_AUTHORIZATION=value)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_revoked_token_fails(data, clerk, capsys):
    token = create("vanthu", capsys=capsys)
    client = Client()
    assert client.get("/api/people", **bearer(token)).status_code == 200
    call_command("api", "token", "revoke", token[:9])
    assert "Đã thu hồi" in capsys.readouterr().out
    assert client.get("/api/people", **bearer(token)).status_code == 401
    assert AuditEntry.objects.filter(model="api.apitoken", action="revoke").count() == 1
    # revoking again changes nothing
    call_command("api", "token", "revoke", str(ApiToken.objects.get().pk))
    assert "trước đó" in capsys.readouterr().out
    assert AuditEntry.objects.filter(model="api.apitoken", action="revoke").count() == 1


def test_expired_token_fails(data, clerk, capsys):
    token = create("vanthu", "--expires-days", "30", capsys=capsys)
    assert Client().get("/api/people", **bearer(token)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get("/api/people", **bearer(token)).status_code == 401


def test_locked_account_token_fails(data, clerk, capsys):
    token = create("vanthu", capsys=capsys)
    clerk.is_active = False
    clerk.save()
    assert Client().get("/api/people", **bearer(token)).status_code == 401


def test_a_valid_token_decides_the_user_over_the_session(data, clerk, officer, capsys):
    clerk_token = create("vanthu", capsys=capsys)
    client = Client()
    client.force_login(officer)
    # a valid token decides the user, whatever the session says
    response = client.get("/api/people", **bearer(clerk_token))
    assert [p["id"] for p in response.json()["items"]] == [data.an.pk, data.huong.pk]
    assert Person.objects.count() == 4


def test_command_errors(clerk, capsys):
    with pytest.raises(CommandError):
        call_command("api", "token", "create", "khong_co")
    with pytest.raises(CommandError):
        call_command("api", "token", "create", "vanthu", "--expires-days", "0")
    with pytest.raises(CommandError):
        call_command("api", "token", "revoke", "tdkt_zzzz")
    clerk.is_active = False
    clerk.save()
    with pytest.raises(CommandError):
        call_command("api", "token", "create", "vanthu")
    assert not ApiToken.objects.exists()


def test_authenticate_ignores_what_is_not_a_token(clerk):
    _, clear = tokens.create_token(None, clerk)
    assert tokens.authenticate(clear) == clerk
    assert tokens.authenticate("") is None
    assert tokens.authenticate(clear[:-1]) is None
    assert tokens.authenticate("tdkt_" + "a" * 500) is None
