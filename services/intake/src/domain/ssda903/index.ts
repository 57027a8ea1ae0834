export * from './build.js';
export type { Rule } from './rule.js';
export * from './tables.js';
export * from './validate.js';
