// The hub's metrics, in one prom-client registry per hub (never prom-client's global one, so
// several hubs in one process, as in the tests, keep their counts apart). Served in the Prometheus
// text format at GET /metrics (metrics-routes.ts). What is measured:
//   hub_http_requests_total{method,route,status_class}     every answered request
//   hub_http_request_duration_seconds{method,route}        from the request line to the last byte
//   hub_ingest_duration_seconds{kind,outcome}              reports, progress snapshots, signatures
//   hub_notification_outbox{state}                         outbox rows per state, read at scrape
//   hub_notifications_total{channel,outcome}               the sender's outcomes in this process
//   hub_info{engine,protocol}                              always 1
//   process_* and nodejs_*                                 prom-client's default metrics (opt-in)
// `route` is Fastify's route template (/v1/reports/:reportId/…), never the URL, so the number of
// series stays bounded whatever clients send; requests matching no route count as "(unmatched)".
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { WIRE_PROTOCOL_VERSION } from '../../core/sync/wire-protocol';
import type { OutboxRecord } from '../notifications/outbox';
import { OUTBOX_STATES } from '../notifications/outbox';
import type { SendOutcome } from '../notifications/sender';
import type { HubStore } from '../store/hub-store';
import { ingestOf } from './ingest-routes';

export interface HubMetricsOptions {
  /** prom-client's process and Node.js metrics (CPU, memory, event loop lag, GC, handles). */
  processMetrics?: boolean;
  /** How long a scrape waits for the outbox counts before leaving them out. */
  storeDeadlineMs?: number;
}

/** Methods Fastify routes; anything else is counted as "other" (bounded labels). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Seconds: from a health check's millisecond to a large bundle's upload. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const UNMATCHED_ROUTE = '(unmatched)';

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class HubMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status_class'>;
  private readonly durations: Histogram<'method' | 'route'>;
  private readonly ingest: Histogram<'kind' | 'outcome'>;
  private readonly notifications: Counter<'channel' | 'outcome'>;
  private readonly info: Gauge<'engine' | 'protocol'>;
  private store: HubStore | undefined;
  /** The last scrape's failure to read the outbox, for the hub's log (undefined: it worked). */
  outboxScrapeError: string | undefined;

  constructor(options: HubMetricsOptions = {}) {
    const registers = [this.registry];
    const storeDeadlineMs = options.storeDeadlineMs ?? 2_000;
    this.requests = new Counter({
      name: 'hub_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status class (2xx…5xx).',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.durations = new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'Time from the request line to the last byte of the answer, by method and route template.',
      labelNames: ['method', 'route'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.ingest = new Histogram({
      name: 'hub_ingest_duration_seconds',
      help: 'Time to take in a report bundle, a progress snapshot or a review signature (read, verify, store), by outcome: stored (201), replay (200), refused (4xx), error (5xx).',
      labelNames: ['kind', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.notifications = new Counter({
      name: 'hub_notifications_total',
      help: "Notification deliveries tried by this process's sender, by channel (email, generic, teams, slack) and outcome (sent, retry, failed, lost-claim).",
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.info = new Gauge({
      name: 'hub_info',
      help: "The hub's store engine and wire-protocol version (always 1).",
      labelNames: ['engine', 'protocol'],
      registers,
    });
    const outbox: Gauge<'state'> = new Gauge({
      name: 'hub_notification_outbox',
      help: 'Notification outbox rows per state, read from the store at each scrape (the same on every instance of one database). Absent when the store did not answer.',
      labelNames: ['state'],
      registers,
      collect: () => this.countOutbox(outbox, storeDeadlineMs),
    });
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  private async countOutbox(gauge: Gauge<'state'>, deadlineMs: number): Promise<void> {
    gauge.reset();
    if (!this.store) return;
    try {
      const counts = await withDeadline(
        this.store.notifications.notificationCounts(),
        deadlineMs,
        'counting the notification outbox',
      );
      for (const state of OUTBOX_STATES) gauge.set({ state }, counts[state] ?? 0);
      this.outboxScrapeError = undefined;
    } catch (error) {
      this.outboxScrapeError = error instanceof Error ? error.message : String(error);
    }
  }

  /** The store whose outbox is counted at each scrape. */
  attachStore(store: HubStore): void {
    this.store = store;
    this.info.reset();
    this.info.set({ engine: store.engine, protocol: String(WIRE_PROTOCOL_VERSION) }, 1);
  }

  /** Counts one answered request (the onResponse hook: metrics-routes.ts). */
  observeRequest(request: FastifyRequest, reply: FastifyReply): void {
    const method = METHODS.has(request.method) ? request.method : 'other';
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1_000;
    this.requests.inc({ method, route, status_class: `${Math.floor(status / 100)}xx` });
    this.durations.observe({ method, route }, seconds);
    const kind = ingestOf(method, route);
    if (kind !== undefined) this.ingest.observe({ kind, outcome: ingestOutcome(status) }, seconds);
  }

  /** The notification sender's hook (SenderOptions.onOutcome). */
  readonly observeNotification = (row: OutboxRecord, outcome: SendOutcome): void => {
    this.notifications.inc({ channel: row.format, outcome });
  };

  /** The text exposition of every metric. */
  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}

function ingestOutcome(status: number): string {
  if (status === 201) return 'stored';
  if (status >= 200 && status < 300) return 'replay';
  return status >= 500 ? 'error' : 'refused';
}
