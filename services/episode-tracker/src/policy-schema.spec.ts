import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY } from './domain/default-policy.js';
import { loadPolicy, PolicySchema } from './domain/policy.js';
import { POLICY_SCHEMA_FILE, policyJsonSchema, policySchemaText } from './policy-schema.js';

const onboarding = readFileSync(new URL('../../../docs/onboarding.md', import.meta.url), 'utf8');
/** The JSON block after the example-policy marker in docs/onboarding.md. */
const examplePolicy = (): unknown => {
  const block = /<!-- example-policy[^>]*-->\s*```json\n([\s\S]*?)\n```/.exec(onboarding);
  if (!block) throw new Error('docs/onboarding.md has no example policy after its marker');
  return JSON.parse(block[1]!);
};

describe('docs/escalation-policy.schema.json', () => {
  it('is the JSON Schema generated from the zod schema that validates policy files (regenerate: node services/episode-tracker/dist/policy-schema.js)', () => {
    expect(readFileSync(POLICY_SCHEMA_FILE, 'utf8')).toBe(policySchemaText());
  });

  it('states the policy shape: every field the zod schema has, required as zod requires it, nothing else allowed', () => {
    const schema = policyJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean; $defs: Record<string, { required?: string[] }> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(PolicySchema.shape).sort());
    expect(schema.required.sort()).toEqual(['chase', 'council', 'ladders', 'renotifyAckWithinSeconds', 'tasks', 'version']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$defs.Rung!.required!.sort()).toEqual(['ackWithinSeconds', 'afterSeconds', 'ask', 'audiences', 'key']);
  });
});

describe('the example policy in docs/onboarding.md', () => {
  it('is accepted by the schema the episode-tracker loads policies with', () => {
    const policy = loadPolicy(examplePolicy());
    expect(policy).toMatchObject({ council: 'DEMO-COUNCIL', version: 'demo-council-2027-01', chase: { everySeconds: 1200 } });
  });

  it('differs from the default only where the text says: police liaison at 20 minutes on T and S-high, a 20-minute chase', () => {
    // Loaded, as the service loads it: task rules the example leaves out take the default's.
    const example = loadPolicy(examplePolicy()) as unknown as typeof DEFAULT_POLICY;
    const police = (p: typeof DEFAULT_POLICY, ladder: 'T' | 'S-high') => p.ladders[ladder].rungs.find((r) => r.key.startsWith('police-liaison'));
    for (const ladder of ['T', 'S-high'] as const) {
      expect(police(example, ladder)).toEqual({ ...police(DEFAULT_POLICY, ladder), key: 'police-liaison-20m', afterSeconds: 1200 });
    }
    const rest = (p: typeof DEFAULT_POLICY) => JSON.parse(JSON.stringify({ ...p, version: '', council: '', chase: p.chase.alsoAlert,
      ladders: Object.fromEntries(Object.entries(p.ladders).map(([n, l]) => [n, { ...l, rungs: l.rungs.filter((r) => !r.key.startsWith('police-liaison')) }])) }));
    expect(rest(example)).toEqual(rest(loadPolicy(DEFAULT_POLICY) as unknown as typeof DEFAULT_POLICY));
  });

  it('would be refused, naming the field, if its first rung did not fire at discovery (a rule the JSON Schema cannot state)', () => {
    const broken = examplePolicy() as typeof DEFAULT_POLICY;
    (broken.ladders.T.rungs[0] as { afterSeconds: number }).afterSeconds = 600;
    const result = PolicySchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['ladders', 'T', 'rungs', 0], message: 'the first rung fires at discovery' })]);
  });
});

describe('a council policy written before the tasks to tell the competent authority and notify Ofsted', () => {
  const { tellCompetentAuthority: _told, notifyOfsted: _notified, ...tasksBefore } = DEFAULT_POLICY.tasks;
  const written = { ...DEFAULT_POLICY, council: 'OLD-COUNCIL', tasks: tasksBefore };

  it('still loads, its two new task rules the default\'s (the JSON Schema does not require them)', () => {
    const { tasks } = loadPolicy(written);
    expect(tasks.tellCompetentAuthority).toEqual(DEFAULT_POLICY.tasks.tellCompetentAuthority);
    expect(tasks.notifyOfsted).toEqual(DEFAULT_POLICY.tasks.notifyOfsted);
    const schema = policyJsonSchema() as { properties: { tasks: { required: string[] } } };
    expect(schema.properties.tasks.required).not.toContain('notifyOfsted');
  });

  it('keeps its own rule where it has one', () => {
    const own = { dueSeconds: 3_600, ifMissed: [{ role: 'director', scope: 'council' }] };
    expect(loadPolicy({ ...written, tasks: { ...tasksBefore, notifyOfsted: own } }).tasks.notifyOfsted).toEqual(own);
  });
});
