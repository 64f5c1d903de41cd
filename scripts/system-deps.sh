#!/usr/bin/env bash
# Debian packages TĐKT needs: LibreOffice (DOCX → PDF), poppler (tests read PDFs), fonts
# covering Vietnamese (certificates), Chromium (browser tests), gettext (catalogues).
# Installs only what is missing; needs root (as on CI and the developers' machines).
set -euo pipefail
# Usage: system-deps.sh [test]   (with "test", also what only the test suite needs)
need=()
if [ "${1:-}" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
fi
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]} (run as root to install)" >&2
  fi
fi
