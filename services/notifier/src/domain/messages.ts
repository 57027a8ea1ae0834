import { gsm7Length, TEXT_LIMIT } from './gsm7.js';
import { formatUkDateTime, type AlertRequested, type DataOf, type Role, type TaskKind } from '@safeguard/contracts';

type Alert = DataOf<typeof AlertRequested>;

/** Each kind of message has its own subject and wording, so a "found" notice never looks like an alert. */
export type MessageKind = 'alert' | 're-send' | 'escalation' | 'breach' | 'found';

export function kindOf(alert: Pick<Alert, 'ask' | 'escalatedFrom' | 'attempt'>): MessageKind {
  if (alert.ask === 'child-found') return 'found';
  if (alert.ask === 'deadline-missed') return 'breach';
  if (alert.ask === 'escalation' || alert.escalatedFrom) return 'escalation';
  return alert.attempt > 1 ? 're-send' : 'alert';
}

/** Whether the message asks to be acknowledged (and so carries a link and a reply code). */
export const asksForAcknowledgement = (alert: Pick<Alert, 'ask'>) => alert.ask !== 'child-found';

const ASKS: Record<Alert['ask'], string> = {
  'call-police-now': 'Make sure the police have been called now, then acknowledge this alert.',
  acknowledge: 'Acknowledge this alert to confirm you are taking responsibility.',
  'senior-oversight': 'Senior oversight is needed. Acknowledge this alert.',
  'strategy-meeting': 'A strategy meeting is needed. Acknowledge this alert.',
  informed: 'For your information. Acknowledge that you have read it.',
  'a-to-m-review': 'This absence is recorded as away (A). Review whether the child is now missing (M), then acknowledge this alert.',
  escalation: 'Nobody below you acknowledged this alert. Take responsibility now and acknowledge it.',
  'deadline-missed': 'A statutory deadline has been missed. Make sure it is acted on now, then acknowledge this alert.',
  'child-found': 'The child has been found. No action is needed.',
};

/** What a missed deadline was, in words (ids and codes only travel; this is the only text added). */
const MISSED: Record<TaskKind, string> = {
  'strategy-meeting': 'No strategy meeting has been held by its deadline.',
  'nrm-referral': 'The National Referral Mechanism referral has not been made by its deadline.',
  'return-home-interview': 'The return home interview has not been done within 72 hours of the return.',
  'repeat-episode-meeting': 'The repeat-episode risk meeting has not been held by its deadline.',
  'safe-and-well-check': 'No safe-and-well check has been recorded since the child returned.',
  'update-information-pack': 'The police information pack has not been updated since the return.',
  'update-risk-assessment': 'The risk assessment has not been updated since the return.',
  'inform-ictg-and-nrm': 'The ICTG and the NRM first responder have not been told of the return within 1 hour.',
  'tell-competent-authority': 'The NRM competent authority has not been told that this referred child is missing.',
  'notify-ofsted': 'Ofsted has not been notified of a regulation 40 event at the children\'s home.',
};

const roleWords = (role: Role) => role.replaceAll('-', ' ');

/** The sentence that says what is asked, with what was missed or who did not answer. */
export function askText(alert: Pick<Alert, 'ask' | 'missed' | 'escalatedFrom'>): string {
  const before = [
    alert.missed ? MISSED[alert.missed] : '',
    alert.escalatedFrom ? `The ${roleWords(alert.escalatedFrom)} did not acknowledge an alert about this episode.` : '',
  ].filter(Boolean);
  return [...before, ASKS[alert.ask]].join(' ');
}

const LEVEL = { 'very-low': 'VERY LOW', low: 'LOW', medium: 'MEDIUM', high: 'HIGH' } as const;

const HEADINGS: Record<MessageKind, string> = {
  alert: 'Child missing from care',
  're-send': 'Reminder: this alert has not been acknowledged',
  escalation: 'Escalated to you: child missing from care',
  breach: 'Statutory deadline missed',
  found: 'Child found',
};

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function subjectOf(alert: Alert, kind: MessageKind, deadline: string | undefined): string {
  const by = deadline ? ` - acknowledge by ${deadline}` : '';
  const tag = `[${LEVEL[alert.level]}]`;
  switch (kind) {
    case 'found': return `Child found: ${alert.episodeReference} - no action needed`;
    case 'breach': return `Deadline missed: ${alert.episodeReference}${by}`;
    case 'escalation': return `Escalated to you: ${tag} child missing from care: ${alert.episodeReference}${by}`;
    case 're-send': return `Reminder, not yet acknowledged: ${tag} child missing from care: ${alert.episodeReference}${by}`;
    case 'alert': return `${tag} Child missing from care: ${alert.episodeReference}${by}`;
  }
}

/**
 * The minimum an email carries: episode reference, level, what is asked, the deadline and the link. Never the
 * child's name or anything that identifies them to someone reading over a shoulder. A "found" notice has no link.
 */
export function renderEmail(alert: Alert, ackUrl: string | undefined): EmailContent {
  const kind = kindOf(alert);
  const level = LEVEL[alert.level];
  const ask = askText(alert);
  const deadline = alert.ackDeadline && ackUrl ? formatUkDateTime(alert.ackDeadline) : undefined;
  const text = [
    `Episode: ${alert.episodeReference}`,
    kind === 'found' ? '' : `Alert level: ${level}`,
    '',
    ask,
    deadline ? `Acknowledge by: ${deadline} (UK time)` : '',
    '',
    ackUrl ? `Acknowledge: ${ackUrl}` : '',
    '',
    'Sign in to the Safeguard console for the details of this episode.',
  ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== '')).join('\n');
  const badge = kind === 'found'
    ? ''
    : `<p style="display:inline-block;padding:4px 8px;background:${alert.level === 'high' ? '#d4351c' : '#1d70b8'};color:#fff;font-weight:bold">${level}</p>`;
  const html = `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:19px;color:#0b0c0c;max-width:640px">
<h1 style="font-size:32px;margin:0 0 15px">${HEADINGS[kind]}</h1>
${badge}
<table style="border-collapse:collapse;margin:15px 0"><tr><th style="text-align:left;padding:4px 15px 4px 0">Episode</th><td>${escape(alert.episodeReference)}</td></tr>
${deadline ? `<tr><th style="text-align:left;padding:4px 15px 4px 0">Acknowledge by</th><td>${escape(deadline)} (UK time)</td></tr>` : ''}</table>
<p>${escape(ask)}</p>
${ackUrl ? `<p><a href="${escape(ackUrl)}" style="display:inline-block;background:#00703c;color:#fff;padding:8px 12px;text-decoration:none;font-weight:bold">Acknowledge this alert</a></p>` : ''}
<p style="font-size:16px;color:#505a5f">Sign in to the Safeguard console for the details of this episode.</p>
</body></html>`;
  return { subject: subjectOf(alert, kind, deadline), text, html };
}

/** Shorter wordings for a text message: two SMS fragments hold 306 GSM-7 characters, link and reply code included. */
const SHORT_ASKS: Record<Alert['ask'], string> = {
  'call-police-now': 'Make sure police are called now.',
  acknowledge: 'Acknowledge to take responsibility.',
  'senior-oversight': 'Senior oversight needed.',
  'strategy-meeting': 'A strategy meeting is needed.',
  informed: 'For information.',
  'a-to-m-review': 'Recorded as away (A): review if now missing (M).',
  escalation: 'Take responsibility now.',
  'deadline-missed': 'Make sure it is acted on now.',
  'child-found': 'No action needed.',
};

const SHORT_MISSED: Record<TaskKind, string> = {
  'strategy-meeting': 'no strategy meeting held',
  'nrm-referral': 'NRM referral not made',
  'return-home-interview': 'return home interview not done in 72h',
  'repeat-episode-meeting': 'repeat-episode meeting not held',
  'safe-and-well-check': 'no safe-and-well check recorded',
  'update-information-pack': 'police information pack not updated',
  'update-risk-assessment': 'risk assessment not updated',
  'inform-ictg-and-nrm': 'ICTG and NRM first responder not told in 1h',
  'tell-competent-authority': 'NRM competent authority not told of missing',
  'notify-ofsted': 'Ofsted not notified (reg 40)',
};

const SHORT_HEAD: Record<MessageKind, string> = {
  alert: 'Safeguard:',
  're-send': 'Safeguard REMINDER, not yet acknowledged:',
  escalation: 'Safeguard ESCALATED:',
  breach: 'Safeguard DEADLINE MISSED:',
  found: 'Safeguard: child found,',
};

/** "02:20 25 Nov": the deadline in UK time, short. */
const SHORT_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short', hourCycle: 'h23' });

/** A phrase made to start a sentence. */
const sentence = (phrase: string) => `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}`;

/** How to acknowledge a text: a reply with its code (police add their reference) or the link. */
export interface TextAck {
  url: string;
  /** None when the number holds every code at once: the link alone acknowledges. */
  replyCode?: string;
  police: boolean;
}

/**
 * A text message: the same minimum as the email, in GSM-7 and two fragments at most (checked for every ask). The
 * detail that does not fit (who did not acknowledge, then what was missed, then the ask) is left to the email.
 */
export function renderText(alert: Alert, ack?: TextAck): string {
  const kind = kindOf(alert);
  if (kind === 'found') return `${SHORT_HEAD.found} ${alert.episodeReference}. ${SHORT_ASKS['child-found']} Details in the Safeguard console.`;
  // An alert without its way to acknowledge must never go out, least of all worded as a "found" notice.
  if (!ack) throw new Error(`a text for "${alert.ask}" needs its acknowledgement link`);
  const what = kind === 'breach' ? '' : `${LEVEL[alert.level]} risk missing child, `;
  const head = `${SHORT_HEAD[kind]} ${what}${alert.episodeReference}.`;
  const todo = ack.replyCode ? `reply ACK ${ack.replyCode}${ack.police ? ' + police ref' : ''} or open ${ack.url}` : `open ${ack.url} to acknowledge`;
  const how = alert.ackDeadline ? `By ${SHORT_TIME.format(new Date(alert.ackDeadline))} ${todo}` : sentence(todo);
  const detail = [
    SHORT_ASKS[alert.ask],
    alert.missed ? `${sentence(SHORT_MISSED[alert.missed])}.` : '',
    alert.escalatedFrom ? `Not acknowledged by ${roleWords(alert.escalatedFrom)}.` : '',
  ].filter(Boolean);
  const compose = (d: string[]) => [head, ...[...d].reverse(), how].join(' ');
  while (detail.length > 0 && (gsm7Length(compose(detail)) ?? Infinity) > TEXT_LIMIT) detail.pop();
  return compose(detail);
}
