import { BaseConfigSchema, loadConfig } from '@safeguard/platform';

export const IntakeConfigSchema = BaseConfigSchema.extend({});
export type IntakeConfig = ReturnType<typeof loadIntakeConfig>;
export const loadIntakeConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(IntakeConfigSchema, { SERVICE_NAME: 'intake', PORT: '3001', ...(env ?? process.env) });
