#!/usr/bin/env bash
# Installs the Debian packages shequbao needs, only those that are missing.
# Run by `make site` and `make test`; safe to run again.
set -euo pipefail

missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
# The print edition (Typst, from its wheel) needs only the Noto CJK fonts (no tofu boxes).
if command -v dpkg >/dev/null 2>&1; then
  for pkg in fonts-noto-cjk; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
# `--test` (make test): the browser tests drive Debian's chromium (never a downloaded browser).
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)  # the PDF tests read text, fonts, images
  [ -x /usr/sbin/nginx ] || missing+=(nginx)  # the example nginx.conf is served by a real nginx
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)  # ./sqb publish user@host:/path (and a local folder)
  # the importer's foreign test set: WeasyPrint needs pango; reportlab sets its body in a Kai face
  for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-arphic-ukai; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  for pkg in tesseract-ocr tesseract-ocr-chi-sim; do  # a scanned PDF is imported by OCR (tests/test_importer_scan.py)
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少系统软件包：${missing[*]}。这台机器没有 apt-get，请用系统的包管理器安装它们。" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "缺少系统软件包：${missing[*]}。请用管理员身份运行：apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "安装系统软件包：${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
