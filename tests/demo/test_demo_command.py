"""`tdkt demo` and `tdkt serve` end to end (subprocesses on a temporary SQLite data dir), and the
command's refusals on the test database."""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from tdkt.common.models import AuditEntry
from tdkt.org.models import Agency, Membership

TDKT = [sys.executable, "-m", "tdkt"]


def run_env(data_dir: Path) -> dict[str, str]:
    """The environment of a child process: SQLite in *data_dir*, never the test's DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TDKT_"))}
    env["TDKT_DATA_DIR"] = str(data_dir)
    return env


def tdkt(*args: str, data_dir: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TDKT, *args],
        env=run_env(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


@pytest.fixture(scope="module")
def demo_dir(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    data_dir = tmp_path_factory.mktemp("demo")
    done = tdkt(
        "demo", "--data-dir", str(data_dir), "--no-serve", "--people", "90", "--years", "4",
        "--port", "8123", data_dir=data_dir,
    )  # fmt: skip
    return data_dir, done


def test_demo_builds_and_prints_address_and_credentials(demo_dir):
    data_dir, done = demo_dir
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "http://127.0.0.1:8123/" in out
    assert "demo-tdkt-2025" in out
    for username in ("quantri", "canbo", "vanthu", "xem"):
        assert f"  {username} " in out
    assert "90 cá nhân" in out
    db = data_dir / "db.sqlite3"
    assert count(db, "SELECT COUNT(*) FROM org_person") == 90
    assert count(db, "SELECT COUNT(*) FROM auth_user") == 4
    assert count(db, "SELECT MIN(year) FROM records_rating") == 2022


def test_running_demo_again_loads_nothing_twice(demo_dir):
    data_dir, _first = demo_dir
    db = data_dir / "db.sqlite3"
    awards = count(db, "SELECT COUNT(*) FROM awards_award")
    again = tdkt("demo", "--no-serve", "--people", "120", data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert "đã có" in again.stdout and "--people" in again.stdout
    assert count(db, "SELECT COUNT(*) FROM org_person") == 90
    assert count(db, "SELECT COUNT(*) FROM awards_award") == awards
    assert count(db, "SELECT COUNT(*) FROM common_auditentry WHERE action = 'demo_load'") == 1


def test_serve_answers_pages_and_static_files_without_collectstatic(demo_dir):
    data_dir, _first = demo_dir
    port = free_port()
    proc = subprocess.Popen(
        [*TDKT, "serve", "--port", str(port), "--threads", "2"],
        env=run_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                login = urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5)  # noqa: S310
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert login.status == 200
        assert "csrfmiddlewaretoken" in login.read().decode()
        # the printed credentials work: log in as the officer and search people
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/dang-nhap/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        form = urllib.parse.urlencode(
            {"username": "canbo", "password": "demo-tdkt-2025", "csrfmiddlewaretoken": token[1]}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            f"{base}/dang-nhap/", data=form, headers={"Referer": f"{base}/dang-nhap/"}
        )
        after = opener.open(request, timeout=30)
        assert after.status == 200 and "/dang-nhap/" not in after.url
        people = opener.open(f"{base}/ca-nhan/?q=nguyen", timeout=30)
        assert people.status == 200 and "Nguyễn" in people.read().decode()
        css = urllib.request.urlopen(f"{base}/static/admin/css/base.css", timeout=5)  # noqa: S310
        assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
        static_root = data_dir / "static"  # served from the apps, nothing collected
        assert not static_root.exists() or not any(static_root.iterdir())
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_refuses_an_unmigrated_database(tmp_path):
    done = tdkt("serve", "--port", str(free_port()), data_dir=tmp_path, timeout=120)
    assert done.returncode != 0
    assert "tdkt migrate" in done.stderr


@pytest.mark.django_db
def test_demo_refuses_a_database_with_real_users():
    User.objects.create_user("nguyenvana", password="x-Mat-khau-2025")
    before = AuditEntry.objects.count()
    with pytest.raises(CommandError, match=r"đã có dữ liệu thật.*nguyenvana"):
        call_command("demo", no_serve=True, people=40, years=1, stdout=io.StringIO())
    assert not Agency.objects.exists()
    assert not User.objects.filter(username__in=["canbo", "vanthu", "xem", "quantri"]).exists()
    assert not Membership.objects.exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_demo_refuses_a_database_with_another_agency():
    Agency.objects.create(code="HG", name="Ủy ban nhân dân tỉnh Hậu Giang")
    with pytest.raises(CommandError, match="1 cơ quan khác"):
        call_command("demo", no_serve=True, stdout=io.StringIO())
    assert list(Agency.objects.values_list("code", flat=True)) == ["HG"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"people": 10}, "Số cá nhân phải từ 30"),
        ({"years": 40}, "Số năm phải từ 1 đến 15"),
        ({"port": 70000}, "Cổng 70000 không hợp lệ"),
        ({"data_dir": "/nonexistent/elsewhere"}, "--data-dir chỉ có tác dụng"),
    ],
)
@pytest.mark.django_db
def test_demo_bad_options_write_nothing(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("demo", no_serve=True, stdout=io.StringIO(), **options)
    assert not Agency.objects.exists()
