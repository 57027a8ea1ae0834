import { BaseConfigSchema, loadConfig } from '@safeguard/platform';

export const RiskConfigSchema = BaseConfigSchema.extend({});
export type RiskConfig = ReturnType<typeof loadRiskConfig>;
export const loadRiskConfig = (env?: NodeJS.ProcessEnv) =>
  loadConfig(RiskConfigSchema, { SERVICE_NAME: 'risk-scoring', PORT: '3002', ...(env ?? process.env) });
