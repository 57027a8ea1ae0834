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
export const deadLetters = new Counter({ name: 'dlq_messages_total', help: 'Messages sent to a dead letter topic', labelNames: ['topic'], registers: [metrics] });
export const consumerLag = new Gauge({
  name: 'kafka_consumer_lag', help: 'Messages not yet consumed by this service, by topic', labelNames: ['topic'], registers: [metrics],
});
export const outboxPending = new Gauge({ name: 'outbox_pending', help: 'Outbox rows not yet published', registers: [metrics] });
export const outboxLag = new Histogram({
  name: 'outbox_publish_lag_seconds', help: 'Commit of an outbox row to its publication', buckets: seconds, registers: [metrics],
});
export const timerLateness = new Histogram({
  name: 'timer_lateness_seconds', help: 'How late durable timers (escalation steps, re-assessments) fire', labelNames: ['kind'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60], registers: [metrics],
});
export const deliveries = new Counter({ name: 'alert_deliveries_total', help: 'Alert deliveries by outcome', labelNames: ['outcome'], registers: [metrics] });
/** Report → alert, in its two halves: the tracker's (report to alert requested) and the notifier's (requested to accepted). */
export const reportToAlertRequested = new Histogram({
  name: 'report_to_alert_requested_seconds', help: 'Absence reported to its first alert requested (episode-tracker)', buckets: seconds, registers: [metrics],
});
export const alertRequestedToDelivered = new Histogram({
  name: 'alert_requested_to_delivered_seconds', help: 'Alert requested to accepted by the SMTP server (notifier)', buckets: seconds, registers: [metrics],
});

@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  scrape() {
    return metrics.metrics();
  }
}
