import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatUkDateTime } from '@safeguard/contracts';

export const GOVUK_DIST = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
const VIEWS = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'views');

const env = nunjucks.configure([VIEWS, GOVUK_DIST], { autoescape: true, noCache: false });
env.addFilter('ukTime', (iso: string | null) => (iso ? formatUkDateTime(iso) : ''));
env.addFilter('duration', (minutes: number | null) =>
  minutes === null || minutes === undefined ? '' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`);
env.addFilter('taskName', (kind: string) => ({
  'strategy-meeting': 'Strategy meeting', 'return-home-interview': 'Return home interview', 'nrm-referral': 'NRM referral',
  'repeat-episode-meeting': 'Repeat episode meeting', 'safe-and-well-check': 'Safe-and-well check',
  'update-information-pack': 'Update the information pack', 'update-risk-assessment': 'Update the risk assessment',
  'inform-ictg-and-nrm': 'Tell the ICTG and the NRM first responder',
})[kind] ?? kind);
env.addFilter('askName', (ask: string) => ({
  acknowledge: 'Acknowledge', 'call-police-now': 'Call the police now', 'senior-oversight': 'Senior oversight',
  'strategy-meeting': 'Strategy meeting', informed: 'For information', 'a-to-m-review': 'Review: away (A) or missing (M)?',
  escalation: 'Escalated: nobody below acknowledged', 'deadline-missed': 'Deadline missed', 'child-found': 'Child found',
})[ask] ?? ask);
env.addFilter('levelColour', (level: string) => ({ high: 'red', medium: 'orange', low: 'blue', 'very-low': 'grey' })[level] ?? 'grey');

/** Renders a page (Nunjucks, with the GOV.UK Frontend macros on the search path). */
export const render = (view: string, context: Record<string, unknown> = {}): string => env.render(`${view}.njk`, context);
