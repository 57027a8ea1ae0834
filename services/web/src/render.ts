import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatUkDateTime, type RiskLevel } from '@safeguard/contracts';
import { ASK_LABELS, labelFrom, LADDER_LABELS, LEVEL_COLOURS, LEVEL_LABELS, ROLE_LABELS, TASK_LABELS } from './labels.js';

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
env.addFilter('levelName', (level: string | null) => labelFrom(LEVEL_LABELS)(level) || 'Pending');
env.addFilter('ladderName', (ladder: string | null) => labelFrom(LADDER_LABELS)(ladder) || 'Not chosen yet');
env.addFilter('levelColour', (level: string | null) => (level && Object.hasOwn(LEVEL_COLOURS, level) ? LEVEL_COLOURS[level as RiskLevel] : 'grey'));

/** A value every page may read, set once at start (e.g. `signIn`: which ways of signing in the sign-in page offers). */
export const setRenderGlobal = (name: string, value: unknown): void => void env.addGlobal(name, value);

/** Renders a page (Nunjucks, with the GOV.UK Frontend macros on the search path). */
export const render = (view: string, context: Record<string, unknown> = {}): string => env.render(`${view}.njk`, context);
