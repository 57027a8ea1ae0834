import { PoliceReference } from '@safeguard/contracts';

/** A reply to an alert's text message: "ACK 4821", and for police "ACK 4821 DF/2026/12345". */
export type Reply = { kind: 'ack'; code: string; policeReference?: string } | { kind: 'unreadable' };


/**
 * "ACK 4821", with anything after the code read as a police reference only if it looks like one (it has a digit):
 * "ACK 4821 thanks" acknowledges without a reference, so a police officer is asked for it rather than "thanks" recorded.
 */
export function parseReply(message: string): Reply {
  const m = /^\s*ack\s*[:#-]?\s*(\d{4})(?!\d)\s*(.*?)[\s.!,;]*$/is.exec(message);
  if (!m) return { kind: 'unreadable' };
  const rest = m[2]!.replace(/^(?:ref(?:erence)?\s*[:#-]?\s*)/i, '');
  return /\d/.test(rest) && PoliceReference.safeParse(rest).success ? { kind: 'ack', code: m[1]!, policeReference: rest } : { kind: 'ack', code: m[1]! };
}

/** What the sender is told: each outcome of a reply, in a single SMS fragment. */
export type ReplyOutcome = 'acknowledged' | 'unreadable' | 'unknown-code' | 'expired' | 'already-acknowledged' | 'reference-needed' | 'locked-out';

/** Unanswered replies from one number in an hour after which it is answered once more, then not at all. */
export const MISSES_PER_HOUR = 5;

export function replyText(outcome: ReplyOutcome, code: string | undefined, reference: string | undefined): string {
  switch (outcome) {
    case 'acknowledged': return `Safeguard: acknowledged${reference ? ` ${reference}` : ''}. Thank you. Escalation continues until the child is found.`;
    case 'unreadable': return 'Safeguard: not understood. To acknowledge, reply ACK and the 4-digit code from the alert, e.g. ACK 4821. Nothing recorded.';
    case 'unknown-code': return `Safeguard: code ${code} is not recognised for this phone. Nothing recorded.`;
    case 'expired': return `Safeguard: code ${code} has expired. Sign in to the Safeguard console to acknowledge. Nothing recorded.`;
    case 'already-acknowledged': return `Safeguard: ${reference ?? 'this alert'} was already acknowledged with code ${code}. Nothing more recorded.`;
    case 'locked-out': return 'Safeguard: too many unrecognised replies from this phone. Sign in to the Safeguard console to acknowledge. Nothing recorded.';
    case 'reference-needed': return `Safeguard: reply ACK ${code} and the police reference, e.g. ACK ${code} DF/2026/12345. Nothing recorded yet.`;
  }
}

/** A text's reply code stays its number's until a day past the text's expiry: a late reply never lands on a new alert. */
export const replyCodeHeldUntil = (expiresAt: Date): Date => new Date(expiresAt.getTime() + 24 * 3_600_000);

/** A 4-digit reply code not among those reserved for the number; none when it holds them all. */
export function newReplyCode(inUse: ReadonlySet<string>, random: () => number = Math.random): string | undefined {
  if (inUse.size >= 9_000) return undefined;
  for (;;) {
    const code = String(1000 + Math.floor(random() * 9000));
    if (!inUse.has(code)) return code;
  }
}
