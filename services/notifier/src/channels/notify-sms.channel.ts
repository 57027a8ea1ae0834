import type { NotifyClient } from 'notifications-node-client';
import type { ChannelDriver, MessageFor } from './channel.js';
import { notifyClient, sendThroughNotify, type NotifySettings } from './notify-client.js';

/** Text messages through GOV.UK Notify, from its inbound number so that replies come back; receipts follow. */
export class NotifySmsChannel implements ChannelDriver<'sms'> {
  readonly channel = 'sms' as const;
  readonly confirms = 'receipt' as const;
  private readonly client: NotifyClient;

  constructor(settings: NotifySettings, private readonly templateId: string, private readonly senderId: string | undefined) {
    this.client = notifyClient(settings);
  }

  send(m: MessageFor<'sms'>) {
    return sendThroughNotify(() =>
      this.client.sendSms(this.templateId, m.to, {
        personalisation: { body: m.text }, reference: m.reference, ...(this.senderId ? { smsSenderId: this.senderId } : {}),
      }));
  }

  async close(): Promise<void> {}
}
