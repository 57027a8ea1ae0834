import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decodeProtectedHeader, jwtVerify } from 'jose';

/**
 * GOV.UK Notify as its API documentation defines it, for tests with no network: POST /v2/notifications/email and
 * /sms with the client's JWT (HS256, iss = service id, iat within 30 s), the v2 payloads and personalisation checked
 * against the templates, answers 201, 400, 403, 429 and 500 in Notify's error format, every accepted message
 * recorded, and delivery receipts and received texts POSTed to the callback URLs with the callback bearer token.
 * Recipients behave like Notify's test key: perm-fail@simulator.notify and 07700900002 fail permanently,
 * temp-fail@simulator.notify and 07700900003 temporarily; the smoke-test numbers (07700900000, …111, …222) and
 * simulate-delivered addresses are accepted and never reported; anything else is delivered.
 */
export interface NotifyMessage {
  id: string;
  type: 'email' | 'sms';
  /** As sent: an email address or a phone number. */
  to: string;
  reference: string | null;
  subject?: string;
  body: string;
  personalisation: Record<string, unknown>;
  at: number;
}

export interface NotifyTemplate {
  id: string;
  type: 'email' | 'sms';
  subject?: string;
  body: string;
}

export interface NotifyCallbacks {
  deliveryReceiptUrl?: string;
  receivedTextUrl?: string;
  bearerToken: string;
}

/** One template per channel whose whole content is personalised, as the notifier is configured to use. */
export const NOTIFY_TEMPLATES: NotifyTemplate[] = [
  { id: '2b6b1b7e-1c3a-4d1e-9a4a-3a1f0c0e0e01', type: 'email', subject: '((subject))', body: '((body))' },
  { id: '2b6b1b7e-1c3a-4d1e-9a4a-3a1f0c0e0e02', type: 'sms', body: '((body))' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SMS_LIMIT = 918;
const fields: Record<'email' | 'sms', { to: string; allowed: string[] }> = {
  email: { to: 'email_address', allowed: ['email_address', 'template_id', 'personalisation', 'reference', 'email_reply_to_id', 'one_click_unsubscribe_url', 'sanitise_content_for'] },
  sms: { to: 'phone_number', allowed: ['phone_number', 'template_id', 'personalisation', 'reference', 'sms_sender_id', 'scheduled_for'] },
};

class NotifyError extends Error {
  constructor(readonly status: number, readonly errors: { error: string; message: string }[]) {
    super(errors[0]!.message);
  }
}
const fail = (status: number, error: string, message: string) => new NotifyError(status, [{ error, message }]);

/** Notify's rule for a UK mobile: 07… after dropping +44/0044/44 and spaces; a landline is "Not a UK mobile number". */
function phoneError(raw: string): string | undefined {
  const digits = raw.replace(/[\s()-]/g, '');
  if (/[^\d+]/.test(digits)) return 'Must not contain letters or symbols';
  const national = digits.replace(/^(\+44|0044|44)/, '0');
  if (!national.startsWith('07')) return 'Not a UK mobile number';
  if (national.length > 11) return 'Too many digits';
  if (national.length < 11) return 'Not enough digits';
  return undefined;
}

export class NotifyStandIn {
  readonly serviceId = randomUUID();
  private readonly secret = randomUUID();
  readonly messages: NotifyMessage[] = [];
  /** Receipts and received texts POSTed, with the status the notifier answered. */
  readonly callbacks: { url: string; body: unknown; status: number }[] = [];
  private server?: Server;
  private failing?: { status: 429 | 500; until: number; type?: 'email' | 'sms' };
  private readonly pending = new Set<Promise<void>>();
  port = 0;

  constructor(
    private callbackSettings: NotifyCallbacks,
    private readonly options: { receiptDelayMs?: number; callbackAttempts?: number; callbackRetryMs?: number } = {},
  ) {}

  /** The API key the notifier is given: key name, service id and secret, as Notify issues it. */
  get apiKey(): string {
    return `safeguard_test-${this.serviceId}-${this.secret}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where to POST callbacks (set once the notifier's port is known). */
  setCallbacks(c: NotifyCallbacks) {
    this.callbackSettings = c;
  }

  /** Answers every send (or every send of one type) with 429 or 500 for a while, as Notify does under load or fault. */
  failFor(status: 429 | 500, ms: number, type?: 'email' | 'sms') {
    this.failing = { status, until: Date.now() + ms, ...(type ? { type } : {}) };
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  sms(to: string): NotifyMessage[] {
    return this.messages.filter((m) => m.type === 'sms' && m.to.replace(/\s/g, '') === to);
  }

  emails(to: string): NotifyMessage[] {
    return this.messages.filter((m) => m.type === 'email' && m.to === to);
  }

  /** A text arriving on the service's inbound number: POSTed as Notify's received-text callback. Returns the status. */
  async receiveText(fromE164: string, message: string, token = this.callbackSettings.bearerToken): Promise<{ status: number; id: string }> {
    const id = randomUUID();
    const body = { id, source_number: fromE164.replace(/^\+/, ''), destination_number: '07700900999', message, date_received: new Date().toISOString() };
    return { status: await this.post(this.callbackSettings.receivedTextUrl!, body, token), id };
  }

  /** A delivery receipt as Notify posts it (for tests of receipts out of order, repeated or unknown). */
  receipt(m: Pick<NotifyMessage, 'id' | 'reference' | 'to' | 'type'>, status: string, token = this.callbackSettings.bearerToken): Promise<number> {
    const now = new Date().toISOString();
    return this.post(this.callbackSettings.deliveryReceiptUrl!, {
      id: m.id, reference: m.reference, to: m.to, status, created_at: now, completed_at: now, sent_at: now,
      notification_type: m.type, template_id: NOTIFY_TEMPLATES.find((t) => t.type === m.type)!.id, template_version: 1,
    }, token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      const type = req.method === 'POST' ? /^\/v2\/notifications\/(email|sms)$/.exec(req.url ?? '')?.[1] as 'email' | 'sms' | undefined : undefined;
      if (!type) throw fail(404, 'ResourceNotFound', 'Not found');
      await this.authenticate(req.headers.authorization);
      if (this.failing && Date.now() < this.failing.until && (!this.failing.type || this.failing.type === type)) {
        throw this.failing.status === 429
          ? fail(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds')
          : fail(500, 'Exception', 'Internal server error');
      }
      const body = await readJson(req);
      const message = this.validate(type, body);
      this.messages.push(message);
      answer(201, this.created(message, body as Record<string, unknown>));
      const outcome = this.outcomeFor(message);
      if (outcome) this.schedule(() => this.receipt(message, outcome).then(() => undefined));
    } catch (error) {
      const e = error instanceof NotifyError ? error : fail(500, 'Exception', 'Internal server error');
      answer(e.status, { status_code: e.status, errors: e.errors });
    }
  }

  private async authenticate(header: string | undefined) {
    if (!header) throw fail(401, 'AuthError', 'Unauthorized: authentication token must be provided');
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) throw fail(401, 'AuthError', 'Unauthorized: authentication bearer scheme must be used');
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw fail(403, 'AuthError', 'Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header');
    }
    if (alg !== 'HS256') throw fail(403, 'AuthError', 'Invalid token: algorithm used is not HS256');
    let payload: { iss?: unknown; iat?: unknown };
    try {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(this.secret), { algorithms: ['HS256'] }));
    } catch {
      throw fail(403, 'AuthError', 'Invalid token: API key not found');
    }
    if (typeof payload.iss !== 'string') throw fail(403, 'AuthError', 'Invalid token: iss field not provided');
    if (payload.iss !== this.serviceId) throw fail(403, 'AuthError', 'Invalid token: service not found');
    if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > 30) {
      throw fail(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds');
    }
  }

  private validate(type: 'email' | 'sms', body: unknown): NotifyMessage {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail(400, 'ValidationError', 'Request body is not a JSON object');
    const b = body as Record<string, unknown>;
    const errors: { error: string; message: string }[] = [];
    const bad = (message: string) => errors.push({ error: 'ValidationError', message });
    const extra = Object.keys(b).filter((k) => !fields[type].allowed.includes(k));
    if (extra.length) bad(`Additional properties are not allowed (${extra.join(', ')} was unexpected)`);
    for (const k of [fields[type].to, 'template_id']) if (b[k] === undefined) bad(`${k} is a required property`);
    if (b.template_id !== undefined && (typeof b.template_id !== 'string' || !UUID.test(b.template_id))) bad('template_id is not a valid UUID');
    if (b.personalisation !== undefined && (typeof b.personalisation !== 'object' || b.personalisation === null || Array.isArray(b.personalisation))) {
      bad(`personalisation ${JSON.stringify(b.personalisation)} is not of type object`);
    }
    if (b.reference !== undefined && (typeof b.reference !== 'string' || b.reference.length > 1000)) bad('reference is too long');
    if (b.sms_sender_id !== undefined && (typeof b.sms_sender_id !== 'string' || !UUID.test(b.sms_sender_id))) bad('sms_sender_id is not a valid UUID');
    const to = b[fields[type].to];
    if (typeof to === 'string') {
      if (type === 'email' && !EMAIL.test(to)) bad('email_address Not a valid email address');
      const phone = type === 'sms' ? phoneError(to) : undefined;
      if (phone) bad(`phone_number ${phone}`);
    }
    if (errors.length) throw new NotifyError(400, errors);
    const template = NOTIFY_TEMPLATES.find((t) => t.id === b.template_id);
    if (!template) throw fail(400, 'BadRequestError', 'Template not found');
    if (template.type !== type) throw fail(400, 'BadRequestError', `${template.type} template is not suitable for ${type} notification`);
    const personalisation = (b.personalisation ?? {}) as Record<string, unknown>;
    const placeholders = [...new Set([...`${template.subject ?? ''}${template.body}`.matchAll(/\(\(([^)]+)\)\)/g)].map((m) => m[1]!))];
    const missing = placeholders.filter((p) => personalisation[p] === undefined || personalisation[p] === null);
    if (missing.length) throw fail(400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
    const fill = (s: string) => s.replace(/\(\(([^)]+)\)\)/g, (_, p: string) => String(personalisation[p]));
    const content = fill(template.body).trim();
    if (!content) throw fail(400, 'BadRequestError', 'Your message is empty.');
    if (type === 'sms' && content.length > SMS_LIMIT) {
      throw fail(400, 'BadRequestError', `Your message is too long. Text messages cannot be longer than ${SMS_LIMIT} characters. Your message is ${content.length} characters long.`);
    }
    return {
      id: randomUUID(), type, to: to as string, reference: (b.reference as string | undefined) ?? null, body: content, personalisation, at: Date.now(),
      ...(template.subject ? { subject: fill(template.subject) } : {}),
    };
  }

  private created(m: NotifyMessage, body: Record<string, unknown>) {
    const template = NOTIFY_TEMPLATES.find((t) => t.id === body.template_id)!;
    const base = {
      id: m.id, reference: m.reference, uri: `${this.url}/v2/notifications/${m.id}`, scheduled_for: null,
      template: { id: template.id, version: 1, uri: `${this.url}/services/${this.serviceId}/templates/${template.id}` },
    };
    return m.type === 'sms'
      ? { ...base, content: { body: m.body, from_number: 'Safeguard' } }
      : { ...base, content: { subject: m.subject, body: m.body, from_email: 'safeguard@notifications.service.gov.uk', one_click_unsubscribe_url: null } };
  }

  /** The receipt Notify's test key sends; none for its smoke-test recipients (as Notify: accepted, never reported). */
  private outcomeFor(m: NotifyMessage): string | undefined {
    const to = m.to.replace(/\s/g, '');
    if (/7700900(000|111|222)$/.test(to) || /^simulate-delivered(-[23])?@notifications\.service\.gov\.uk$/.test(to)) return undefined;
    if (to === 'perm-fail@simulator.notify' || to.endsWith('7700900002')) return 'permanent-failure';
    if (to === 'temp-fail@simulator.notify' || to.endsWith('7700900003')) return 'temporary-failure';
    return 'delivered';
  }

  private schedule(work: () => Promise<void>) {
    const p = new Promise<void>((r) => setTimeout(r, this.options.receiptDelayMs ?? 100)).then(work).catch(() => undefined);
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** POSTs a callback as Notify does: bearer token, 5 s timeout, retried on a 5xx, 429 or network error (Notify: 5 times, 5 min apart; here faster). */
  private async post(url: string, body: unknown, token: string): Promise<number> {
    let status = 0;
    for (let attempt = 0; attempt < (this.options.callbackAttempts ?? 5); attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000),
        });
        status = res.status;
        await res.arrayBuffer();
        this.callbacks.push({ url, body, status });
        if (status < 500 && status !== 429) return status;
      } catch {
        status = 0;
      }
      await new Promise((r) => setTimeout(r, this.options.callbackRetryMs ?? 1_000));
    }
    return status;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw fail(400, 'ValidationError', 'Request body is not valid JSON');
  }
}
