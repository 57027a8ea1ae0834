import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AbsenceReported, AbsenceUpdated, ChildReturned } from '@safeguard/contracts';
import { Outbox, Problem, type Caller } from '@safeguard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../audit/audit.js';
import {
  episodeReference, returnProblems, timeProblems, type AbsenceReportInput, type AbsenceUpdateInput, type ReturnInput,
} from '../domain/absence-report.js';
import { mayActFor, policeOfForce } from '../domain/access.js';
import { AbsenceRepository } from './absence.repository.js';

export interface Reported {
  episodeId: string;
  reference: string;
  replayed: boolean;
}

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string; constraint?: string }).code === '23505' &&
  (e as { constraint?: string }).constraint === constraint;

@Injectable()
export class AbsenceService {
  private readonly repo = new AbsenceRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Records an absence and its event in one transaction. A retried submission with the same Idempotency-Key returns
   * the same episode (the same key for another child is refused with 422); a second open episode for the child is
   * refused with 409 naming the open one.
   */
  async report(caller: Caller, input: AbsenceReportInput, idempotencyKey: string | undefined, now = new Date()): Promise<Reported> {
    const problems = timeProblems(input, now);
    if (problems.length > 0) throw Problem.invalid(problems);
    const episodeId = randomUUID();
    try {
      return await this.dataSource.transaction(async (em) => {
        if (idempotencyKey) {
          const earlier = await this.repo.claimKey(em, caller.sub, idempotencyKey, episodeId);
          const first = earlier && (await this.repo.reported(em, earlier));
          // A key reused for another child is a different report: answering with the first would leave this child's
          // absence unreported. A retry for the same child returns the first episode.
          if (first && first.childId !== input.childId) {
            throw new Problem(422, 'Idempotency-Key already used', 'This Idempotency-Key was used for a report about another child', {
              'invalid-params': [{ name: 'header.Idempotency-Key', reason: 'already used for a report about another child: use a new key' }],
            });
          }
          if (earlier && first) return { episodeId: earlier, reference: first.reference, replayed: true };
        }
        const child = await this.repo.findChild(em, input.childId);
        if (!child || !mayActFor(caller, child)) {
          // The same answer for "no such child" and "not yours": ids of other homes' children are not disclosed.
          throw new Problem(404, 'Child not found', 'No child with this id in your scope', { 'invalid-params': [{ name: 'body.childId', reason: 'unknown' }] });
        }
        const open = await this.repo.openEpisodeOf(em, child.id);
        if (open) throw this.alreadyOpen(open);
        const [{ n }] = await this.repo.nextSequence(em);
        const reference = episodeReference(now.getUTCFullYear(), Number(n));
        const facts = Object.fromEntries(
          Object.entries({ clothing: input.clothing, tookWith: input.tookWith, mayBeWith: input.mayBeWith, actionsTaken: input.actionsTaken })
            .filter((e): e is [string, string] => e[1] !== undefined),
        );
        await this.repo.insert(em, {
          episodeId, reference, childId: child.id, homeId: child.homeId, classification: input.classification,
          lastSeenAt: input.lastSeen.at, lastSeenWhere: input.lastSeen.where, lastSeenBy: input.lastSeen.by,
          discoveredAt: input.discoveredAt, reportedAt: now, reportedBy: caller.sub, circumstances: input.circumstances, facts,
        });
        await this.outbox.add(em, AbsenceReported, child.id, {
          episodeId, episodeReference: reference, childId: child.id, homeId: child.homeId,
          placingCouncil: child.placingCouncil, policeForce: child.policeForce, classification: input.classification,
          lastSeenAt: new Date(input.lastSeen.at).toISOString(), discoveredAt: new Date(input.discoveredAt).toISOString(),
          reportedAt: now.toISOString(), circumstances: input.circumstances, childProfileVersion: child.profileVersion,
        });
        await audit(em, caller, 'absence.report', child.id, episodeId);
        return { episodeId, reference, replayed: false };
      });
    } catch (error) {
      // Two reports racing for one child: the partial unique index decides, the loser gets the same 409.
      if (isUniqueViolation(error, 'absence_one_open_per_child')) {
        const open = await this.repo.openEpisodeOf(this.dataSource.manager, input.childId);
        if (open) throw this.alreadyOpen(open);
      }
      throw error;
    }
  }

  /** New facts on an open episode; police roles of the home's force may record their reference and grade. */
  async update(caller: Caller, episodeId: string, input: AbsenceUpdateInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const e = await this.episodeFor(em, caller, episodeId, true);
      if (e.state !== 'open') throw new Problem(409, 'Episode not open', 'The child has already returned');
      if (input.classification && e.classification === 'M') throw Problem.invalid([{ name: 'body.classification', reason: 'the episode is already M' }]);
      const added = input.addCircumstances.filter((c) => !e.circumstances.includes(c));
      const facts = { ...e.facts, ...Object.fromEntries(Object.entries({ clothing: input.clothing, tookWith: input.tookWith,
        mayBeWith: input.mayBeWith, actionsTaken: input.actionsTaken }).filter((x): x is [string, string] => x[1] !== undefined)) };
      await this.repo.update(em, episodeId, {
        classification: input.classification ?? e.classification, policeReference: input.policeReference ?? e.policeReference,
        policeGrade: input.policeGrade ?? e.policeGrade, circumstances: [...e.circumstances, ...added], facts,
      });
      await this.outbox.add(em, AbsenceUpdated, e.childId, {
        episodeId, childId: e.childId, ...(input.classification ? { classification: input.classification } : {}),
        ...(input.policeReference ? { policeReference: input.policeReference } : {}), ...(input.policeGrade ? { policeGrade: input.policeGrade } : {}),
        addedCircumstances: added as never, updatedAt: now.toISOString(),
      });
      await audit(em, caller, 'absence.update', e.childId, episodeId);
      return { episodeId, updated: true };
    });
  }

  /** The child is back: recorded once; the episode's ladder stops when the tracker hears of it. */
  async returned(caller: Caller, episodeId: string, input: ReturnInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const e = await this.episodeFor(em, caller, episodeId, false);
      if (e.state !== 'open') throw new Problem(409, 'Episode already closed', 'A return has already been recorded for this episode');
      const problems = returnProblems(input, new Date(e.discoveredAt), now);
      if (problems.length > 0) throw Problem.invalid(problems);
      await this.repo.markReturned(em, episodeId, input.locatedAt, input.returnedAt, {
        where: input.where, by: input.by, foundBy: input.foundBy, safeAndWellCheck: input.safeAndWellCheck ?? null,
      });
      await this.outbox.add(em, ChildReturned, e.childId, {
        episodeId, childId: e.childId, locatedAt: new Date(input.locatedAt).toISOString(), returnedAt: new Date(input.returnedAt).toISOString(),
        foundBy: input.foundBy, ...(input.safeAndWellCheck ? { safeAndWellCheckAt: new Date(input.safeAndWellCheck.at).toISOString() } : {}),
        harmDuringEpisode: input.harmDuringEpisode,
      });
      await audit(em, caller, 'absence.return', e.childId, episodeId);
      return { episodeId, state: 'returned' };
    });
  }

  private async episodeFor(em: EntityManager, caller: Caller, episodeId: string, policeMay: boolean) {
    const e = await this.repo.lockEpisode(em, episodeId);
    const police = policeMay && policeOfForce(caller, e?.policeForce);
    if (!e || !(police || mayActFor(caller, e))) throw new Problem(404, 'Episode not found', 'No episode with this id in your scope');
    return e;
  }

  private alreadyOpen(open: { episodeId: string; reference: string }) {
    return new Problem(409, 'This child already has an open episode', `Open episode ${open.reference}`, {
      openEpisodeId: open.episodeId,
      openEpisodeReference: open.reference,
    });
  }
}
