import { createTransport, type Transporter } from 'nodemailer';
import { PermanentDeliveryError, type ChannelDriver, type MessageFor } from './channel.js';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  from: string;
}

/** Email over pooled SMTP to the council's mail server: its acceptance is the delivery (SMTP has no receipts). */
export class SmtpEmailChannel implements ChannelDriver<'email'> {
  readonly channel = 'email' as const;
  readonly confirms = 'acceptance' as const;
  private readonly transport: Transporter;

  constructor(private readonly smtp: SmtpSettings) {
    this.transport = createTransport({
      pool: true,
      maxConnections: 3,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ignoreTLS: !smtp.secure && smtp.host === '127.0.0.1',
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
  }

  async send(m: MessageFor<'email'>) {
    try {
      await this.transport.sendMail({
        from: this.smtp.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: `<${m.reference}@alerts.safeguard.local>`,
      });
      return {};
    } catch (error) {
      // Only the codes: the server's text can quote the recipient's address.
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      if (responseCode !== undefined && responseCode >= 500) throw new PermanentDeliveryError(`SMTP ${responseCode}`);
      throw new Error(`SMTP ${responseCode ?? code ?? 'error'}`); // connection failures and 4xx: retried with backoff
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
