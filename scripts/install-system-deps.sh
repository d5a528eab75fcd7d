#!/usr/bin/env bash
# Install the Debian packages the tests need; installs only what is missing, so re-running is cheap.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-system-deps: run as root (or install sudo)" >&2; exit 1; }
  sudo=(sudo --preserve-env=DEBIAN_FRONTEND)
fi
# Wait for another apt (an unattended upgrade, a parallel install) instead of failing on its lock.
apt_get=("${sudo[@]}" apt-get -y -o DPkg::Lock::Timeout=600)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
available() { [[ -n $(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ && $2 != "(none)"') ]]; }

missing=()
for pkg in chromium poppler-utils fonts-dejavu-core libpq5; do
  installed "$pkg" || missing+=("$pkg")
done
writer_installed=false
if installed libreoffice-writer-nogui || installed libreoffice-writer; then writer_installed=true; fi
# Debian's own python3 cannot create a venv (run.py's first step) without python3-venv.
if [[ $(command -v python3 || true) == /usr/bin/python3 ]] && ! installed python3-venv; then
  missing+=(python3-venv)
fi

if ((${#missing[@]} == 0)) && $writer_installed; then
  echo "install-system-deps: all present"
  exit 0
fi

"${apt_get[@]}" -qq update
if ! $writer_installed; then
  if available libreoffice-writer-nogui; then
    missing+=(libreoffice-writer-nogui)
  else
    missing+=(libreoffice-writer)
  fi
fi
echo "install-system-deps: installing ${missing[*]}"
"${apt_get[@]}" -q install "${missing[@]}"
