// Dead-letter topics for an operator: see what was parked and why, and send it back through the normal path.
//   npm run dlq -- list                                   every .dlq topic: entries, not yet redriven, oldest/newest
//   npm run dlq -- list <topic>                           its entries: ids, codes and the reason only
//   npm run dlq -- show <topic> <partition>:<offset>      one entry in full (envelope and headers)
//   npm run dlq -- redrive <topic> (--all | <partition>:<offset>...) [--dry-run]
// <topic> is the dead-letter topic or the topic it belongs to, without KAFKA_TOPIC_PREFIX. A secured broker is
// reached with the services' own KAFKA_SSL* and KAFKA_SASL* variables. docs/runbook.md explains when to use which.
import { randomUUID } from 'node:crypto';
import { contractForTopic, dlqTopicOf, parseEnvelope } from '@safeguard/contracts';
import { createKafka, kafkaSecurityFromEnv } from '@safeguard/platform';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
/** The redrive group's committed offset per partition marks how far `redrive --all` has gone. */
const REDRIVE_GROUP = `${prefix}dlq-redrive`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^uk\.safeguard\.[a-z-]+\.[a-z-]+\.v\d+$/;

class UsageError extends Error {}

const usage = `usage: npm run dlq -- list [<topic>]
       npm run dlq -- show <topic> <partition>:<offset>
       npm run dlq -- redrive <topic> (--all | <partition>:<offset>...) [--dry-run]`;

const header = (headers, name) => {
  const v = headers?.[name];
  return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
};

/** `intake.x.v1`, `intake.x.v1.dlq` or either with the prefix → the dead-letter topic and its original, prefixed. */
function topicsOf(name) {
  if (!name) throw new UsageError('name a topic');
  let logical = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  if (logical.endsWith('.dlq')) logical = logical.slice(0, -'.dlq'.length);
  const contract = contractForTopic(logical);
  if (!contract) throw new UsageError(`topic: no contract for ${logical} (see libs/contracts/src/topics.ts)`);
  return { contract, original: prefix + logical, dlq: prefix + dlqTopicOf(logical), logicalDlq: dlqTopicOf(logical) };
}

function positionOf(arg) {
  const m = /^(\d+):(\d+)$/.exec(arg);
  if (!m) throw new UsageError(`position: expected <partition>:<offset>, got ${arg}`);
  return { partition: Number(m[1]), offset: Number(m[2]) };
}

/**
 * What may be printed of an entry without reading its payload: a poisoned message failed validation, so it may hold
 * anything, and only values that look like an id or a type code are shown.
 */
function summary(topic, partition, message) {
  let envelope = {};
  try {
    envelope = JSON.parse(String(message.value ?? ''));
  } catch {
    // not JSON: the reason says so
  }
  const key = message.key?.toString() ?? '';
  const at = header(message.headers, 'dlq-at');
  const original = header(message.headers, 'dlq-original-topic');
  const originalPartition = header(message.headers, 'dlq-original-partition');
  const originalOffset = header(message.headers, 'dlq-original-offset');
  return {
    topic, partition, offset: Number(message.offset),
    key: UUID.test(key) ? key : '(not an id)',
    eventId: typeof envelope?.id === 'string' && UUID.test(envelope.id) ? envelope.id : '(none)',
    type: typeof envelope?.type === 'string' && EVENT_TYPE.test(envelope.type) ? envelope.type : '(none)',
    reason: header(message.headers, 'dlq-reason') ?? '(no reason recorded)',
    group: header(message.headers, 'dlq-consumer-group') ?? '',
    from: original ? `${original}${originalPartition ? `:${originalPartition}` : ''}@${originalOffset ?? '?'}` : '',
    redriveOf: header(message.headers, 'dlq-redriven-from') ?? '',
    deadLetteredAt: at ?? new Date(Number(message.timestamp)).toISOString(),
  };
}

/** The offsets each partition of a topic holds now: [low, high). */
async function ranges(admin, topic) {
  return (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, low: Number(p.low), high: Number(p.high) }));
}

/** How far `redrive --all` has gone in each partition of a dead-letter topic (absent: not at all). */
async function redriveMarks(admin, topic) {
  const [offsets] = await admin.fetchOffsets({ groupId: REDRIVE_GROUP, topics: [topic] });
  return new Map((offsets?.partitions ?? []).filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, Number(p.offset)]));
}

/**
 * Reads [from, to) of each wanted partition with a throwaway group that commits nothing and is deleted after, so
 * reading never moves the redrive mark or any service's offsets.
 */
async function read(kafka, admin, wanted) {
  const open = wanted.filter((w) => w.to > w.from);
  if (open.length === 0) return [];
  const groupId = `${prefix}dlq-cli-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const remaining = new Map(open.map((w) => [`${w.topic}:${w.partition}`, w]));
  const records = new Map(); // by position: a message read before the seek may come again after it
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set(open.map((w) => w.topic))], fromBeginning: true });
    let done;
    const finished = new Promise((resolve, reject) => {
      done = { resolve, reject };
    });
    const timer = setTimeout(() => done.reject(new Error(`reading ${remaining.size} partition(s) did not finish in 60 s`)), 60_000);
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const w = remaining.get(`${topic}:${partition}`);
        const offset = Number(message.offset);
        if (!w || offset < w.from || offset >= w.to) return;
        records.set(`${topic}:${partition}:${offset}`, { topic, partition, message });
        if (offset >= w.to - 1) remaining.delete(`${topic}:${partition}`);
        if (remaining.size === 0) done.resolve();
      },
    });
    for (const w of open) consumer.seek({ topic: w.topic, partition: w.partition, offset: String(w.from) });
    await finished.finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return [...records.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset));
}

const table = (rows) => {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (values) => values.map((v, i) => String(v).padEnd(width[i])).join('  ').trimEnd();
  return [line(cols), ...rows.map((r) => line(cols.map((c) => r[c])))].join('\n');
};

async function listTopics(kafka, admin) {
  // Only this environment's: with no prefix, test runs' prefixed topics would show too.
  const dlqs = (await admin.listTopics())
    .filter((t) => t.startsWith(prefix) && t.endsWith('.dlq') && contractForTopic(t.slice(prefix.length, -'.dlq'.length)))
    .sort();
  const rows = [];
  const wanted = [];
  const offsets = await Promise.all(dlqs.map(async (topic) => [await ranges(admin, topic), await redriveMarks(admin, topic)]));
  for (const [i, topic] of dlqs.entries()) {
    const [parts, marks] = offsets[i];
    const entries = parts.reduce((n, p) => n + p.high - p.low, 0);
    const pending = parts.reduce((n, p) => n + p.high - Math.max(p.low, marks.get(p.partition) ?? p.low), 0);
    rows.push({ topic: topic.slice(prefix.length), entries, 'not redriven': pending, oldest: '', newest: '' });
    // The first and last entry of each partition give the oldest and newest.
    for (const p of parts.filter((x) => x.high > x.low)) {
      wanted.push({ topic, partition: p.partition, from: p.low, to: p.low + 1 });
      if (p.high - 1 > p.low) wanted.push({ topic, partition: p.partition, from: p.high - 1, to: p.high, last: true });
    }
  }
  // One read per partition range: first entries, then last entries (a partition appears once per pass).
  const times = [
    ...(await read(kafka, admin, wanted.filter((w) => !w.last))),
    ...(await read(kafka, admin, wanted.filter((w) => w.last))),
  ].map((r) => ({ topic: r.topic.slice(prefix.length), at: summary(r.topic, r.partition, r.message).deadLetteredAt }));
  for (const row of rows) {
    const mine = times.filter((t) => t.topic === row.topic).map((t) => t.at).sort();
    row.oldest = mine[0] ?? '-';
    row.newest = mine.at(-1) ?? '-';
  }
  console.log(`dead-letter topics${prefix ? ` under ${prefix}` : ''}:`);
  console.log(table(rows));
}

async function listEntries(kafka, admin, name) {
  const { dlq, logicalDlq } = topicsOf(name);
  const marks = await redriveMarks(admin, dlq);
  const records = await read(kafka, admin, (await ranges(admin, dlq)).map((p) => ({ ...p, from: p.low, to: p.high })));
  console.log(`${logicalDlq}: ${records.length} entr${records.length === 1 ? 'y' : 'ies'} (payloads not shown: \`show\` one)`);
  if (records.length === 0) return;
  console.log(table(records.map(({ topic, partition, message }) => {
    const s = summary(topic, partition, message);
    const redriven = Number(message.offset) < (marks.get(partition) ?? 0);
    return {
      position: `${s.partition}:${s.offset}`, 'child (key)': s.key, event: s.eventId, type: s.type,
      'dead-lettered at': s.deadLetteredAt, 'redrive --all': redriven ? 'done' : 'pending', group: s.group, reason: s.reason,
    };
  })));
}

async function show(kafka, admin, name, position) {
  const { dlq } = topicsOf(name);
  const { partition, offset } = positionOf(position ?? '');
  const part = (await ranges(admin, dlq)).find((p) => p.partition === partition);
  if (!part) throw new UsageError(`position: ${dlq} has no partition ${partition}`);
  if (offset < part.low || offset >= part.high) throw new UsageError(`position: partition ${partition} holds offsets ${part.low}..${part.high - 1}`);
  const [record] = await read(kafka, admin, [{ topic: dlq, partition, from: offset, to: offset + 1 }]);
  const { message } = record;
  const s = summary(dlq, partition, message);
  console.log(`${dlq.slice(prefix.length)} ${partition}:${offset}`);
  console.log(`reason:           ${s.reason}`);
  console.log(`dead-lettered at: ${s.deadLetteredAt} by ${s.group || '(unknown group)'}, from ${s.from || '(unknown)'}`);
  if (s.redriveOf) console.log(`redriven before:  this entry came back after a redrive of ${s.redriveOf}`);
  console.log(`child (key):      ${s.key}`);
  console.log('headers:');
  for (const [k, v] of Object.entries(message.headers ?? {})) console.log(`  ${k}: ${String(Array.isArray(v) ? v[0] : v)}`);
  console.log('envelope:');
  let text = message.value?.toString() ?? '(no value)';
  try {
    text = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // printed as it came
  }
  console.log(text);
  // Contracts carry ids, codes and times only, but this message failed somewhere: it may not follow them.
  console.error('\nThe envelope above is printed in full. Contracts allow only ids, codes and times in it, but a dead-lettered ' +
    'message may break its contract and hold anything: do not copy it into tickets, chat or logs.');
}

/**
 * Re-publishes entries to their original topic with the original key, value (the same envelope, so the same event id)
 * and headers, so every consumer's inbox drops what it already applied. Entries that still break their contract are
 * skipped: published again they would only come straight back.
 */
async function redrive(kafka, admin, name, args) {
  const { contract, original, dlq, logicalDlq } = topicsOf(name);
  const dryRun = args.includes('--dry-run');
  const all = args.includes('--all');
  const positions = args.filter((a) => !a.startsWith('--')).map(positionOf);
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--all' && a !== '--dry-run');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
  if (all === (positions.length > 0)) throw new UsageError('redrive: give either --all or <partition>:<offset>... (not both)');

  const parts = await ranges(admin, dlq);
  const marks = await redriveMarks(admin, dlq);
  let wanted;
  if (all) {
    // Up to each partition's end now: an entry that comes back during this redrive waits for the next one.
    wanted = parts.map((p) => ({ ...p, from: Math.max(p.low, marks.get(p.partition) ?? p.low), to: p.high }));
  } else {
    wanted = positions.map(({ partition, offset }) => {
      const p = parts.find((x) => x.partition === partition);
      if (!p || offset < p.low || offset >= p.high) throw new UsageError(`position: ${partition}:${offset} is not in ${logicalDlq}`);
      return { topic: dlq, partition, from: offset, to: offset + 1 };
    });
  }
  // One read: for named positions, each partition's span from the first to the last one named, then only those.
  const spans = new Map();
  for (const w of wanted) {
    const s = spans.get(w.partition);
    spans.set(w.partition, s ? { ...s, from: Math.min(s.from, w.from), to: Math.max(s.to, w.to) } : w);
  }
  const named = new Set(wanted.map((w) => `${w.partition}:${w.from}`));
  const records = (await read(kafka, admin, [...spans.values()]))
    .filter((r) => all || named.has(`${r.partition}:${Number(r.message.offset)}`));
  if (records.length === 0) {
    console.log(`${logicalDlq}: nothing to redrive${all ? ' (every entry is past the redrive mark)' : ''}`);
    return;
  }

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  if (!dryRun) await producer.connect();
  let sent = 0;
  let skipped = 0;
  try {
    for (const { partition, message } of records) {
      const s = summary(dlq, partition, message);
      const where = `${partition}:${s.offset}`;
      try {
        parseEnvelope(contract, message.value);
      } catch (error) {
        skipped++;
        console.log(`skip    ${where} event ${s.eventId}: still invalid (${error.message})`);
        continue;
      }
      // The original headers (traceparent, correlation) travel on; the dead-letter ones describe this entry only.
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).filter(([k]) => !k.startsWith('dlq-')));
      headers['dlq-redriven-from'] = `${logicalDlq}:${where}`;
      if (!dryRun) await producer.send({ topic: original, messages: [{ key: message.key, value: message.value, headers }] });
      sent++;
      console.log(`${dryRun ? 'would redrive' : 'redriven'} ${where} → ${original.slice(prefix.length)} child ${s.key} event ${s.eventId}`);
    }
  } finally {
    if (!dryRun) await producer.disconnect();
  }
  // Only after every send succeeded: a failed run leaves the mark where it was, and the inbox absorbs the repeat.
  if (all && !dryRun) {
    const moved = wanted.filter((w) => w.to > w.from).map((w) => ({ partition: w.partition, offset: String(w.to) }));
    if (moved.length > 0) await admin.setOffsets({ groupId: REDRIVE_GROUP, topic: dlq, partitions: moved });
  }
  console.log(`${logicalDlq}: ${dryRun ? 'would redrive' : 'redrove'} ${sent}, skipped ${skipped}` +
    (all && !dryRun ? `; redrive mark (group ${REDRIVE_GROUP}) moved to the end` : ''));
}

async function main([command, name, ...rest]) {
  if (!['list', 'show', 'redrive'].includes(command)) throw new UsageError(`unknown command ${command ?? '(none)'}`);
  const kafka = createKafka({ brokers, clientId: 'safeguard-dlq', security: kafkaSecurityFromEnv(), retry: { retries: 3 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (command === 'list') return await (name ? listEntries(kafka, admin, name) : listTopics(kafka, admin));
    if (command === 'show') return await show(kafka, admin, name, rest[0]);
    return await redrive(kafka, admin, name, rest);
  } finally {
    await admin.disconnect();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${usage}`);
  else console.error(`dlq: ${error.message}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
