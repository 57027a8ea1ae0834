// npm run chaos: under steady load, kill -9 each service in turn, restart the Kafka broker, FLUSHALL Redis, stop
// the SMTP server for 60 s, and make GOV.UK Notify answer 500 then 429 for 60 s; then check that nothing was lost
// or duplicated. Exits non-zero if anything was. Loopback only; bounded in time.
// Env: CHAOS_RATE (reports/s, default 5), CHAOS_SMTP_OUTAGE_S (60), CHAOS_NOTIFY_OUTAGE_S (60).
// `npm run chaos -- --cluster`: on the three-node cluster (infra/kafka/cluster.sh, started if need be) instead of the
// single broker; in place of the broker restart, kill -9 one node under load, bring it back, then kill another, and
// print the longest report -> first alert time around each kill.
// `npm run chaos -- --replicas`: two replicas of every service on the same databases and consumer groups; each kill -9
// takes one replica while the other carries on (the relay, the clock and the partitions fail over to it).
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { topicSpecs } from '@safeguard/contracts';
import { createKafka } from '@safeguard/platform';
import { fastEscalationPolicy, startStack } from '@safeguard/testing';

const RATE = Number(process.env.CHAOS_RATE ?? 5);
const CLUSTER = process.argv.includes('--cluster');
const REPLICAS = process.argv.includes('--replicas');
if (CLUSTER) {
  execFileSync('bash', ['infra/kafka/cluster.sh', 'start'], { stdio: 'inherit' });
  process.env.KAFKA_BROKERS = execFileSync('bash', ['infra/kafka/cluster.sh', 'brokers'], { encoding: 'utf8' }).trim();
}
const BROKER_OUTAGE_S = Number(process.env.CHAOS_BROKER_OUTAGE_S ?? 15);
const SMTP_OUTAGE_S = Number(process.env.CHAOS_SMTP_OUTAGE_S ?? 60);
const NOTIFY_OUTAGE_S = Number(process.env.CHAOS_NOTIFY_OUTAGE_S ?? 60);
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const sleep = (t) => new Promise((r) => setTimeout(r, t));
/**
 * A script run without blocking this process: the mail server and Notify's stand-in live here, and a broker restart
 * of 15 s or more, run synchronously, froze them, so sends timed out and were taken when they thawed (repeats no
 * crash explained).
 */
const bash = (...args) => new Promise((resolve, reject) => {
  spawn('bash', args, { stdio: 'inherit' }).on('error', reject)
    .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bash ${args.join(' ')} exited with ${code}`))));
});
/**
 * Messages in every dead letter topic. A fresh client for each try: after a cluster run the leaders move back to the
 * restarted nodes a few minutes later, and kafkajs's admin answers a moved leader with an error, not a retry.
 */
async function deadLetters(stack) {
  for (let attempt = 1; ; attempt++) {
    const admin = createKafka({ brokers: stack.kafkaBrokers, clientId: 'chaos-dlq' }).admin();
    try {
      await admin.connect();
      let n = 0;
      for (const t of topicSpecs(stack.topicPrefix).filter((t) => t.dlq)) {
        for (const p of await admin.fetchTopicOffsets(t.name)) n += Number(p.high) - Number(p.low);
      }
      return n;
    } catch (error) {
      if (attempt >= 5 || !error.retriable) throw error;
      await sleep(2_000);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
const log = (...a) => console.log(`chaos ${new Date().toISOString().slice(11, 19)}`, ...a);

// Nobody acknowledges under chaos, so every alert would climb its chain every few seconds and the chase would
// re-alert the top for every episode: the fault test would measure an alert storm. Here each alert waits an hour for
// its acknowledgement, so the load is the ladder's own steps (several alerts per report, as the test means it).
const policy = fastEscalationPolicy();
const HOUR = 3_600;
for (const ladder of Object.values(policy.ladders)) for (const rung of ladder.rungs) rung.ackWithinSeconds = HOUR;
// Notify retries a callback 5 times, 5 minutes apart; here every second for 2 minutes, so a notifier killed for a
// few seconds still gets its receipts within the run.
const stack = await startStack('chaos', {
  fastPolicy: { ladders: policy.ladders, renotifyAckWithinSeconds: HOUR, chase: { ...policy.chase, everySeconds: HOUR } },
  notify: { callbackAttempts: 120, callbackRetryMs: 1_000 },
  ...(CLUSTER ? { topicReplicas: 3 } : {}),
  ...(REPLICAS ? { serviceReplicas: 2 } : {}),
});
const query = async (service, sql) => {
  const db = new pg.Client({ connectionString: stack.databaseUrl(service) });
  await db.connect();
  try { return (await db.query(sql)).rows; } finally { await db.end(); }
};
let failures; // the checks that failed, set once the run is done
try {
  // Children to report, each reported once.
  const manager = await stack.token('intake', { sub: 'chaos', role: 'team-manager', scope: { kind: 'council', id: 'DEMO-COUNCIL' } }, 900);
  const children = [];
  for (let i = 0; i < RATE * 240; i++) {
    const res = await fetch(`${stack.url('intake')}/api/v1/children`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
      body: JSON.stringify({ homeId: OAK_HOUSE, givenName: 'Chaos', familyName: 'Child', dateOfBirth: '2010-03-03', placingCouncil: 'DEMO-COUNCIL',
        hostCouncil: 'DEMO-COUNCIL', placementStart: '2025-01-01', accommodation: 'childrens-home', legalStatus: 's20-voluntary', uasc: true, separated: true, arrivalDate: '2025-06-01' }) });
    children.push((await res.json()).id);
  }
  log(`registered ${children.length} UASC children (ladder T: several alerts and steps per report)`);

  // Steady load: each report retried with its Idempotency-Key until intake answers (it may be down).
  const accepted = new Map();
  let stop = false;
  let next = 0;
  const load = (async () => {
    const care = await stack.token('intake', { sub: 'chaos-care', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } }, 900);
    const pending = [];
    while (!stop && next < children.length) {
      const childId = children[next++];
      const key = `chaos-${randomUUID()}`;
      // A retry is the same request: the key is bound to the body, and a different body would be refused (422).
      const body = JSON.stringify({ childId, classification: 'M', lastSeen: { at: new Date(Date.now() - 3_600_000).toISOString(), where: 'x', by: 'y' },
        discoveredAt: new Date(Date.now() - 60_000).toISOString(), circumstances: [] });
      pending.push((async () => {
        for (let attempt = 0; attempt < 120; attempt++) {
          try {
            const res = await fetch(`${stack.url('intake')}/api/v1/absences`, { method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${care}`, 'idempotency-key': key }, body });
            if (res.status === 201 || res.status === 200) { const b = await res.json(); accepted.set(childId, b.episodeId); return; }
          } catch { /* intake is down: retry */ }
          await sleep(1_000);
        }
      })());
      await sleep(1_000 / RATE);
    }
    await Promise.all(pending);
  })();

  // With replicas, the killed one stays down 20 s: longer than a consumer session (10 s), so the survivor must take over
  // its partitions, its relay and its clock for the run to pass.
  // Moments a send in flight can be cut after the provider took the message: a notifier crash, or the mail server
  // going down between taking a message and answering for it.
  const cuts = [];
  const kill = async (service) => {
    log(`kill -9 ${service}${REPLICAS ? ' (replica 1 of 2)' : ''}`);
    await stack.process(service).stop('SIGKILL');
    // The cut is when the process is gone (its exit seen here), not when the signal left: the mail sink, in this
    // process, can still take a message the notifier wrote in the milliseconds between.
    if (service === 'notifier') cuts.push({ what: 'notifier kill', at: Date.now() });
    await sleep(REPLICAS ? 20_000 : 3_000);
    await stack.process(service).start();
    log(`${service} back`);
  };
  await sleep(10_000);
  for (const s of ['intake', 'risk-scoring', 'episode-tracker', 'notifier']) { await kill(s); await sleep(8_000); }
  const brokerKills = [];
  if (CLUSTER) {
    // One node at a time: with 3 replicas and min.insync.replicas 2 every write still has a quorum.
    for (const node of ['1', '2']) {
      const from = new Date();
      log(`kill -9 Kafka node ${node}`);
      await bash('infra/kafka/cluster.sh', 'kill', node);
      await sleep(20_000);
      await bash('infra/kafka/cluster.sh', 'restart', node);
      await sleep(15_000);
      brokerKills.push({ node, from, to: new Date() });
    }
  } else {
    // Down longer than the clients' retries (about 8.5 s), so sends give up and their producers are renewed.
    log(`Kafka broker down for ${BROKER_OUTAGE_S} s`);
    await bash('infra/kafka/kafka.sh', 'stop');
    await sleep(BROKER_OUTAGE_S * 1_000);
    await bash('infra/kafka/kafka.sh', 'start');
    await sleep(10_000);
  }
  log('FLUSHALL on Redis');
  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  execFileSync('redis-cli', ['-h', redis.hostname, '-p', redis.port || '6379', 'FLUSHALL'], { stdio: 'inherit' });
  await sleep(10_000);
  log(`SMTP server down for ${SMTP_OUTAGE_S} s`);
  const port = stack.sink.port;
  await stack.sink.stop();
  cuts.push({ what: 'SMTP server stop', at: Date.now() });
  await sleep(SMTP_OUTAGE_S * 1_000);
  await stack.sink.start(port);
  log(`SMTP server back; GOV.UK Notify answers 500 for ${NOTIFY_OUTAGE_S / 2} s, then 429 for ${NOTIFY_OUTAGE_S / 2} s`);
  stack.notify.failFor(500, (NOTIFY_OUTAGE_S / 2) * 1_000);
  await sleep((NOTIFY_OUTAGE_S / 2) * 1_000);
  stack.notify.failFor(429, (NOTIFY_OUTAGE_S / 2) * 1_000);
  await sleep((NOTIFY_OUTAGE_S / 2) * 1_000);
  log('Notify back; load stops');
  stop = true;
  await load;

  // Quiescence: wait until outboxes are drained, deliveries settled and due steps fired (bounded).
  const SERVICES = ['intake', 'risk-scoring', 'episode-tracker', 'notifier'];
  const state = async () => {
    const outbox = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, (await query(s, 'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n])));
    const overdueSteps = (await query('episode-tracker', `SELECT count(*)::int AS n FROM timer WHERE state = 'pending' AND due_at < now() - interval '10 seconds'`))[0].n;
    const pendingDeliveries = (await query('notifier', `SELECT count(*)::int AS n FROM delivery WHERE state IN ('pending', 'sent')`))[0].n;
    return { outbox, overdueSteps, pendingDeliveries };
  };
  let s;
  for (let i = 0; i < 180; i++) {
    s = await state();
    if (Object.values(s.outbox).every((n) => n === 0) && s.overdueSteps === 0 && s.pendingDeliveries === 0) break;
    await sleep(1_000);
  }
  await sleep(5_000);
  s = await state();

  // The checks.
  const absences = (await query('intake', 'SELECT episode_id AS id FROM absence')).map((r) => r.id);
  const episodes = (await query('episode-tracker', `SELECT id FROM episode`)).map((r) => r.id);
  const assessed = (await query('episode-tracker', `SELECT count(*)::int AS n FROM episode WHERE NOT provisional`))[0].n;
  const trackerAlerts = (await query('episode-tracker', 'SELECT id FROM alert')).map((r) => r.id);
  const notifierAlerts = new Set((await query('notifier', 'SELECT id FROM alert')).map((r) => r.id));
  const deliveries = await query('notifier', `SELECT id, channel, state, failure, last_error AS "lastError", attempts FROM delivery`);
  const undelivered = {};
  for (const d of deliveries.filter((x) => x.state !== 'delivered')) {
    const k = `${d.channel} ${d.state}${d.failure ? ` ${d.failure}` : ''}${d.lastError ? ` (${d.lastError})` : ''}`;
    undelivered[k] = (undelivered[k] ?? 0) + 1;
  }
  const delivered = deliveries.filter((d) => d.state === 'delivered');
  const received = stack.sink.messages.filter((m) => m.messageId?.includes('@alerts.safeguard.local'));
  const receivedIds = received.map((m) => m.messageId);
  const distinct = new Set(receivedIds);
  // Texts: Notify's reference is the delivery id (one per alert, person and channel); replies are not alerts.
  const texts = stack.notify.messages.filter((m) => m.type === 'sms' && !m.reference?.startsWith('reply-')).map((m) => m.reference);
  const distinctTexts = new Set(texts);
  const dlq = await deadLetters(stack);
  // Producers replaced after a failed send (an answer lost or retries spent in a failover), per service since it started.
  const renewed = await Promise.all(SERVICES.map(async (service) => {
    const text = await fetch(`${stack.url(service)}/metrics`).then((r) => r.text()).catch(() => '');
    const n = [...text.matchAll(/^kafka_producers_renewed_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    return `${service} ${n}`;
  }));
  // Each id received more than once (emails by Message-ID, texts by Notify reference), with when each copy arrived.
  const copies = new Map();
  for (const m of received) copies.set(m.messageId, [...(copies.get(m.messageId) ?? []), m.receivedAt]);
  for (const m of stack.notify.messages.filter((x) => x.type === 'sms' && !x.reference?.startsWith('reply-'))) {
    copies.set(m.reference, [...(copies.get(m.reference) ?? []), m.at]);
  }
  const SEND_WINDOW_MS = 30_000; // the SMTP and Notify clients' own timeouts bound how long a send can be in flight
  const repeats = [...copies].filter(([, at]) => at.length > 1).map(([id, at]) => {
    const [first, ...later] = [...at].sort((a, b) => a - b);
    const cut = cuts.find((c) => first <= c.at && first >= c.at - SEND_WINDOW_MS && later.every((t) => t > c.at));
    return { id, copies: at.length, first, cutBy: cut?.what };
  });
  const checks = {
    'reports accepted': `${accepted.size} of ${next}`,
    'episodes: every report reached the tracker once': absences.length === episodes.length && new Set(episodes).size === episodes.length && absences.every((a) => episodes.includes(a)),
    'episodes assessed (risk-scoring answered every one)': assessed === episodes.length,
    'every requested alert reached the notifier': trackerAlerts.every((a) => notifierAlerts.has(a)),
    'every delivery delivered (none pending, awaiting a receipt or failed)': delivered.length === deliveries.length,
    'every email delivery arrived': delivered.filter((d) => d.channel === 'email').every((d) => distinct.has(`<${d.id}@alerts.safeguard.local>`)),
    'every text delivery reached Notify': delivered.filter((d) => d.channel === 'sms').every((d) => distinctTexts.has(d.id)),
    'texts were sent': texts.length > 0,
    // At-least-once, as docs/guarantees.md states it: a send the provider took but whose outcome never reached the
    // notifier's commit (a kill -9 of the notifier, or the mail server stopping before it answered) is sent again,
    // under the same Message-ID or Notify reference. So every repeat must be a cut send: its first copy taken in the
    // seconds before a cut (a send holds its delivery's transaction open for at most the channel's timeout), every
    // later copy after it, and no more repeats than sends in flight (8 per notifier) at the cuts.
    'every repeat is a send cut by a crash or the mail server stopping, with the same id': repeats.every((r) => r.cutBy !== undefined),
    'repeats at most the sends in flight at the cuts (8 each)': repeats.length <= 8 * cuts.length,
    'outboxes drained': Object.values(s.outbox).every((n) => n === 0),
    'every due step fired': s.overdueSteps === 0,
    'nothing in a dead letter topic': dlq === 0,
    'producers renewed after a failed send': renewed.join(', '),
  };
  // Report -> first alert for each report accepted around a broker kill (intake's report time, the tracker's first alert).
  const reportedAt = new Map((await query('intake', 'SELECT episode_id AS id, reported_at AS at FROM absence')).map((r) => [r.id, r.at]));
  const firstAlert = await query('episode-tracker', 'SELECT episode_id AS id, min(requested_at) AS at FROM alert GROUP BY episode_id');
  const pauses = brokerKills.map((k) => {
    const ms = firstAlert.filter((a) => reportedAt.get(a.id) >= k.from && reportedAt.get(a.id) <= k.to).map((a) => a.at - reportedAt.get(a.id));
    return `node ${k.node}: longest ${ms.length ? (Math.max(...ms) / 1000).toFixed(1) : '-'} s over ${ms.length} reports`;
  });
  if (pauses.length) checks['report -> first alert around each broker kill'] = pauses.join('; ');
  console.log('\nchaos results');
  for (const [k, v] of Object.entries(checks)) console.log(`  ${v === true ? 'ok  ' : v === false ? 'FAIL' : '    '} ${k}${typeof v === 'string' ? `: ${v}` : ''}`);
  const byCut = Object.entries(Object.groupBy(repeats, (r) => r.cutBy ?? 'nothing that explains it')).map(([k, v]) => `${v.length} by ${k}`);
  console.log(`  repeats: ${repeats.length}${repeats.length ? ` (${byCut.join(', ')})` : ''}`);
  for (const r of repeats.filter((x) => !x.cutBy)) console.log(`    unexplained: ${r.copies} copies, first at ${new Date(r.first).toISOString()}; cuts at ${cuts.map((c) => `${c.what} ${new Date(c.at).toISOString()}`).join(', ')}`);
  console.log(`  figures: ${episodes.length} episodes, ${trackerAlerts.length} alerts, ${deliveries.length} deliveries, ${received.length} emails (${received.length - distinct.size} repeated), ${texts.length} texts (${texts.length - distinctTexts.size} repeated), ${dlq} DLQ messages`);
  if (Object.keys(undelivered).length > 0) console.log(`  not delivered: ${JSON.stringify(undelivered)}`);
  failures = Object.entries(checks).filter(([, v]) => v === false).map(([k]) => k);
} finally {
  await stack.stop();
  // Its nodes were killed and restarted under this run: stopped too, so a later run or CI does not share the CPU with it.
  if (CLUSTER) await bash('infra/kafka/cluster.sh', 'stop');
}
if (failures.length > 0) {
  console.log(`chaos: FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('chaos: nothing lost or duplicated');
