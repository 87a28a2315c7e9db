#!/usr/bin/env bash
# What the real-browser tests need: Debian's Chromium and ChromeDriver (Selenium drives them headless; nothing is
# downloaded by the tests themselves).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
ensure_debian_packages chromium chromium-driver
echo "browser test prerequisites present: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version 2>/dev/null | head -1)"
