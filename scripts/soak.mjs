// npm run soak: the whole system for SOAK_MINUTES (20) at SOAK_RATE reports/s (10), with what people do around the
// reports: acknowledgements, returns a minute later and the follow-ups recorded as done. Every minute it samples each
// service's RSS, its tables' sizes, the outbox, inbox and timer rows, and the stack's Redis keys, prints them over
// time, and fails if any of them grows without bound. The business record (children, episodes, alerts, deliveries)
// grows with the reports by design; what must level off is the machinery: rows kept for a retention window (shortened
// here to SOAK_KEEP_SECONDS, 300, so the window passes within the run), queues and memory.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startStack } from '@safeguard/testing';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 20);
const RATE = Number(process.env.SOAK_RATE ?? 10);
const KEEP = String(process.env.SOAK_KEEP_SECONDS ?? 300);
const OAK_HOUSE = '0b6f8a52-7d1e-4c1a-9a39-0c1f6a9e0001';
const COUNCIL = { kind: 'council', id: 'DEMO-COUNCIL' };
const SERVICES = ['intake', 'risk-scoring', 'episode-tracker', 'notifier'];
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const log = (...a) => console.error(`soak ${new Date().toISOString().slice(11, 19)}`, ...a);

const retention = { INBOX_KEEP_SECONDS: KEEP, OUTBOX_KEEP_SECONDS: KEEP, TIMER_KEEP_SECONDS: KEEP, RETENTION_EVERY_SECONDS: '30' };
// The default escalation policy, with its real times: a test policy that escalates in seconds, with few alerts
// acknowledged, turns every open episode into a chase storm that measures the storm, not the steady state.
const stack = await startStack('soak', { env: Object.fromEntries(SERVICES.map((s) => [s, retention])) });
const dbs = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => {
  const c = new pg.Client({ connectionString: stack.databaseUrl(s) });
  await c.connect();
  return [s, c];
})));
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const redisKeys = () => {
  // The stack's queues only (its prefix), not whatever else this Redis holds.
  const out = execFileSync('redis-cli', ['-h', redisUrl.hostname, '-p', redisUrl.port || '6379', '--scan', '--pattern', `${stack.topicPrefix.replace(/\.$/, '')}*`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).length;
};
const count = async (service, sql) => (await dbs[service].query(sql)).rows[0].n;
const sample = async (minute) => {
  const row = { minute, rss: stack.rss(), redisKeys: redisKeys(), tables: {}, outbox: {}, inbox: {}, settledTimers: 0, pendingTimers: 0, openTasks: 0 };
  for (const s of SERVICES) {
    row.tables[s] = Math.round((await count(s, `SELECT sum(pg_total_relation_size(c.oid))::bigint AS n FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`)) / 1024);
    row.outbox[s] = await count(s, 'SELECT count(*)::int AS n FROM outbox');
    row.inbox[s] = await count(s, 'SELECT count(*)::int AS n FROM inbox');
  }
  // Settled timers are machinery (retention prunes them); pending ones are live work: the clock of open episodes and
  // open tasks.
  row.settledTimers = await count('episode-tracker', `SELECT count(*)::int AS n FROM timer WHERE state <> 'pending'`);
  row.pendingTimers = await count('episode-tracker', `SELECT count(*)::int AS n FROM timer WHERE state = 'pending'`);
  row.openTasks = await count('episode-tracker', `SELECT count(*)::int AS n FROM task WHERE state = 'open'`);
  return row;
};

const token = (audience, role, scope) => stack.token(audience, { sub: `soak-${role}`, role, scope }, 900);
const call = async (service, audience, who, method, path, body) => {
  const res = await fetch(`${stack.url(service)}/api/v1${path}`, { method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await who(audience)}` }, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => ({})) };
};
const as = (role, scope) => (audience) => token(audience, role, scope);
const manager = as('team-manager', COUNCIL);
const care = as('care-staff', { kind: 'home', id: OAK_HOUSE });
// Who records which follow-up (docs/access.md): these three between them record every kind.
const completers = [as('social-worker', COUNCIL), manager, as('home-duty-manager', { kind: 'home', id: OAK_HOUSE })];

const samples = [];
const totals = { reports: 0, returns: 0, acknowledged: 0, tasksDone: 0 };
let failures = [];
try {
  // A pool of children, reused: a child returned can go missing again (so repeat-episode rules run too).
  const children = [];
  for (let i = 0; i < RATE * 120; i++) {
    const r = await call('intake', 'intake', manager, 'POST', '/children', { homeId: OAK_HOUSE, givenName: 'Soak', familyName: 'Child',
      dateOfBirth: '2010-03-03', placingCouncil: 'DEMO-COUNCIL', hostCouncil: 'DEMO-COUNCIL', placementStart: '2025-01-01',
      accommodation: 'childrens-home', legalStatus: 's20-voluntary', uasc: i % 3 === 0, separated: false, ...(i % 3 === 0 ? { arrivalDate: '2025-06-01' } : {}) });
    children.push(r.body.id);
  }
  log(`registered ${children.length} children; ${MINUTES} min at ${RATE}/s`);
  const free = [...children];
  const missing = []; // { childId, episodeId, at }
  const end = Date.now() + MINUTES * 60_000;
  samples.push(await sample(0));
  let nextSample = Date.now() + 60_000;
  // What people do, every 5 s on its own loop, so a slow round never holds back the reports.
  const chores = async () => {
    // Returns a minute after the report; the child is free to go missing again later.
    while (missing.length && missing[0].at < Date.now() - 60_000) {
      const m = missing.shift();
      const now = new Date().toISOString();
      const r = await call('intake', 'intake', care, 'POST', `/absences/${m.episodeId}/return`, { locatedAt: now, returnedAt: now, where: 'x', by: 'y', foundBy: 'carer', harmDuringEpisode: false });
      if (r.status === 200) { totals.returns++; free.push(m.childId); }
    }
    // Acknowledgements: whatever awaits the on-call manager, the home's duty manager and the team manager.
    for (const who of [as('on-call-manager', COUNCIL), completers[2], manager]) {
      const { body } = await call('episode-tracker', 'episode-tracker', who, 'GET', '/alerts/awaiting');
      for (const a of (body.alerts ?? []).slice(0, 50)) {
        if ((await call('episode-tracker', 'episode-tracker', who, 'POST', `/alerts/${a.id}/acknowledge`, {})).status < 300) totals.acknowledged++;
      }
    }
    // Follow-ups recorded as done by whoever may.
    for (const who of completers) {
      const { body } = await call('episode-tracker', 'episode-tracker', who, 'GET', '/tasks?state=open');
      for (const t of (body.tasks ?? []).filter((x) => x.mayComplete).slice(0, 50)) {
        if ((await call('episode-tracker', 'episode-tracker', who, 'PATCH', `/tasks/${t.id}`, { outcome: 'Done in the soak', refused: false })).status < 300) totals.tasksDone++;
      }
    }
  };
  const choring = (async () => {
    while (Date.now() < end) {
      await chores().catch((e) => log(`chores failed: ${e.message}`));
      await sleep(5_000);
    }
  })();
  while (Date.now() < end) {
    const tick = Date.now();
    for (let i = 0; i < RATE && free.length; i++) {
      const childId = free.shift();
      call('intake', 'intake', care, 'POST', '/absences', { childId, classification: 'M',
        lastSeen: { at: new Date(Date.now() - 600_000).toISOString(), where: 'x', by: 'y' }, discoveredAt: new Date(Date.now() - 60_000).toISOString(), circumstances: [] })
        .then((r) => { if (r.status === 201) { totals.reports++; missing.push({ childId, episodeId: r.body.episodeId, at: Date.now() }); } else free.push(childId); });
    }
    if (Date.now() >= nextSample) {
      nextSample += 60_000;
      const s = await sample(samples.length);
      samples.push(s);
      log(`minute ${s.minute}: ${JSON.stringify(totals)} rss ${JSON.stringify(s.rss)} redis ${s.redisKeys} inbox ${JSON.stringify(s.inbox)} outbox ${JSON.stringify(s.outbox)} timers settled ${s.settledTimers} pending ${s.pendingTimers} open tasks ${s.openTasks}`);
    }
    await sleep(Math.max(0, 1_000 - (Date.now() - tick)));
  }
  await choring;

  // Bounded: the last sample no more than a quarter (plus a little slack) above the sample at two thirds of the run,
  // once the retention window has passed. Anything growing with the load would be ~50% higher by then.
  const at = (k) => samples[Math.floor((k * (samples.length - 1)))];
  const [mid, last] = [at(2 / 3), samples.at(-1)];
  const series = [
    ...SERVICES.map((s) => [`${s} RSS (MiB)`, (x) => x.rss[s], 30]),
    ...SERVICES.map((s) => [`${s} inbox rows`, (x) => x.inbox[s], 200]),
    ...SERVICES.map((s) => [`${s} outbox rows`, (x) => x.outbox[s], 200]),
    ['tracker settled timer rows', (x) => x.settledTimers, 200],
    // Each open task holds one deadline timer; the rest belong to open episodes' ladders, which the returns bound.
    ['tracker pending timers beyond open tasks', (x) => x.pendingTimers - x.openTasks, 200],
    ['Redis keys', (x) => x.redisKeys, 200],
  ];
  // Open tasks grow when the soak's people record fewer follow-ups than returns create: work, not machinery.
  const live = [['pending timers', (x) => x.pendingTimers], ['open tasks', (x) => x.openTasks]]; // printed, not judged
  console.log(`\nsoak: ${MINUTES} min at ${RATE}/s: ${JSON.stringify(totals)}`);
  console.log(`minute  ${[...series, ...live].map(([name]) => name).join(' | ')}`);
  for (const s of samples) console.log(`${String(s.minute).padStart(6)}  ${[...series, ...live].map(([, f]) => f(s)).join(' | ')}`);
  console.log(`table sizes (KiB) by service, first and last: ${JSON.stringify(samples[0].tables)} -> ${JSON.stringify(last.tables)}`);
  for (const [name, f, slack] of series) {
    const bounded = f(last) <= 1.25 * f(mid) + slack;
    console.log(`  ${bounded ? 'ok  ' : 'FAIL'} ${name}: ${f(mid)} at minute ${mid.minute}, ${f(last)} at minute ${last.minute}`);
    if (!bounded) failures.push(name);
  }
  if (totals.returns === 0 || totals.acknowledged === 0 || totals.tasksDone === 0) failures.push('the soak did not exercise returns, acknowledgements and tasks');
} finally {
  for (const c of Object.values(dbs)) await c.end();
  await stack.stop();
}
if (failures.length) {
  console.log(`soak: FAILED: grows without bound: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('soak: nothing grows without bound');
