#!/usr/bin/env bash
# Reports the demo child "Amina" (suspected trafficked, UASC) missing from Oak House, as a care worker would, and
# prints the response. The alert emails appear in the inbox at http://127.0.0.1:1080 within a second or two.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/scripts/provision.sh" >/dev/null
set -a; source "$root/infra/local/local.env"; set +a
token=$(node --input-type=module -e "
import { serviceTokenSigner } from '@safeguard/platform';
const sign = await serviceTokenSigner(process.env.SERVICE_TOKEN_SIGNING_KEY);
console.log(await sign({ sub: 'demo-care-worker', role: 'care-staff', scope: { kind: 'home', id: '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001' } }, 'intake'));")
# Times from node, not `date -d` (GNU only): last seen 40 minutes ago, missed 5 minutes ago.
read -r now last_seen discovered < <(node -e '
const now = Date.now(), at = (minutes) => new Date(now - minutes * 60_000).toISOString();
console.log(Math.floor(now / 1000), at(40), at(5));')
curl -sS -X POST http://127.0.0.1:3001/api/v1/absences \
  -H "authorization: Bearer $token" -H 'content-type: application/json' -H "idempotency-key: demo-$now" \
  -d "{\"childId\":\"5e0c1a1e-0000-4000-8000-000000000001\",\"classification\":\"M\",
       \"lastSeen\":{\"at\":\"$last_seen\",\"where\":\"Oak House lounge\",\"by\":\"night worker\"},
       \"discoveredAt\":\"$discovered\",\"circumstances\":[\"contact-from-unknown-adults\"]}"
echo
echo "demo-report: the alert emails arrive at http://127.0.0.1:1080 (open it in a browser)"
