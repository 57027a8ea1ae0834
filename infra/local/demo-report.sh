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
now=$(date -u +%s)
curl -sS -X POST http://127.0.0.1:3001/api/v1/absences \
  -H "authorization: Bearer $token" -H 'content-type: application/json' -H "idempotency-key: demo-$now" \
  -d "{\"childId\":\"5e0c1a1e-0000-4000-8000-000000000001\",\"classification\":\"M\",
       \"lastSeen\":{\"at\":\"$(date -u -d @$((now-2400)) +%FT%TZ)\",\"where\":\"Oak House lounge\",\"by\":\"night worker\"},
       \"discoveredAt\":\"$(date -u -d @$((now-300)) +%FT%TZ)\",\"circumstances\":[\"contact-from-unknown-adults\"]}"
echo
