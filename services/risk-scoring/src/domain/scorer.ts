import { higherLevel, type FactorCode, type OverrideCode, type RiskLevel } from '@safeguard/contracts';
import type { Fact, Ruleset } from './ruleset.js';

export interface Assessment {
  level: RiskLevel;
  score: number;
  factors: { code: FactorCode; points: number }[];
  overrides: OverrideCode[];
  rulesetVersion: string;
}


/**
 * Scores facts with a ruleset: overrides lift to high; points map to a level by threshold; a recorded police
 * grade is a floor the screening never lowers. Every factor is returned with its points, so the level is explained.
 */
export function score(ruleset: Ruleset, facts: Record<Fact, boolean>, policeGrade?: RiskLevel): Assessment {
  const overrides = ruleset.overrides.filter((o) => facts[o.fact]).map((o) => o.code);
  const used = new Map<string, number>();
  const factors: Assessment['factors'] = [];
  for (const rule of ruleset.points) {
    if (!facts[rule.fact]) continue;
    let points = rule.points;
    if (rule.group) {
      const cap = ruleset.groupCaps[rule.group] ?? Infinity;
      points = Math.max(0, Math.min(points, cap - (used.get(rule.group) ?? 0)));
      used.set(rule.group, (used.get(rule.group) ?? 0) + points);
    }
    if (points > 0) factors.push({ code: rule.code, points });
  }
  const total = factors.reduce((s, f) => s + f.points, 0);
  let level: RiskLevel =
    total >= ruleset.thresholds.high ? 'high' : total >= ruleset.thresholds.medium ? 'medium' : 'low';
  if (overrides.length > 0) level = 'high';
  if (policeGrade) level = higherLevel(level, policeGrade);
  return { level, score: total, factors, overrides, rulesetVersion: ruleset.version };
}
