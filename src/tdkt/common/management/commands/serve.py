"""``tdkt serve``: the production web server (waitress), settings from the environment.

Static files are served by WhiteNoise straight from the apps (``WHITENOISE_USE_FINDERS``), so
no ``collectstatic`` step is needed. Run ``tdkt migrate`` before the first start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def address(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def start_worker() -> subprocess.Popen[bytes]:
    """The background task worker (web imports), as a child process of the server."""
    return subprocess.Popen(
        [sys.executable, "-m", "tdkt", "db_worker", "--interval", "1", "--no-startup-delay"],
        env=os.environ.copy(),
    )


def run_server(host: str, port: int, threads: int, write: Any = print, worker: bool = True) -> None:
    """Serve the WSGI application until interrupted, with the task worker beside it."""
    from waitress import serve

    from tdkt.wsgi import application

    if host not in ("127.0.0.1", "localhost", "::1") and not (
        {host, "*"} & set(settings.ALLOWED_HOSTS)
    ):
        write(
            f"Lưu ý: máy chủ nghe trên {host}; hãy đặt TDKT_ALLOWED_HOSTS là tên hoặc địa chỉ "
            "mà người dùng gõ vào trình duyệt, nếu không mọi yêu cầu sẽ bị từ chối (400)."
        )
    child = start_worker() if worker else None
    # SIGTERM (systemd, `timeout`) ends the server like Ctrl+C, so the worker is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        serve(application, host=host, port=port, threads=threads, ident="tdkt", _quiet=True)
    except OSError as exc:
        raise CommandError(f"Không mở được cổng {host}:{port}: {exc.strerror or exc}") from exc
    except KeyboardInterrupt:
        write("Đã dừng máy chủ.")
    finally:
        if child is not None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) cho môi trường sử dụng thật."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default=os.environ.get("TDKT_HOST", "127.0.0.1"),
            help="địa chỉ nghe (mặc định 127.0.0.1; 0.0.0.0 để mở cho mạng nội bộ)",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("TDKT_PORT", "8000")),
            help="cổng (mặc định 8000)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("TDKT_THREADS", "8")),
            help="số luồng xử lý (mặc định 8)",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="không chạy tiến trình xử lý tác vụ nền (khi đã chạy `tdkt db_worker` riêng)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port, threads = options["port"], options["threads"]
        if not 1 <= port <= 65535:
            raise CommandError(f"Cổng {port} không hợp lệ (1–65535).")
        if not 1 <= threads <= 256:
            raise CommandError(f"Số luồng {threads} không hợp lệ (1–256).")
        if pending := pending_migrations():
            raise CommandError(
                f"Cơ sở dữ liệu chưa được cập nhật ({pending} migration). "
                "Chạy `tdkt migrate` trước."
            )
        self.stdout.write(
            f"TĐKT đang chạy tại {address(options['host'], port)} "
            f"({threads} luồng) — Ctrl+C để dừng."
        )
        self.stdout.flush()
        run_server(
            options["host"], port, threads, write=self.stdout.write, worker=not options["no_worker"]
        )
