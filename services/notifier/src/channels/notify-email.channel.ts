import type { NotifyClient } from 'notifications-node-client';
import type { ChannelDriver, MessageFor } from './channel.js';
import { notifyClient, sendThroughNotify, type NotifySettings } from './notify-client.js';

/** Email through GOV.UK Notify; delivered or failed arrives later as a delivery receipt. */
export class NotifyEmailChannel implements ChannelDriver<'email'> {
  readonly channel = 'email' as const;
  readonly confirms = 'receipt' as const;
  private readonly client: NotifyClient;

  constructor(settings: NotifySettings, private readonly templateId: string) {
    this.client = notifyClient(settings);
  }

  send(m: MessageFor<'email'>) {
    return sendThroughNotify(() =>
      this.client.sendEmail(this.templateId, m.to, { personalisation: { subject: m.subject, body: m.text }, reference: m.reference }));
  }

  async close(): Promise<void> {}
}
