import type { Caller } from './service-token.js';

/**
 * The one shape every service's access rules take (each service writes its own in `src/domain/access.ts`): a rule
 * looks at the caller and the thing asked for, and allows, refuses (403, saying why) or hides (404: its existence
 * is not shown). Pure: it knows nothing of any service's business, HTTP or storage; the platform's error filter turns
 * a refusal into a problem response.
 */
export type Verdict = { allowed: true } | { allowed: false; hidden: boolean; title: string; detail: string; field?: string };

export const allow: Verdict = { allowed: true };
export const refuse = (title: string, detail: string, field?: string): Verdict => ({ allowed: false, hidden: false, title, detail, ...(field ? { field } : {}) });
export const hide = (title: string, detail: string): Verdict => ({ allowed: false, hidden: true, title, detail });

export type Who = Pick<Caller, 'role' | 'scope'> & Partial<Pick<Caller, 'sub'>>;
export type Rule<S> = (who: Who, subject: S) => Verdict;

/** Thrown by `assert`; the platform's error filter answers 404 when hidden, otherwise 403 naming the field. */
export class AccessDenied extends Error {
  constructor(readonly verdict: Extract<Verdict, { allowed: false }>) {
    super(verdict.title);
    this.name = 'AccessDenied';
  }
}

/**
 * A service's rules by action: `verdict` is the rule's answer (pure, never throws), `may` answers yes or no, `assert`
 * throws AccessDenied with the verdict.
 */
export function definePolicy<R extends Record<string, Rule<never>>>(rules: R) {
  type Subject<K extends keyof R> = R[K] extends Rule<infer S> ? S : never;
  const verdict = <K extends keyof R>(action: K, who: Who, subject: Subject<K>): Verdict => (rules[action] as Rule<Subject<K>>)(who, subject);
  return {
    verdict,
    may: <K extends keyof R>(action: K, who: Who, subject: Subject<K>): boolean => verdict(action, who, subject).allowed,
    assert<K extends keyof R>(action: K, who: Who, subject: Subject<K>): void {
      const v = verdict(action, who, subject);
      if (!v.allowed) throw new AccessDenied(v);
    },
  };
}

/** A verdict as an HTTP answer reads, for tests and tables: 'allowed', or 403/404 followed by the field it names. */
export type Outcome = 'allowed' | '403' | '404' | `${'403' | '404'} ${string}`;
export function outcome(v: Verdict): Outcome {
  if (v.allowed) return 'allowed';
  const status = v.hidden ? '404' : '403';
  return v.field ? `${status} ${v.field}` : status;
}

/** Whether a caller's scope is one of these places: their home, their council or their police force. */
export function inScope(who: Pick<Who, 'scope'>, places: { home?: string; council?: readonly (string | null | undefined)[] | string; policeForce?: string }): boolean {
  const { kind, id } = who.scope;
  const councils = typeof places.council === 'string' ? [places.council] : (places.council ?? []);
  return (kind === 'home' && id === places.home) || (kind === 'council' && councils.includes(id)) || (kind === 'police-force' && id === places.policeForce);
}
