#!/usr/bin/env bash
# Set up briefing on a fresh Debian/Ubuntu machine: system libraries for weasyprint (Pango,
# HarfBuzz), fonts, poppler-utils (pdftoppm/pdftotext for checking PDFs), LibreOffice Writer
# (the tests convert the Word documents to PDF to count their pages), then a virtual
# environment in .venv with briefing installed (editable) and its test tools.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Fonts: DejaVu and Liberation for Latin, Greek and Cyrillic; Noto CJK so that Chinese,
# Japanese and Korean names are drawn in the PDFs, not left blank.
SYSTEM_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
  fonts-dejavu-core fonts-liberation2 fonts-noto-cjk poppler-utils
)
# LibreOffice is only needed by the tests; skip it with BRIEFING_NO_LIBREOFFICE=1.
if [ -z "${BRIEFING_NO_LIBREOFFICE:-}" ] && ! command -v soffice >/dev/null 2>&1; then
  SYSTEM_PACKAGES+=(libreoffice-writer-nogui)
fi

PYTHON="${PYTHON:-python3}"
# Debian and Ubuntu ship `venv` without pip (ensurepip) unless python3-venv is installed.
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
  SYSTEM_PACKAGES+=(python3-venv)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv  # none yet, or left half-made by an earlier run (no pip in it)
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# Byte-compile once: cold starts (`briefing --help`, `dates`, `events`) then skip compiling, even
# where PYTHONDONTWRITEBYTECODE keeps Python from writing the cache itself.
.venv/bin/python -m compileall -q briefing >/dev/null
echo "setup: ready (.venv/bin/briefing)"
