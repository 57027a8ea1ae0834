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
  // The photograph arrives as the raw image; its type is checked from its bytes, its size here and in the service.
  configure: (app) => app.use('/api/v1/children/:id/information-pack/photo', express.raw({ type: () => true, limit: PHOTO_MAX_BYTES })),
});
