import { LOGGER, type createLogger } from '@safeguard/platform';
import { CouncilSignIn } from '../application/council-sign-in.js';
import { CouncilSignInController } from '../http/council-sign-in.controller.js';
import { CouncilSignInAttemptRepository } from '../repositories/council-sign-in-attempt.repository.js';
import { FederatedAccountRepository } from '../repositories/federated-account.repository.js';
import { CouncilProvider } from './council-provider.js';

/** Council sign-in's controller and providers, for the web module (main.ts). Its routes answer 404 when it is not configured. */
export const councilSignInParts = (logger: ReturnType<typeof createLogger>) => ({
  controllers: [CouncilSignInController],
  providers: [CouncilProvider, CouncilSignIn, CouncilSignInAttemptRepository, FederatedAccountRepository, { provide: LOGGER, useValue: logger }],
});
