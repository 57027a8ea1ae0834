import { formatUkDateTime, type DataOf, type AlertRequested } from '@safeguard/contracts';

type Alert = DataOf<typeof AlertRequested>;

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
const MISSED: Record<NonNullable<Alert['missed']>, string> = {
  'strategy-meeting': 'No strategy meeting has been held by its deadline.',
  'nrm-referral': 'The National Referral Mechanism referral has not been made by its deadline.',
  'return-home-interview': 'The return home interview has not been done within 72 hours of the return.',
  'repeat-episode-meeting': 'The repeat-episode risk meeting has not been held by its deadline.',
  'safe-and-well-check': 'No safe-and-well check has been recorded since the child returned.',
  'update-information-pack': 'The police information pack has not been updated since the return.',
  'update-risk-assessment': 'The risk assessment has not been updated since the return.',
  'inform-ictg-and-nrm': 'The ICTG and the NRM first responder have not been told of the return within 1 hour.',
};

const ROLE_WORDS = (role: string) => role.replaceAll('-', ' ');

/** The sentence that says what is asked, with what was missed or who did not answer. */
export function askText(alert: Pick<Alert, 'ask' | 'missed' | 'escalatedFrom'>): string {
  const before = [
    alert.missed ? MISSED[alert.missed] : '',
    alert.escalatedFrom ? `The ${ROLE_WORDS(alert.escalatedFrom)} did not acknowledge an alert about this episode.` : '',
  ].filter(Boolean);
  return [...before, ASKS[alert.ask]].join(' ');
}

const LEVEL = { 'very-low': 'VERY LOW', low: 'LOW', medium: 'MEDIUM', high: 'HIGH' } as const;

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The minimum an alert email carries: episode reference, level, what is asked, the deadline and the link. Never
 * the child's name or anything that identifies them to someone reading over a shoulder.
 */
export function renderAlertEmail(alert: Alert, ackUrl: string): EmailContent {
  const level = LEVEL[alert.level];
  const ask = askText(alert);
  const deadline = alert.ackDeadline ? formatUkDateTime(alert.ackDeadline) : undefined;
  const subject = `[${level}] Child missing from care: ${alert.episodeReference}${deadline ? ` - acknowledge by ${deadline}` : ''}`;
  const text = [
    `Episode: ${alert.episodeReference}`,
    `Alert level: ${level}`,
    '',
    ask,
    deadline ? `Acknowledge by: ${deadline} (UK time)` : '',
    '',
    `Acknowledge: ${ackUrl}`,
    '',
    'Sign in to the Safeguard console for the details of this episode.',
  ].filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:19px;color:#0b0c0c;max-width:640px">
<h1 style="font-size:32px;margin:0 0 15px">Child missing from care</h1>
<p style="display:inline-block;padding:4px 8px;background:${alert.level === 'high' ? '#d4351c' : '#1d70b8'};color:#fff;font-weight:bold">${level}</p>
<table style="border-collapse:collapse;margin:15px 0"><tr><th style="text-align:left;padding:4px 15px 4px 0">Episode</th><td>${escape(alert.episodeReference)}</td></tr>
${deadline ? `<tr><th style="text-align:left;padding:4px 15px 4px 0">Acknowledge by</th><td>${escape(deadline)} (UK time)</td></tr>` : ''}</table>
<p>${escape(ask)}</p>
<p><a href="${escape(ackUrl)}" style="display:inline-block;background:#00703c;color:#fff;padding:8px 12px;text-decoration:none;font-weight:bold">Acknowledge this alert</a></p>
<p style="font-size:16px;color:#505a5f">Sign in to the Safeguard console for the details of this episode.</p>
</body></html>`;
  return { subject, text, html };
}
