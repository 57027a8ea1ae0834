import { EventPattern, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { contractForTopic, dlqTopicOf, parseEnvelope, ContractViolation } from '@safeguard/contracts';
import type { Admin, Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { childTraceparent, runInWork } from '../context.js';
import { Batch, runInBatch } from '../inbox/batch.js';
import { consumerLag, deadLetters, eventsConsumed, eventsPerTransaction } from '../metrics.js';
import { RenewingProducer } from './producer.js';

export interface EventServerOptions {
  kafka: Kafka;
  /** Consumer group: one per service, so replicas share the partitions. */
  groupId: string;
  prefix: string;
  logger: Logger;
  /** Attempts before a failing message goes to the DLQ (validation failures go at once). */
  maxAttempts?: number;
  partitionsConsumedConcurrently?: number;
  /** Longest wait between retries (tests shorten it). */
  maxBackoffMs?: number;
  /** At most this many events of a partition in one transaction. */
  batchSize?: number;
  /** Called when the consumer has stopped for good; by default the process ends (SIGTERM) for its supervisor to restart. */
  onStopped?: () => void;
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '40001', '40P01',
]);

/**
 * An outage of PostgreSQL, Redis or the network is not the message's fault: such a failure is retried for as long as
 * it lasts (the partition waits), so a valid alert is never parked in a DLQ because a database restarted.
 */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.code ?? e?.driverError?.code;
  return (code !== undefined && TRANSIENT_CODES.has(code)) ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection is closed|ECONNREFUSED/i.test(e?.message ?? '');
}

/** A valid event taken from a partition, with its handler and the unit of work it starts. */
interface Received {
  topic: string;
  logical: string;
  partition: number;
  message: KafkaMessage;
  envelope: ReturnType<typeof parseEnvelope>;
  handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>;
  work: { correlationId: string; causationId: string; traceparent: string };
}

/** What a handler receives beside the validated envelope. */
export interface EventContext {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
}

const header = (headers: IHeaders | undefined, name: string): string | undefined => {
  const v = headers?.[name];
  return v === undefined ? undefined : Array.isArray(v) ? String(v[0]) : String(v);
};

/**
 * A Nest transport over kafkajs. `@OnEvent(Contract)` handlers receive the validated envelope. A message that fails
 * validation, or fails its handler `maxAttempts` times (outages excepted), goes to `<topic>.dlq` with the reason, and
 * the partition carries on. Retries happen in place, so one child's events stay in order.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private producer?: RenewingProducer;
  private admin?: Admin;
  private closing = false;
  private lagTimer?: NodeJS.Timeout;

  constructor(private readonly options: EventServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const { kafka, groupId, prefix } = this.options;
      this.producer = new RenewingProducer(kafka, this.options.logger, 'dead-letter');
      await this.producer.connect();
      this.consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
      this.consumer.on(this.consumer.events.CRASH, ({ payload }) => this.onCrash(payload));
      await this.consumer.connect();
      const topics = [...this.getHandlers().keys()].map((t) => prefix + t);
      await this.consumer.subscribe({ topics, fromBeginning: true });
      await this.consumer.run({
        // Handlers spend most of their time waiting on PostgreSQL: more partitions at once keep both cores busy. Order
        // holds per partition (so per child), and the inbox lock per child covers events on different topics.
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 8,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onBatch(payload),
      });
      this.options.logger.info({ groupId, topics }, 'consuming');
      this.lagTimer = setInterval(() => void this.measureLag(topics), 15_000);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /**
   * kafkajs restarts a consumer after a crash it can retry; after any other the consumer stays stopped, and the alerts
   * with it, while HTTP still answers. A service that no longer consumes must not look alive: it ends, to be restarted.
   */
  private onCrash({ error, restart }: { error: Error; restart: boolean }) {
    if (restart || this.closing) return;
    this.options.logger.error({ groupId: this.options.groupId, reason: error.message }, 'consumer stopped for good; ending so the service is restarted');
    (this.options.onStopped ?? (() => process.kill(process.pid, 'SIGTERM')))();
  }

  /** Nest parses a pattern on every lookup; topics are few, so look each up once. */
  private readonly handlerCache = new Map<string, ReturnType<Server['getHandlerByPattern']>>();
  private handlerOf(topic: string) {
    if (!this.handlerCache.has(topic)) this.handlerCache.set(topic, this.getHandlerByPattern(topic));
    return this.handlerCache.get(topic) ?? null;
  }

  /**
   * A partition's batch, a slice at a time: each slice's events are applied in one transaction (batch.ts), in order.
   * If any of them fails, the slice rolls back and its events are applied one by one, each with its own retries and
   * dead letter, so one bad event never holds back or takes down the others.
   */
  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const size = this.options.batchSize ?? 64;
    for (let i = 0; i < batch.messages.length; i += size) {
      if (!isRunning() || isStale()) return; // what is left is fetched again by whoever holds the partition
      const slice = batch.messages.slice(i, i + size);
      const events: Received[] = [];
      for (const message of slice) {
        const received = await this.receive(batch.topic, batch.partition, message);
        if (received) events.push(received);
      }
      const together = events.length > 1 && events[0]!.handler.extras?.batched !== false;
      if (events.length > 0 && !(together && (await this.applyTogether(events, heartbeat)))) {
        for (const event of events) await this.applyAlone(event, heartbeat);
      }
      resolveOffset(slice.at(-1)!.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** Validates a message; one that is not a valid event goes to the dead letter topic (undefined is returned). */
  private async receive(topic: string, partition: number, message: KafkaMessage): Promise<Received | undefined> {
    const logical = topic.slice(this.options.prefix.length);
    const contract = contractForTopic(logical);
    const handler = this.handlerOf(logical);
    if (!contract || !handler) return void (await this.deadLetter(topic, partition, message, `no contract or handler for ${logical}`));
    // A tombstone on a compacted topic only erases what the topic kept (e.g. a retired version's personal data):
    // it is not an event, and not a fault either.
    if (contract.compacted && message.value === null) {
      eventsConsumed.inc({ topic: logical, outcome: 'tombstone' });
      return undefined;
    }
    try {
      const envelope = parseEnvelope(contract, message.value);
      const work = { correlationId: envelope.correlationid, causationId: envelope.id, traceparent: childTraceparent(header(message.headers, 'traceparent')) };
      return { topic, logical, partition, message, envelope, handler, work };
    } catch (error) {
      if (error instanceof ContractViolation) return void (await this.deadLetter(topic, partition, message, `invalid: ${error.message}`));
      throw error;
    }
  }

  private async invoke(e: Received, attempt: number): Promise<void> {
    const ctx: EventContext = { topic: e.topic, partition: e.partition, offset: e.message.offset, attempt };
    await runInWork(e.work, async () => {
      await lastValueFrom(this.transformToObservable(await e.handler(e.envelope, ctx)), { defaultValue: undefined });
    });
  }

  /** Applies the events in one transaction; false (nothing written) if any failed or the commit did. */
  private async applyTogether(events: Received[], heartbeat: () => Promise<void>): Promise<boolean> {
    const [{ topic, partition }] = events as [Received];
    const batch = new Batch(events.flatMap((e) => (e.message.key ? [e.message.key.toString()] : [])));
    let lost = false; // a heartbeat failed: the group has moved on (a rebalance), which is not the events' fault
    try {
      for (const e of events) {
        await runInBatch(batch, () => this.invoke(e, 1));
        // A slow batch must not cost the partition its consumer.
        await heartbeat().catch((error: unknown) => { lost = true; throw error; });
      }
    } catch (error) {
      await batch.rollback().catch(() => undefined);
      // Closing, or the partition has moved on: leave the batch and its offsets to whoever holds the partition now.
      if (this.closing || lost) throw error;
      this.options.logger.warn({ topic, partition, events: events.length,
        reason: error instanceof Error ? error.message : String(error) }, 'batch failed; applying its events one by one');
      return false;
    }
    let wakeUpsFailed: unknown[];
    try {
      wakeUpsFailed = await batch.commit();
    } catch (error) {
      if (this.closing) throw error;
      this.options.logger.warn({ topic, partition, reason: (error as Error).message }, 'batch did not commit; applying its events one by one');
      return false; // if it did commit after all, the inbox skips each event
    }
    for (const reason of wakeUpsFailed) this.options.logger.warn({ topic, reason: (reason as Error)?.message }, 'wake-up after commit failed; its reconciler will catch up');
    for (const e of events) eventsConsumed.inc({ topic: e.logical, outcome: 'applied' });
    eventsPerTransaction.observe(events.length);
    return true;
  }

  /** Applies one event in its own transaction, retrying in place (so one child's events stay in order). */
  private async applyAlone(e: Received, heartbeat: () => Promise<void>): Promise<void> {
    const where = { topic: e.topic, partition: e.partition, offset: e.message.offset };
    const maxAttempts = this.options.maxAttempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.invoke(e, attempt);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (this.closing) throw error; // leave the offset uncommitted; another replica takes it
        if (attempt >= maxAttempts && !isTransient(error)) {
          return this.deadLetter(e.topic, e.partition, e.message, `handler failed ${attempt} times: ${reason}`);
        }
        this.options.logger.warn({ ...where, eventId: e.envelope.id, attempt, reason }, 'handler failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(this.options.maxBackoffMs ?? 5_000, 100 * 2 ** Math.min(attempt, 16))));
        await heartbeat();
        continue;
      }
      eventsConsumed.inc({ topic: e.logical, outcome: 'applied' });
      eventsPerTransaction.observe(1);
      // Outside the handler's retries: a heartbeat that fails (the group's coordinator is gone) is not the event's
      // fault, and goes to kafkajs, which finds the coordinator again; the event is applied and stays so.
      await heartbeat();
      return;
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    this.options.logger.error({ topic, offset: message.offset, reason }, 'message sent to the dead letter topic');
    deadLetters.inc({ topic });
    eventsConsumed.inc({ topic, outcome: 'dead-lettered' });
    await this.producer!.send({
      topic: dlqTopicOf(topic),
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-reason': reason.slice(0, 1000),
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': message.offset,
            'dlq-consumer-group': this.options.groupId,
            'dlq-at': new Date().toISOString(),
          },
        },
      ],
    });
  }

  /** Consumer lag per topic for /metrics: the end of each partition minus this group's committed offset. */
  private async measureLag(topics: string[]): Promise<void> {
    try {
      const admin = (this.admin ??= this.options.kafka.admin());
      await admin.connect(); // a no-op once connected
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics });
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
        const lag = ends.reduce((sum, p) => {
          const at = Number(mine.find((m) => m.partition === p.partition)?.offset ?? -1);
          return sum + Math.max(0, Number(p.high) - (at < 0 ? Number(p.low) : at));
        }, 0);
        consumerLag.set({ topic }, lag);
      }
    } catch (error) {
      this.options.logger.debug({ reason: (error as Error).message }, 'consumer lag not measured');
    }
  }

  on(): never {
    throw new Error('KafkaEventServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.lagTimer);
    await this.admin?.disconnect().catch(() => undefined);
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

/**
 * Marks a controller method as the handler of a contract's events: `@OnEvent(AbsenceReported)`. `{ batched: false }`
 * applies each event in its own transaction: for a handler whose locks are not the child's (e.g. a person's), which
 * held across a batch would serialise batches and could deadlock two of them.
 */
export const OnEvent = (contract: { topic: string }, options: { batched?: boolean } = {}): MethodDecorator =>
  EventPattern<string>(contract.topic, { batched: options.batched ?? true });
