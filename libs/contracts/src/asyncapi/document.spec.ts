import { describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONSUMERS, consumerGroupOf } from '../consumers.js';
import { dlqTopicOf } from '../contract.js';
import { CONTRACTS, TOPIC_PARTITIONS, TOPIC_REPLICAS } from '../topics.js';
import { DEAD_LETTER_HEADERS } from './dead-letter.js';
import { asyncApiDocument } from './document.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON document
/** The dead-letter headers carried over from a redriven record (or, with false, set by the event server). */
const carried = (is: boolean) => Object.entries(DEAD_LETTER_HEADERS).filter(([, h]) => Boolean(h.carried) === is).map(([name]) => name);
const doc = (): Json => JSON.parse(JSON.stringify(asyncApiDocument()));
/** What a local `$ref` points at, following a reference to a reference. */
const at = (d: Json, ref: string): Json => {
  const found = ref.slice(2).split('/').reduce((o: Json, k) => o[k.replace(/~1/g, '/')], d);
  return found.$ref ? at(d, found.$ref) : found;
};
const consumed = Object.entries(CONSUMERS).flatMap(([service, contracts]) => contracts.map((c) => ({ service, c })));

/** Errors and warnings (severity 0 and 1); information and hints are advice. */
const problems = async (d: Json) =>
  (await new Parser().validate(JSON.stringify(d)))
    .filter((x) => x.severity <= 1)
    .map((x) => `${x.code} at ${x.path.join('.')}: ${x.message}`);

// That libs/contracts/asyncapi.json is what `npm run asyncapi` writes is checked in contracts.spec.ts.
describe('the AsyncAPI document', () => {
  it('passes @asyncapi/parser with no error and no warning', async () => {
    expect(await problems(doc())).toEqual([]);
  });

  it('is checked for real: the parser finds a broken binding and a receive on a missing channel', async () => {
    const broken = doc();
    broken.channels.intakeChildReturnedV1.bindings.kafka.partitions = 0;
    broken.operations.notifierConsumesEpisodesAlertRequestedV1.channel = { $ref: '#/channels/nowhere' };
    const found = await problems(broken);
    expect(found.some((p) => p.includes('channels.intakeChildReturnedV1.bindings.kafka'))).toBe(true);
    expect(found.some((p) => p.includes('operations.notifierConsumesEpisodesAlertRequestedV1.channel'))).toBe(true);
  });

  it("has a receive operation for every consumer table row, in the service's consumer group", async () => {
    const d = doc();
    const receives = Object.values(d.operations as Json).filter((o) => o.action === 'receive');
    expect(receives).toHaveLength(consumed.length);
    for (const { service, c } of consumed) {
      const op = receives.find((o) => at(d, o.channel.$ref).address === c.topic && o.bindings.kafka.clientId.enum[0] === service);
      expect(op?.bindings.kafka.groupId.enum).toEqual([consumerGroupOf(service)]);
      expect(at(d, op!.messages[0].$ref).title).toBe(c.type);
    }
    // The parser reads them as receive operations too, each on its topic.
    const parsed = (await new Parser().parse(JSON.stringify(d))).document!;
    const addresses = parsed.operations().filterByReceive().map((o) => o.channels().all()[0]!.address());
    expect(addresses.sort()).toEqual(consumed.map(({ c }) => c.topic).sort());
  });

  it("has each consumed topic's dead-letter channel, written by each of its consumers with the reason headers", () => {
    const d = doc();
    const dlqs = Object.values(d.channels as Json).filter((ch) => ch.address.endsWith('.dlq'));
    expect(dlqs.map((ch) => ch.address).sort()).toEqual([...new Set(consumed.map(({ c }) => dlqTopicOf(c.topic)))].sort());
    const sends = Object.values(d.operations as Json).filter((o) => o.action === 'send' && at(d, o.channel.$ref).address.endsWith('.dlq'));
    expect(sends.map((o) => `${o.bindings.kafka.clientId.enum[0]} ${at(d, o.channel.$ref).address}`).sort())
      .toEqual(consumed.map(({ service, c }) => `${service} ${dlqTopicOf(c.topic)}`).sort());
    const message = d.components.messages.deadLetter;
    expect(at(d, sends[0].messages[0].$ref)).toEqual(message);
    expect(message.headers.required).toEqual(expect.arrayContaining(['dlq-reason', 'dlq-original-topic', 'dlq-consumer-group']));
    expect(message.bindings.kafka.key).toMatchObject({ type: 'string', format: 'uuid' });
  });

  it('names exactly the dead-letter headers the event server sets', () => {
    const server = readFileSync(fileURLToPath(new URL('../../../platform/src/kafka/event-server.ts', import.meta.url)), 'utf8');
    const set = [...server.matchAll(/'(dlq-[a-z-]+)':/g)].map((m) => m[1]);
    expect(set.length).toBeGreaterThan(0);
    // A header added there goes into DEAD_LETTER_HEADERS (libs/contracts/src/asyncapi/dead-letter.ts) too.
    expect([...new Set(set)].sort()).toEqual(carried(false).sort());
  });

  it('names the dead-letter headers a redrive sets, which the event server carries over, as optional', () => {
    const redrive = readFileSync(fileURLToPath(new URL('../../../../scripts/dlq.mjs', import.meta.url)), 'utf8');
    const set = [...redrive.matchAll(/headers\['(dlq-[a-z-]+)'\] =/g)].map((m) => m[1] ?? '');
    expect(set).toEqual(carried(true));
    const { headers } = doc().components.messages.deadLetter;
    for (const name of set) {
      expect(headers.properties[name]).toMatchObject({ type: 'string', description: expect.stringContaining('redrive') });
      expect(headers.required).not.toContain(name);
    }
  });

  it('binds every topic as the platform creates it and keys every message by the child', () => {
    const d = doc();
    for (const c of CONTRACTS) {
      const channel = Object.values(d.channels as Json).find((ch) => ch.address === c.topic);
      expect(channel.bindings.kafka).toEqual({
        partitions: TOPIC_PARTITIONS, replicas: TOPIC_REPLICAS, bindingVersion: '0.5.0',
        topicConfiguration: { 'cleanup.policy': [c.compacted ? 'compact' : 'delete'] },
      });
      const message = at(d, Object.values(channel.messages as Json)[0].$ref);
      expect(message.bindings.kafka.key).toMatchObject({ type: 'string', format: 'uuid' });
    }
    expect(d.channels.intakeChildProfileV2.bindings.kafka.topicConfiguration['cleanup.policy']).toEqual(['compact']);
  });
});
