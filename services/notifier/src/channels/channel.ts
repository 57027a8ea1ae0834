import type { Channel } from '@safeguard/contracts';

/** One message to one person; `reference` is the delivery id, so a provider or mail server can recognise a repeat. */
export type OutgoingMessage =
  | { channel: 'email'; to: string; reference: string; subject: string; text: string; html: string }
  | { channel: 'sms'; to: string; reference: string; text: string };

export type MessageFor<C extends Channel> = Extract<OutgoingMessage, { channel: C }>;

/** A driver sends one channel. Adding one is a file implementing this and a line in registry.ts. */
export interface ChannelDriver<C extends Channel = Channel> {
  readonly channel: C;
  /**
   * "receipt": the provider later reports delivered or failed (GOV.UK Notify), so an accepted message is only sent;
   * "acceptance": nothing more will be heard, so acceptance is the delivery (SMTP to the council's mail server; the log).
   */
  readonly confirms: 'receipt' | 'acceptance';
  /** Resolves when the provider accepted the message, with its id for the message if it has one. */
  send(message: MessageFor<C>): Promise<{ providerId?: string }>;
  close(): Promise<void>;
}

/** A failure that retrying will not fix (an SMTP 5xx, a Notify 400 or 403): this channel fails at once. */
export class PermanentDeliveryError extends Error {}
