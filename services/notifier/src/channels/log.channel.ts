import type { Channel } from '@safeguard/contracts';
import type { Logger } from 'pino';
import type { ChannelDriver, MessageFor } from './channel.js';

/**
 * For development only (refused in production): writes the message to the log instead of sending it, so a developer
 * can follow the acknowledgement link. Messages carry no child's details; the address is not logged.
 */
export class LogChannel<C extends Channel> implements ChannelDriver<C> {
  readonly confirms = 'acceptance' as const;

  constructor(readonly channel: C, private readonly logger: Logger) {}

  async send(m: MessageFor<C>) {
    this.logger.info({ channel: this.channel, deliveryId: m.reference, text: m.text }, 'log channel: message not sent');
    return {};
  }

  async close(): Promise<void> {}
}
