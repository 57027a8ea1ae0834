import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatUkDateTime, type RiskLevel } from '@safeguard/contracts';
import {
  ACCOMMODATION_LABELS, ASK_LABELS, CIRCUMSTANCE_LABELS, CLASSIFICATION_LABELS, DELIVERY_LABELS, EPISODE_STATE_LABELS, FACTOR_LABELS,
  FOUND_BY_LABELS, ICTG_LABELS, labelFrom, LADDER_LABELS, LEGAL_STATUS_LABELS, LEVEL_COLOURS, LEVEL_LABELS, NOTIFIABLE_EVENT_LABELS,
  OVERRIDE_LABELS, ROLE_LABELS, TASK_LABELS, TRAFFICKING_LABELS,
} from './labels.js';

export const GOVUK_DIST = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
const VIEWS = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'views');

const env = nunjucks.configure([VIEWS, GOVUK_DIST], { autoescape: true, noCache: false });
env.addFilter('ukTime', (iso: string | null) => (iso ? formatUkDateTime(iso) : ''));
env.addFilter('duration', (minutes: number | null) =>
  minutes === null || minutes === undefined ? '' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`);
// Codes in plain English (labels.ts); a level or ladder not yet set says so.
env.addFilter('roleName', labelFrom(ROLE_LABELS));
env.addFilter('askName', labelFrom(ASK_LABELS));
env.addFilter('taskName', labelFrom(TASK_LABELS));
env.addFilter('factorName', labelFrom(FACTOR_LABELS));
env.addFilter('overrideName', labelFrom(OVERRIDE_LABELS));
env.addFilter('traffickingName', labelFrom(TRAFFICKING_LABELS));
env.addFilter('ictgName', labelFrom(ICTG_LABELS));
env.addFilter('accommodationName', labelFrom(ACCOMMODATION_LABELS));
env.addFilter('notifiableName', labelFrom(NOTIFIABLE_EVENT_LABELS));
env.addFilter('circumstanceName', labelFrom(CIRCUMSTANCE_LABELS));
env.addFilter('classificationName', labelFrom(CLASSIFICATION_LABELS));
env.addFilter('stateName', labelFrom(EPISODE_STATE_LABELS));
env.addFilter('deliveryName', labelFrom(DELIVERY_LABELS));
env.addFilter('foundByName', labelFrom(FOUND_BY_LABELS));
env.addFilter('legalStatusName', labelFrom(LEGAL_STATUS_LABELS));
env.addFilter('levelName', (level: string | null) => labelFrom(LEVEL_LABELS)(level) || 'Pending');
env.addFilter('ladderName', (ladder: string | null) => labelFrom(LADDER_LABELS)(ladder) || 'Not chosen yet');
env.addFilter('levelColour', (level: string | null) => (level && Object.hasOwn(LEVEL_COLOURS, level) ? LEVEL_COLOURS[level as RiskLevel] : 'grey'));

/** A value every page may read, set once at start (e.g. `signIn`: which ways of signing in the sign-in page offers). */
export const setRenderGlobal = (name: string, value: unknown): void => void env.addGlobal(name, value);

/** Renders a page (Nunjucks, with the GOV.UK Frontend macros on the search path). */
export const render = (view: string, context: Record<string, unknown> = {}): string => env.render(`${view}.njk`, context);
