import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from './auth/guard.js';

/** One registry per process: what Prometheus scrapes at /metrics. */
export const metrics = new Registry();
collectDefaultMetrics({ register: metrics });

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'],
  buckets: seconds, registers: [metrics],
});
export const eventsConsumed = new Counter({
  name: 'events_consumed_total', help: 'Consumed events by topic and outcome (applied, dead-lettered)', labelNames: ['topic', 'outcome'],
  registers: [metrics],
});
export const eventsPerTransaction = new Histogram({
  name: 'events_per_transaction', help: 'Consumed events applied per transaction (a partition batch, or one on its own)',
  buckets: [1, 2, 4, 8, 16, 32, 64], registers: [metrics],
});
export const deadLetters = new Counter({ name: 'dlq_messages_total', help: 'Messages sent to a dead letter topic', labelNames: ['topic'], registers: [metrics] });
export const producersRenewed = new Counter({
  name: 'kafka_producers_renewed_total', help: 'Idempotent producers replaced after a failed send', labelNames: ['producer'], registers: [metrics],
});
export const consumerLag = new Gauge({
  name: 'kafka_consumer_lag', help: 'Messages not yet consumed by this service, by topic', labelNames: ['topic'], registers: [metrics],
});
export const retentionDeleted = new Counter({ name: 'retention_deleted_rows_total', help: 'Rows past their retention window deleted', labelNames: ['table'], registers: [metrics] });
export const outboxPending = new Gauge({ name: 'outbox_pending', help: 'Outbox rows not yet published', registers: [metrics] });
export const outboxLag = new Histogram({
  name: 'outbox_publish_lag_seconds', help: 'Commit of an outbox row to its publication', buckets: seconds, registers: [metrics],
});
export const timerLateness = new Histogram({
  name: 'timer_lateness_seconds', help: 'How late durable timers (escalation steps, re-assessments) fire', labelNames: ['kind'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60], registers: [metrics],
});
/** A service's own business metrics, on the one registry /metrics serves (the platform defines none of them). */
export const businessHistogram = (name: string, help: string) => new Histogram({ name, help, buckets: seconds, registers: [metrics] });
export const businessCounter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
  new Counter<L>({ name, help, labelNames: [...labelNames], registers: [metrics] });

@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  scrape() {
    return metrics.metrics();
  }
}
