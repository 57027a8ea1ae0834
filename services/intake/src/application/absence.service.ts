import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AbsenceReportedV2, AbsenceUpdated, ChildReturned } from '@safeguard/contracts';
import { Outbox, Problem, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  episodeReference, factsOf, newlyAdded, returnProblems, timeProblems, type AbsenceEpisode, type AbsenceReportInput, type AbsenceUpdateInput, type OpenEpisode,
  type ReturnInput,
} from '../domain/absence-report.js';
import { access, fieldsGiven } from '../domain/access.js';
import { ageAtDiscovery } from '../domain/age.js';
import { keyExpiry, keyUse, requestFingerprint } from '../domain/idempotency.js';
import { AbsenceRepository } from '../repositories/absence.repository.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { ChildRepository } from '../repositories/child.repository.js';
import { IdempotencyRepository, type CallerKey } from '../repositories/idempotency.repository.js';

export interface Reported {
  episodeId: string;
  reference: string;
  replayed: boolean;
}

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string; constraint?: string }).code === '23505' &&
  (e as { constraint?: string }).constraint === constraint;

const KEY = 'header.Idempotency-Key';

const keyInFlight = () => new Problem(409, 'Idempotency-Key in use', 'A report with this Idempotency-Key is still being recorded: send it again shortly for its result', {
  'invalid-params': [{ name: KEY, reason: 'a request with this key is still in progress' }],
});

// A key reused for another report: answering with the first episode would leave this report unrecorded.
const keyReused = () => new Problem(422, 'Idempotency-Key already used', 'This Idempotency-Key was used for a different report', {
  'invalid-params': [{ name: KEY, reason: 'already used for a different report: use a new key' }],
});

const alreadyOpen = (open: OpenEpisode) => new Problem(409, 'This child already has an open episode', `Open episode ${open.reference}`, {
  openEpisodeId: open.episodeId,
  openEpisodeReference: open.reference,
});

/** Reports, updates and returns of absences, each in one transaction with its event and audit entry. */
@Injectable()
export class AbsenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly absences: AbsenceRepository,
    private readonly children: ChildRepository,
    private readonly keys: IdempotencyRepository,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Records an absence and its event in one transaction. An Idempotency-Key binds to the request's fingerprint for
   * 24 hours (domain/idempotency.ts): a retry of the same request returns the same episode, the same key with a
   * different request is refused with 422, and while the first request with the key is still being recorded another
   * gets 409. A second open episode for the child is refused with 409 naming the open one.
   */
  async report(caller: Caller, input: AbsenceReportInput, idempotencyKey: string | undefined, now = new Date()): Promise<Reported> {
    const problems = timeProblems(input, now);
    if (problems.length > 0) throw Problem.invalid(problems);
    const episodeId = randomUUID();
    const key = idempotencyKey === undefined ? undefined : { caller: caller.sub, key: idempotencyKey, fingerprint: requestFingerprint(caller.sub, input) };
    try {
      return await this.dataSource.transaction(async (em) => {
        if (key) {
          // A key bound to another request is refused whatever it names; a replay answers only a caller who may
          // still report for the child.
          const replayed = await this.replay(em, key, now);
          if (replayed) {
            access.assert('child.report', caller, await this.children.reportable(em, input.childId));
            return replayed;
          }
        }
        const found = await this.children.reportable(em, input.childId);
        access.assert('child.report', caller, found);
        const child = found!; // the rule hides a child who does not exist
        const open = await this.absences.openEpisodeOf(em, child.id);
        if (open) throw alreadyOpen(open);
        const reference = episodeReference(now.getUTCFullYear(), await this.absences.nextReferenceNumber(em));
        await this.absences.insert(em, {
          episodeId, reference, childId: child.id, homeId: child.homeId, classification: input.classification,
          lastSeenAt: input.lastSeen.at, lastSeenWhere: input.lastSeen.where, lastSeenBy: input.lastSeen.by,
          discoveredAt: input.discoveredAt, reportedAt: now, reportedBy: caller.sub, circumstances: input.circumstances, facts: factsOf(input),
        });
        if (key) await this.keys.bind(em, key, { fingerprint: key.fingerprint, episodeId, expiresAt: keyExpiry(now) }, now);
        await this.outbox.add(em, AbsenceReportedV2, child.id, {
          episodeId, episodeReference: reference, childId: child.id, homeId: child.homeId,
          placingCouncil: child.placingCouncil, policeForce: child.policeForce, classification: input.classification,
          lastSeenAt: new Date(input.lastSeen.at).toISOString(), discoveredAt: new Date(input.discoveredAt).toISOString(),
          reportedAt: now.toISOString(), ageAtDiscovery: ageAtDiscovery(child.dateOfBirth, new Date(input.discoveredAt)),
          circumstances: input.circumstances, childProfileVersion: child.profileVersion,
        });
        await this.audit.record(em, caller, 'absence.report', child.id, episodeId);
        return { episodeId, reference, replayed: false };
      });
    } catch (error) {
      // Two reports racing for one child: the partial unique index decides, the loser gets the same 409.
      if (isUniqueViolation(error, 'absence_one_open_per_child')) {
        const open = await this.absences.openEpisodeOf(this.dataSource.manager, input.childId);
        if (open) throw alreadyOpen(open);
      }
      throw error;
    }
  }

  /** New facts on an open episode; police roles of the home's force may record their reference and grade. */
  async update(caller: Caller, episodeId: string, input: AbsenceUpdateInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const locked = await this.absences.lockEpisode(em, episodeId);
      access.assert('episode.update', caller, { episode: locked, fields: fieldsGiven(input) });
      const e = locked!; // the rule hides an episode that does not exist
      if (e.state !== 'open') throw new Problem(409, 'Episode not open', 'The child has already returned');
      if (input.classification && e.classification === 'M') throw Problem.invalid([{ name: 'body.classification', reason: 'the episode is already M' }]);
      const added = newlyAdded(e.circumstances, input.addCircumstances);
      // Regulation 40 events: each recorded once; the event carries only those new to the episode.
      const events = newlyAdded(e.notifiableEvents, input.notifiableEvents);
      await this.absences.update(em, episodeId, {
        classification: input.classification ?? e.classification, policeReference: input.policeReference ?? e.policeReference,
        policeGrade: input.policeGrade ?? e.policeGrade, circumstances: [...e.circumstances, ...added],
        notifiableEvents: [...e.notifiableEvents, ...events], facts: { ...e.facts, ...factsOf(input) },
      }, now);
      await this.outbox.add(em, AbsenceUpdated, e.childId, {
        episodeId, childId: e.childId, ...(input.classification ? { classification: input.classification } : {}),
        ...(input.policeReference ? { policeReference: input.policeReference } : {}), ...(input.policeGrade ? { policeGrade: input.policeGrade } : {}),
        addedCircumstances: added, ...(events.length > 0 ? { notifiableEvents: events } : {}), updatedAt: now.toISOString(),
      });
      await this.audit.record(em, caller, 'absence.update', e.childId, episodeId);
      return { episodeId, updated: true };
    });
  }

  /** The child is back: recorded once; the episode's ladder stops when the tracker hears of it. */
  async returned(caller: Caller, episodeId: string, input: ReturnInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const e = await this.episodeFor(em, caller, episodeId, 'episode.return');
      if (e.state !== 'open') throw new Problem(409, 'Episode already closed', 'A return has already been recorded for this episode');
      const problems = returnProblems(input, new Date(e.discoveredAt), now);
      if (problems.length > 0) throw Problem.invalid(problems);
      await this.absences.markReturned(em, episodeId, input.locatedAt, input.returnedAt, {
        where: input.where, by: input.by, foundBy: input.foundBy, safeAndWellCheck: input.safeAndWellCheck ?? null,
        harmDuringEpisode: input.harmDuringEpisode,
      });
      await this.outbox.add(em, ChildReturned, e.childId, {
        episodeId, childId: e.childId, locatedAt: new Date(input.locatedAt).toISOString(), returnedAt: new Date(input.returnedAt).toISOString(),
        foundBy: input.foundBy, ...(input.safeAndWellCheck ? { safeAndWellCheckAt: new Date(input.safeAndWellCheck.at).toISOString() } : {}),
        harmDuringEpisode: input.harmDuringEpisode,
      });
      await this.audit.record(em, caller, 'absence.return', e.childId, episodeId);
      return { episodeId, state: 'returned' };
    });
  }

  /** The episode, locked for the change, if the caller may take this action on it. */
  private async episodeFor(em: EntityManager, caller: Caller, episodeId: string, action: 'episode.return'): Promise<AbsenceEpisode> {
    const e = await this.absences.lockEpisode(em, episodeId);
    access.assert(action, caller, e);
    return e!; // the rule hides an episode that does not exist
  }

  /**
   * Holds the key for this transaction (409 while another request with it is in flight) and answers a retry of the
   * request it is bound to with that request's episode; the key bound to a different request is refused with 422.
   * Undefined when the request is new (the key is unbound or has expired): it is bound when the report is written.
   */
  private async replay(em: EntityManager, key: CallerKey & { fingerprint: string }, now: Date): Promise<Reported | undefined> {
    if (!(await this.keys.tryLock(em, key))) throw keyInFlight();
    const use = keyUse(await this.keys.find(em, key), key.fingerprint, now);
    if (use.kind === 'other-request') throw keyReused();
    if (use.kind === 'new') return undefined;
    const reference = await this.absences.referenceOf(em, use.episodeId);
    return reference === undefined ? undefined : { episodeId: use.episodeId, reference, replayed: true };
  }
}
