import type { Scope } from '@safeguard/contracts';
import { allow, definePolicy, hide, refuse, type Verdict, type Who } from '@safeguard/platform/policy';

/**
 * Who may see and change the directory of people and the duty rota (the table in docs/access.md is checked against
 * these rules). Each person is listed in one council's directory (`council`), whatever scope they hold their role in:
 * a police officer or a home's staff are listed by the council that works with them. Only that council's
 * administrators see their contact details or change them; to everyone else the entry does not exist.
 */

/** A directory entry, a shift or a person asked for: the council whose directory lists them (null: none yet). */
export interface Listed {
  council: string | null;
}

/** An administrator in a council scope: the council whose directory they manage; undefined for anyone else. */
export const councilAdministered = (who: Who): string | undefined => (who.role === 'admin' && who.scope.kind === 'council' ? who.scope.id : undefined);

const NOT_ADMIN = refuse('Not allowed', "The directory and the rota are managed by the council's administrators");

/** The entry is in the caller's council's directory: allowed; anyone else's, or none: hidden, naming `field` if given. */
const inDirectory = (title: string, field?: string) => (who: Who, entry: Listed | undefined): Verdict => {
  const council = councilAdministered(who);
  if (council === undefined) return NOT_ADMIN;
  if (entry && entry.council === council) return allow;
  return { ...hide(title, 'Nobody with this id in your council\'s directory'), ...(field ? { field } : {}) };
};

export const access = definePolicy({
  /** Open the directory or the rota at all: a council's administrators only. */
  openDirectory: (who: Who, _: null): Verdict => (councilAdministered(who) === undefined ? NOT_ADMIN : allow),
  /** See a person's entry: name, role, email and mobile. */
  readPerson: inDirectory('Person not found'),
  /** Change a person's contact details or whether they are on duty by default. */
  changePerson: inDirectory('Person not found'),
  /** See a shift on the rota (who holds a role when). */
  readShift: inDirectory('Shift not found'),
  /** Put a person on the rota: a person in the caller's council's directory (`body.personId`). */
  addShift: inDirectory('Person not found', 'body.personId'),
  /**
   * Add a person to the caller's council's directory: in any home or police-force scope (those the council works
   * with), but a council scope only their own (`body.scope.id`).
   */
  addPerson: (who: Who, p: { scope: Scope }): Verdict => {
    const council = councilAdministered(who);
    if (council === undefined) return NOT_ADMIN;
    return p.scope.kind === 'council' && p.scope.id !== council
      ? refuse('Not allowed', "Administrators add people to their own council's directory only", 'body.scope.id')
      : allow;
  },
});
