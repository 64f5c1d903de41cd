"""End to end in headless Chromium: a clerk proposes a person, uploads a dossier file and
submits; an officer forwards; the council's secretary records votes that pass and concludes;
the officer issues the decision, sees its number and downloads the DOCX.

Set ``TDKT_SCREENSHOTS=/some/dir`` to keep screenshots of the pages along the way.
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection, connections
from django.urls import get_resolver
from docx import Document
from nominations_support import PDF, make_member

from tdkt.nominations import domain as nom
from tdkt.nominations.models import Nomination
from tdkt.org.models import Membership

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test
# body are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "Mat-khau-2025!"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _catalogue(transactional_db: None) -> None:
    """The award catalogue is migration data, gone after an earlier transactional test's
    flush: seed it again (idempotent), as the migration does."""
    migration = importlib.import_module("tdkt.awards.migrations.0002_seed_catalogue")
    migration.seed(django_apps, None)


@pytest.fixture(autouse=True)
def _empty_audit_log_before_flush(transactional_db: None) -> Any:
    """A transactional test ends with a flush; on SQLite that is a DELETE, which the audit
    log's append-only trigger refuses. Empty the log with the trigger lifted (PostgreSQL
    truncates, which the row trigger does not see)."""
    yield
    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("tdkt.common.migrations.0002_audit_append_only")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS common_auditentry_no_delete")
        cursor.execute("DELETE FROM common_auditentry")
        cursor.execute(migration.SQLITE_FORWARD_2)


@pytest.fixture
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()
        # Under Playwright's event loop Django gives this thread context-local connections of
        # their own: close them here, or PostgreSQL refuses to drop the test database.
        connections.close_all()


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("TDKT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def session(browser: Any, base: str, username: str) -> Any:
    """A fresh browser context logged in as *username*."""
    context = browser.new_context(
        accept_downloads=True, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_selector(".account-name")
    return page


def test_clerk_to_decision(browser, live_server, tree, clerk, officer, people, t, round_, board):
    get_resolver().url_patterns  # noqa: B018
    secretary = make_member(tree, "thuky", Membership.Role.COUNCIL)
    nom.add_council_member(
        officer,
        board.council,
        name="Trần Thu Ký",
        role="secretary",
        user=secretary,
        unit=tree.vp,
    )
    base = live_server.url

    # The clerk proposes Nguyễn Thị Hương for the provincial Bằng khen.
    page = session(browser, base, clerk.username)
    page.goto(f"{base}/xet-khen/")
    page.click(f"text={round_.name}")
    page.click("a:has-text('+ Đề nghị')")
    page.fill("#subject-q", "nguyen thi huong")
    choice = page.locator(f"#picker input[value='p:{people.huong.pk}']")
    choice.wait_for()
    choice.check()
    page.select_option("#id_award_type", label=t["BK_TINH"].name)
    page.wait_for_selector("#verdict .verdict")
    assert "Chưa xác định" in page.inner_text("#verdict")  # the real engine: no ratings yet
    shot(page, "1-propose")
    page.click("button:has-text('Lập hồ sơ đề nghị')")
    page.wait_for_selector("text=Đã lập hồ sơ đề nghị")
    n = Nomination.objects.get()
    assert (n.person, n.award_type.code, n.status) == (people.huong, "BK_TINH", "draft")

    # ... uploads the submission and submits the dossier.
    page.select_option("#id_kind", "submission")
    page.set_input_files(
        "#id_file", files=[{"name": "Tờ trình.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("button:has-text('Tải lên')")
    page.wait_for_selector("text=Đã tải lên “Tờ trình.pdf”.")
    page.click("button:has-text('Trình hồ sơ')")
    page.wait_for_selector("text=Đã trình hồ sơ lên cấp trên.")
    shot(page, "2-submitted")
    n.refresh_from_db()
    assert n.status == "submitted" and n.current_snapshot.files[0]["name"] == "Tờ trình.pdf"
    page.context.close()

    # The officer forwards it to the province and opens a council meeting.
    page = session(browser, base, officer.username)
    page.goto(f"{base}/xet-khen/ho-so/{n.pk}/")
    page.click("button:has-text('Chuyển cấp trên')")
    page.wait_for_selector("text=Đã chuyển hồ sơ lên cấp trên.")
    n.refresh_from_db()
    assert n.status == "in_review"
    page.goto(f"{base}/xet-khen/hoi-dong/{board.council.pk}/")
    page.fill("#id_date", "08/01/2026")
    page.click("button:has-text('Lập phiên họp')")
    page.wait_for_selector("text=Đã lập phiên họp ngày 08/01/2026.")
    meeting_url = page.url
    assert "11/11 thành viên" in page.inner_text("main")

    # The council's secretary records the count (8 of 11 in favour) and concludes.
    secretary_page = session(browser, base, secretary.username)
    secretary_page.goto(meeting_url)
    secretary_page.fill(f"#id_n{n.pk}-yes", "8")
    secretary_page.fill(f"#id_n{n.pk}-no", "1")
    secretary_page.click("button:has-text('Ghi kết quả')")
    secretary_page.wait_for_selector("text=Đã ghi kết quả biểu quyết")
    shot(secretary_page, "3-meeting")
    secretary_page.click("button:has-text('Kết luận biểu quyết')")
    secretary_page.wait_for_selector("text=Đã kết luận 1 hồ sơ: 1 đạt, 0 không đạt.")
    results = secretary_page.inner_text("main")
    assert "8/11" in results and "trên 50% tổng số thành viên hội đồng" in results
    shot(secretary_page, "4-results")
    secretary_page.context.close()
    n.refresh_from_db()
    assert n.status == "approved"

    # The officer issues the decision and downloads it.
    page.goto(f"{base}/xet-khen/dot-xet/{round_.pk}/")
    page.click("a:has-text('Ra quyết định')")
    page.fill("#id_symbol", "QĐ-UBND")
    page.fill("#id_issuer", "Chủ tịch Ủy ban nhân dân tỉnh")
    page.fill("#id_signer_title", "Phó Chủ tịch")
    page.fill("#id_signer_name", "Hoàng Văn Minh")
    page.fill("#id_date", "15/01/2026")
    page.click("button:has-text('Xem lại tiền thưởng')")
    assert page.inner_text("#money-total") == "3.510.000"  # 1,5 × 2.340.000
    shot(page, "5-issue")
    page.click("button:has-text('Ban hành quyết định')")
    page.wait_for_selector("#number-line")
    assert page.inner_text("#number-line") == "Số: 01/QĐ-UBND"
    shot(page, "6-decision")
    with page.expect_download() as download:
        page.click("a:has-text('Tải quyết định DOCX')")
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "quyet-dinh-01-QĐ-UBND.docx"
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for tb in doc.tables for r in tb.rows for c in r.cells
    )
    assert "Số: 01/QĐ-UBND" in text
    assert "Nguyễn Thị Hương" in text and "3.510.000" in text
    assert "KT. CHỦ TỊCH" in text and "Hoàng Văn Minh" in text
    page.context.close()
