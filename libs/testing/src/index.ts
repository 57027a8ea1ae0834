export * from './eventually.js';
export * from './infrastructure.js';
export * from './smtp-sink.js';
export * from './processes.js';
export * from './kafka-probe.js';
export * from './fast-policy.js';
export * from './stack.js';
