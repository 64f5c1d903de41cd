"""``tdkt api token create|list|revoke``: personal API tokens.

``create USERNAME`` prints the token once; only its hash is stored, so a lost token cannot be
shown again — revoke it and create another.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tdkt.api import tokens
from tdkt.api.models import ApiToken


class Command(BaseCommand):
    help = "Quản lý khoá API cá nhân (token create|list|revoke)."

    def add_arguments(self, parser: CommandParser) -> None:
        areas = parser.add_subparsers(dest="area", required=True)
        token = areas.add_parser("token", help="Khoá API cá nhân")
        actions = token.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Tạo khoá cho một tài khoản; in ra một lần")
        create.add_argument("username")
        create.add_argument("--name", default="", help="Tên gợi nhớ của khoá")
        create.add_argument(
            "--expires-days", type=int, default=None, help="Hết hạn sau số ngày này"
        )
        listing = actions.add_parser("list", help="Liệt kê khoá (không hiện khoá)")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="Thu hồi khoá theo tiền tố hoặc số thứ tự")
        revoke.add_argument("token", help="Tiền tố (tdkt_xxxx) hoặc id của khoá")
        for sub in (create, listing, revoke):
            sub.formatter_class = argparse.ArgumentDefaultsHelpFormatter

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _user(self, username: str) -> Any:
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Không có tài khoản {username!r}.") from None

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        if not user.is_active:
            raise CommandError(f"Tài khoản {user.get_username()!r} đang bị khoá.")
        days = options["expires_days"]
        if days is not None and days < 1:
            raise CommandError("--expires-days phải là số ngày dương.")
        expires = timezone.now() + dt.timedelta(days=days) if days else None
        _, clear = tokens.create_token(None, user, name=options["name"], expires_at=expires)
        self.stdout.write(clear)
        self.stderr.write(
            "Khoá chỉ hiện một lần này. Dùng: Authorization: Bearer <khoá>", ending="\n"
        )

    def _list(self, options: dict[str, Any]) -> None:
        qs = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
        if options["username"]:
            qs = qs.filter(user=self._user(options["username"]))
        for t in qs:
            state = "thu hồi" if t.revoked_at else ("hết hạn" if not t.is_valid else "dùng được")
            used = f"{t.last_used_at:%d/%m/%Y %H:%M}" if t.last_used_at else "—"
            self.stdout.write(
                f"{t.pk}\t{t.prefix}…\t{t.user.get_username()}\t{t.name}\t{state}\t{used}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        ref = options["token"].rstrip("…")
        qs = (
            ApiToken.objects.filter(pk=int(ref))
            if ref.isdigit()
            else ApiToken.objects.filter(prefix=ref)
        )
        found = list(qs[:2])
        if len(found) != 1:
            raise CommandError(
                f"Không tìm thấy khoá {ref!r}."
                if not found
                else f"Tiền tố {ref!r} trùng nhiều khoá; dùng id."
            )
        if tokens.revoke_token(None, found[0]):
            self.stdout.write(f"Đã thu hồi khoá {found[0].prefix}….")
        else:
            self.stdout.write(f"Khoá {found[0].prefix}… đã bị thu hồi trước đó.")
