import { describe, expect, it } from '@jest/globals';
import { gsm7Length } from './gsm7.js';
import { newReplyCode, parseReply, replyText, type ReplyOutcome } from './reply.js';

describe('replies to a text', () => {
  it('reads ACK and the code, with a police reference when given', () => {
    expect(parseReply('ACK 4821')).toEqual({ kind: 'ack', code: '4821' });
    expect(parseReply('  ack4821 ')).toEqual({ kind: 'ack', code: '4821' });
    expect(parseReply('Ack: 4821 DF/2026/12345')).toEqual({ kind: 'ack', code: '4821', policeReference: 'DF/2026/12345' });
    expect(parseReply('ACK 4821 ref DF/2026/12345')).toEqual({ kind: 'ack', code: '4821', policeReference: 'DF/2026/12345' });
    for (const bad of ['yes', 'ACK', 'ACK 482', 'ACK 48211', 'OK 4821']) expect(parseReply(bad)).toEqual({ kind: 'unreadable' });
    // Words after the code are not a reference: a police officer is asked for it rather than "thanks" recorded.
    expect(parseReply('ACK 4821 thanks!')).toEqual({ kind: 'ack', code: '4821' });
    expect(parseReply('ack 4821.')).toEqual({ kind: 'ack', code: '4821' });
  });

  it('every answer fits in one fragment', () => {
    for (const o of ['acknowledged', 'unreadable', 'unknown-code', 'expired', 'already-acknowledged', 'reference-needed', 'locked-out'] as ReplyOutcome[]) {
      expect(gsm7Length(replyText(o, '4821', 'MFC-2026-000042'))).toBeLessThanOrEqual(160);
    }
  });

  it('a new code is never one of the person\'s live codes', () => {
    const inUse = new Set(Array.from({ length: 8_999 }, (_, i) => String(1000 + i)));
    expect(newReplyCode(inUse)).toBe('9999');
    expect(newReplyCode(new Set([...inUse, '9999']))).toBeUndefined();
  });
});
