import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
  receivedAt: number;
}

/** A real SMTP server in the test process that keeps every message it accepts. Can go down and come back. */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Accept as a mail server does, when the data ends; parse afterwards, so the time of acceptance is what a
      // sender would see, whatever parsing costs.
      onData: (stream, _session, callback) => {
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
          callback();
          simpleParser(Buffer.concat(chunks)).then((mail: ParsedMail) => {
            const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
            this.messages.push({
              to, messageId: mail.messageId, subject: mail.subject ?? '', text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '', receivedAt,
            });
          }, () => this.messages.push({ to: [], messageId: undefined, subject: '', text: '', html: '', receivedAt }));
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
