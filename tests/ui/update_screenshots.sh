#!/usr/bin/env bash
# Rewrite the reference screenshots (tests/ui/reference/*.png) from the current panel and
# widget, after an intended change to how they look. Review the images, then commit them.
set -euo pipefail
cd "$(dirname "$0")/../.."
NBDATACHAT_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_lab_panel_ui.py -k screenshot -q "$@"
git status --short tests/ui/reference
