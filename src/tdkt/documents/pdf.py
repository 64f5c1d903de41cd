"""DOCX → PDF with LibreOffice headless (Debian: libreoffice-writer-nogui).

Each call uses its own temporary LibreOffice profile (``-env:UserInstallation``), so parallel
conversions (workers, test processes) never share or lock one; the whole process group is
killed when the timeout expires. Convert many documents in one call to pay LibreOffice's
start-up (a few seconds) once.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from tdkt.documents.errors import ConversionError

PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 180.0


def soffice_path() -> str:
    """The LibreOffice executable, or ConversionError naming the Debian package."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise ConversionError(
        f"Không tìm thấy LibreOffice (soffice) để chuyển sang PDF; cài gói Debian {PACKAGE}."
    )


def docx_to_pdf_many(
    documents: Sequence[bytes], *, timeout: float = DEFAULT_TIMEOUT
) -> list[bytes]:
    """Convert DOCX documents to PDF in one LibreOffice run; PDFs in the same order."""
    if not documents:
        return []
    for i, data in enumerate(documents):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ConversionError(f"Tài liệu thứ {i + 1} không phải tệp DOCX.")
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="tdkt-soffice-") as tmp:
        root = Path(tmp)
        profile, src, out = root / "profile", root / "in", root / "out"
        src.mkdir()
        out.mkdir()
        inputs = []
        for i, data in enumerate(documents):
            path = src / f"doc{i:05d}.docx"
            path.write_bytes(data)
            inputs.append(str(path))
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            *inputs,
        ]
        env = {**os.environ, "HOME": str(root), "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.Popen(  # noqa: S603 (soffice found on PATH, our own temp paths)
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ConversionError(
                f"LibreOffice không chuyển xong sang PDF trong {timeout:g} giây."
            ) from None
        pdfs = []
        for name in inputs:
            pdf = out / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                detail = (stderr or stdout).decode(errors="replace").strip()[-500:]
                raise ConversionError(
                    f"LibreOffice không tạo được PDF (mã thoát {proc.returncode}): {detail}"
                )
            pdfs.append(pdf.read_bytes())
        return pdfs


def docx_to_pdf(document: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Convert one DOCX document to PDF."""
    return docx_to_pdf_many([document], timeout=timeout)[0]
