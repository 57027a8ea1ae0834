import { readFileSync } from 'node:fs';
import type { Channel } from '@safeguard/contracts';
import type { Logger } from 'pino';
import type { ChannelDriver } from './channel.js';
import { LogChannel } from './log.channel.js';
import { NotifyEmailChannel } from './notify-email.channel.js';
import { NotifySmsChannel } from './notify-sms.channel.js';
import { SmtpEmailChannel } from './smtp-email.channel.js';

/** What a driver may read of the configuration (checked at start: a chosen driver has what it needs). */
export interface DriverSettings {
  SMTP_HOST?: string; SMTP_PORT?: number; SMTP_SECURE: boolean; SMTP_REQUIRE_TLS: boolean; SMTP_CA_FILE?: string; MAIL_FROM?: string;
  NOTIFY_BASE_URL: string; NOTIFY_API_KEY?: string; NOTIFY_TIMEOUT_MS: number;
  NOTIFY_EMAIL_TEMPLATE_ID?: string; NOTIFY_SMS_TEMPLATE_ID?: string; NOTIFY_SMS_SENDER_ID?: string;
}

interface Registration<C extends Channel> {
  channel: C;
  create(s: DriverSettings, logger: Logger): ChannelDriver<C>;
}

const notify = (s: DriverSettings) => ({ baseUrl: s.NOTIFY_BASE_URL, apiKey: s.NOTIFY_API_KEY!, timeoutMs: s.NOTIFY_TIMEOUT_MS });

/** Every driver, by the name configuration chooses it with (EMAIL_CHANNEL, SMS_CHANNEL). One line per driver. */
export const CHANNEL_DRIVERS = {
  smtp: { channel: 'email', create: (s) => new SmtpEmailChannel({
    host: s.SMTP_HOST!, port: s.SMTP_PORT!, secure: s.SMTP_SECURE, requireTLS: s.SMTP_REQUIRE_TLS, from: s.MAIL_FROM!,
    ca: s.SMTP_CA_FILE ? readFileSync(s.SMTP_CA_FILE, 'utf8') : undefined,
  }) },
  'notify-email': { channel: 'email', create: (s) => new NotifyEmailChannel(notify(s), s.NOTIFY_EMAIL_TEMPLATE_ID!) },
  'notify-sms': { channel: 'sms', create: (s) => new NotifySmsChannel(notify(s), s.NOTIFY_SMS_TEMPLATE_ID!, s.NOTIFY_SMS_SENDER_ID) },
  'log-email': { channel: 'email', create: (_, logger) => new LogChannel('email', logger) },
  log: { channel: 'sms', create: (_, logger) => new LogChannel('sms', logger) },
} satisfies Record<string, Registration<'email'> | Registration<'sms'>>;

export type DriverName = keyof typeof CHANNEL_DRIVERS;

/** The drivers configuration chose, one per channel. */
export class ChannelRegistry {
  private readonly drivers: { [C in Channel]: ChannelDriver<C> };

  constructor(choice: { email: DriverName; sms: DriverName }, settings: DriverSettings, logger: Logger) {
    const make = <C extends Channel>(channel: C, name: DriverName): ChannelDriver<C> => {
      const registration = CHANNEL_DRIVERS[name];
      if (registration.channel !== channel) throw new Error(`${name} does not send ${channel}`);
      return registration.create(settings, logger) as unknown as ChannelDriver<C>;
    };
    this.drivers = { email: make('email', choice.email), sms: make('sms', choice.sms) };
  }

  driver<C extends Channel>(channel: C): ChannelDriver<C> {
    return this.drivers[channel] as ChannelDriver<C>;
  }

  async close() {
    await Promise.all(Object.values(this.drivers).map((d) => d.close()));
  }
}
