import { BaseConfigSchema, loadConfig } from '@safeguard/platform';

export const TrackerConfigSchema = BaseConfigSchema.extend({});
export type TrackerConfig = ReturnType<typeof loadTrackerConfig>;
export const loadTrackerConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(TrackerConfigSchema, { SERVICE_NAME: 'episode-tracker', PORT: '3003', ...(env ?? process.env) });
