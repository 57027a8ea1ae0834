/** A way to reach a person. Email is built now; SMS or GOV.UK Notify implement the same interface. */
export interface Channel {
  readonly name: 'email';
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}

export interface OutgoingMessage {
  to: string;
  /** Deterministic per alert and recipient, so a receiving system can recognise a repeat. */
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/** A failure that retrying will not fix (e.g. an SMTP 5xx): the delivery fails at once. */
export class PermanentDeliveryError extends Error {}
