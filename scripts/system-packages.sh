#!/usr/bin/env bash
# Installs the Debian packages a target needs, only those missing. Usage: system-packages.sh venv|browser|npm|media
set -euo pipefail

need=()
case "${1:?venv, browser, npm or media}" in
  venv) python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv) ;;
  browser) [ -x /usr/bin/chromium ] || need+=(chromium); command -v ffmpeg >/dev/null || need+=(ffmpeg) ;;
  media) command -v ffmpeg >/dev/null || need+=(ffmpeg) ;;
  npm) command -v npm >/dev/null || need+=(npm) ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "Installation des paquets Debian : ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
