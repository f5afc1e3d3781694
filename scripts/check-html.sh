#!/usr/bin/env bash
# Opens an HTML report in headless Chromium and fails when the page logs a console error, makes
# a network request, or renders a chart at zero size; saves a full-page screenshot either way.
# Installs Debian's chromium with apt-get when it is missing. See scripts/check_html.py.
#
# Usage: scripts/check-html.sh PAGE.html SCREENSHOT.png
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 PAGE.html SCREENSHOT.png" >&2
    exit 2
fi

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    echo "check-html: installing chromium (missing)"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# The whole check is bounded inside the helper (60 s); this outer limit only catches a hung Python.
exec timeout 120 python3 "$(dirname "$0")/check_html.py" "$1" "$2"
