import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Role } from '@safeguard/contracts';
import { AudienceScope, PolicySchema, RungSchema } from './domain/policy.js';

/** Where the schema is committed, for councils writing their own policy (docs/onboarding.md). */
export const POLICY_SCHEMA_FILE = fileURLToPath(new URL('../../../docs/escalation-policy.schema.json', import.meta.url));

/**
 * The JSON Schema of a council's escalation policy file, generated from the zod schema that validates the file at
 * start, so there is one source. The checks across fields (unique rung keys, a first rung at discovery, a repeating
 * review, a chain of command without loops) are zod refinements that JSON Schema cannot state: the service still runs them.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(PolicySchema, { target: 'draft-2020-12', io: 'input', metadata: named() });
  return {
    $schema,
    title: 'Safeguard escalation policy',
    description: 'A council\'s escalation policy, loaded by the episode-tracker from ESCALATION_POLICY_FILES (docs/onboarding.md). '
      + 'Generated from services/episode-tracker/src/domain/policy.ts; the service also checks that rung keys are unique within a ladder, '
      + 'the first rung fires at discovery (afterSeconds 0), every ladder has a repeating review, and no chain of command loops.',
    ...schema,
  };
}

/** Names for the parts used more than once, so the schema reads as the policy's own words ($defs) rather than repeats. */
function named() {
  const names = z.registry<{ id: string; description: string }>();
  const ladders = PolicySchema.shape.ladders.shape;
  const tasks = PolicySchema.shape.tasks.shape;
  names.add(Role, { id: 'Role', description: 'A role a person holds (libs/contracts/src/codes.ts)' });
  names.add(AudienceScope, { id: 'AudienceScope', description: "Where an audience sits: the child's home, the placing council, the host council (out of area), the police force" });
  names.add(RungSchema.shape.audiences.element, { id: 'Audience', description: 'A role, in the scope where it is held for this child' });
  names.add(RungSchema, { id: 'Rung', description: 'One step of a ladder: when (seconds from discovery), whom, what is asked, and what it sets in motion' });
  names.add(ladders.T, { id: 'Ladder', description: 'A chain of command (role → the audience above it) and the rungs, the first at discovery' });
  names.add(tasks.nrmReferral, { id: 'TaskRule', description: 'When a statutory task is due (seconds after it opens) and who is told if it is missed' });
  return names;
}

export const policySchemaText = () => `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;

// `node services/episode-tracker/dist/policy-schema.js` rewrites the committed file after the zod schema changes.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(POLICY_SCHEMA_FILE, policySchemaText());
  console.log(`wrote ${POLICY_SCHEMA_FILE}`);
}
