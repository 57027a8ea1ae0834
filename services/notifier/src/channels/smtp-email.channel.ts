import { createTransport, type Transporter } from 'nodemailer';
import { PermanentDeliveryError, type ChannelDriver, type MessageFor } from './channel.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). */
  secure: boolean;
  /** STARTTLS or nothing: a server that does not offer it, or whose certificate is not trusted, gets no message. */
  requireTLS: boolean;
  /** PEM of the CA that signs the mail server's certificate, when not a public one. */
  ca?: string;
  from: string;
}

/** Node's codes for a TLS handshake that failed: an untrusted, expired or misnamed certificate, or no TLS at all. */
const TLS_HANDSHAKE = /^ERR_(SSL|TLS)_|CERT|^UNABLE_TO_|^INVALID_(CA|PURPOSE)$|^PATH_LENGTH_EXCEEDED$|^HOSTNAME_MISMATCH$/;

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
      requireTLS: smtp.requireTLS,
      // A relay on this host (the local mail sink) is spoken to in clear, unless TLS is required.
      ignoreTLS: !smtp.secure && !smtp.requireTLS && smtp.host === '127.0.0.1',
      tls: { minVersion: 'TLSv1.2', ...(smtp.ca ? { ca: [smtp.ca] } : {}) },
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
      const { responseCode, code, originalCode } = error as { responseCode?: number; code?: string; originalCode?: string };
      // No STARTTLS offered (ETLS), or a handshake that failed: the message was not sent in clear, and retrying will
      // not bring TLS, so the other channel takes over at once.
      if (code === 'ETLS' || (originalCode !== undefined && TLS_HANDSHAKE.test(originalCode))) {
        throw new PermanentDeliveryError(`SMTP TLS refused (${code === 'ETLS' ? 'no STARTTLS' : originalCode})`);
      }
      if (responseCode !== undefined && responseCode >= 500) throw new PermanentDeliveryError(`SMTP ${responseCode}`);
      // Connection failures and 4xx: retried with backoff.
      // eslint-disable-next-line preserve-caught-error -- no cause: its text can quote the recipient's address
      throw new Error(`SMTP ${responseCode ?? code ?? 'error'}`);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
