import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
  receivedAt: number;
  /** Whether the message came over TLS (STARTTLS or implicit), rather than in clear. */
  tls: boolean;
}

export interface SmtpSinkOptions {
  /** A key and certificate (PEM): the sink then offers STARTTLS with them. Without, it offers no TLS at all. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** With `tls`: TLS from the first byte (implicit TLS, as on port 465) instead of STARTTLS. */
  implicitTls?: boolean;
}

/** A real SMTP server in the test process that keeps every message it accepts. Can go down and come back. */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {}

  async start(port = 0): Promise<this> {
    const tls = this.options.tls;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: tls ? [] : ['STARTTLS'],
      ...(tls ? { key: tls.key, cert: tls.cert, secure: this.options.implicitTls ?? false } : {}),
      logger: false,
      // Accept as a mail server does, when the data ends; parse afterwards, so the time of acceptance is what a
      // sender would see, whatever parsing costs.
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        let answered = false;
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', (error) => {
          if (!answered) callback(error);
          answered = true;
        });
        stream.on('end', () => {
          if (answered) return;
          answered = true;
          const receivedAt = Date.now();
          const secure = session.secure;
          callback();
          simpleParser(Buffer.concat(chunks)).then((mail: ParsedMail) => {
            const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
            this.messages.push({
              to, messageId: mail.messageId, subject: mail.subject ?? '', text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '', receivedAt, tls: secure,
            });
          }, () => this.messages.push({ to: [], messageId: undefined, subject: '', text: '', html: '', receivedAt, tls: secure }));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
    // A client killed mid-conversation resets its connection: a real mail server logs that and carries on.
    this.server.on('error', () => undefined);
    return this;
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
