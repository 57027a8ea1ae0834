import { describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AbsenceReported, ChildReturned } from '@safeguard/contracts';
import { createLogger } from '../logging.js';
import { createKafka } from './client.js';
import { KafkaEventServer, OnEvent } from './event-server.js';

@Controller()
class Handlers {
  @OnEvent(AbsenceReported)
  reported() {}

  @OnEvent(ChildReturned, { batched: false })
  returned() {}
}

@Module({ controllers: [Handlers] })
class HandlersModule {}

/** What `@OnEvent` declares reaches the event server through Nest's own wiring (no broker needed: it never listens). */
describe('@OnEvent', () => {
  it('registers each handler under its topic, batched unless it opts out', async () => {
    const server = new KafkaEventServer({
      kafka: createKafka({ brokers: ['127.0.0.1:9'], clientId: 'on-event-spec' }), groupId: 'g', prefix: '', logger: createLogger('spec', 'silent'),
    });
    const app = await NestFactory.createMicroservice(HandlersModule, { strategy: server, logger: false });
    await app.init();
    try {
      expect([...server.getHandlers().keys()].sort()).toEqual([AbsenceReported.topic, ChildReturned.topic].sort());
      expect(server.getHandlerByPattern(AbsenceReported.topic)?.extras).toEqual({ batched: true });
      expect(server.getHandlerByPattern(ChildReturned.topic)?.extras).toEqual({ batched: false });
    } finally {
      await app.close();
    }
  });
});
