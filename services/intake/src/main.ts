import { startService } from '@safeguard/platform';
import express from 'express';
import { loadIntakeConfig } from './config.js';
import { PHOTO_MAX_BYTES } from './domain/information-pack.js';
import { IntakeModule } from './intake.module.js';

const config = loadIntakeConfig();
await startService({
  module: IntakeModule.with(config),
  config,
  consumesEvents: false,
  // The photograph arrives as the raw image; its size is checked here, then the service decodes and re-encodes it.
  configure: (app) => app.use('/api/v1/children/:id/information-pack/photo', express.raw({ type: () => true, limit: PHOTO_MAX_BYTES })),
});
