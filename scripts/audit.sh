#!/usr/bin/env bash
# Known vulnerabilities in the installed Python packages (pip-audit), each finding either fixed or answered in
# .pip-audit-allow.txt with its reason. --strict: a package that could not be checked is a failure, never a
# silent pass. Needs pip-audit (pip install pip-audit==2.10.1, or PIP_AUDIT=/path/to/pip-audit) and the
# advisory data: PyPI's per-version JSON API (the default) or OSV (AUDIT_SERVICE=osv).
# Exit: 0 clean, 1 findings or unchecked packages, 2 not runnable here (tool or advisory data out of reach).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
AUDIT=${PIP_AUDIT:-$(command -v .venv/bin/pip-audit || command -v pip-audit || true)}
SERVICE=${AUDIT_SERVICE:-pypi}

if [ -z "$AUDIT" ]; then
  echo "pip-audit absent : pip install pip-audit==2.10.1 (ou PIP_AUDIT=/chemin/vers/pip-audit)"
  exit 2
fi
# Are advisories reachable? pip-audit's PyPI service reads /pypi/<name>/<version>/json.
probe=$($PY - "$SERVICE" <<'PYEOF'
import json
import sys
import urllib.request

url, data = "https://pypi.org/pypi/Django/5.2.19/json", None
if sys.argv[1] == "osv":
    url = "https://api.osv.dev/v1/query"
    data = json.dumps({"package": {"name": "django", "ecosystem": "PyPI"}, "version": "5.2.19"}).encode()
try:
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as response:  # noqa: S310
        body = json.load(response)
    print("ok" if ("vulnerabilities" in body or "vulns" in body or body == {}) else "sans avis de sécurité")
except Exception as error:  # noqa: BLE001
    print(f"{error.__class__.__name__}: {error}")
PYEOF
)
if [ "$probe" != ok ]; then
  echo "avis de sécurité injoignables ($SERVICE : $probe)"
  exit 2
fi
ignores=()
while read -r id _; do
  [ -n "$id" ] && ignores+=(--ignore-vuln "$id")
done < <(grep -v '^\s*#' .pip-audit-allow.txt | grep -v '^\s*$')
requirements=$(mktemp)
trap 'rm -f "$requirements"' EXIT
$PY -m pip freeze --exclude-editable --disable-pip-version-check > "$requirements"
"$AUDIT" --strict --no-deps --disable-pip --progress-spinner off -s "$SERVICE" -r "$requirements" "${ignores[@]}"
