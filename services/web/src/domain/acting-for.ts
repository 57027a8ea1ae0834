import { ACTING_COUNCIL_ROLES, HOME_ROLES, type Role } from '@safeguard/contracts';
import type { Who } from '@safeguard/platform/policy';

/**
 * Those who act for a child in care and so record what changes during an absence and the return (intake's
 * `episode.update` facts and `episode.return`, docs/access.md): the home's staff and the council's roles. Not the
 * police (their reference and grade have their own form), nor the ICTG service, the NRM first responder, senior
 * management or a return interview worker, who are told but do not record. The console only chooses links and
 * pages by it: intake checks role and scope again on every call.
 */
const ACTING_FOR: readonly Role[] = [...HOME_ROLES, ...ACTING_COUNCIL_ROLES];

export const actsForChildren = (who: Pick<Who, 'role'>): boolean => ACTING_FOR.includes(who.role as Role);
