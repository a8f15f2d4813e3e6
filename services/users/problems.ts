// The users service's refusals, each with a stable type slug.
import { USER_NOT_FOUND } from '../contracts/users.js';
import { Conflict, NotFound, Problem } from '../shared/problem.js';

/** The same answer for an unknown user and a wrong password, so neither can be told apart. */
export const invalidCredentials = () =>
  new Problem(401, 'invalid-credentials', 'Invalid credentials', 'the username or password is wrong');

/** Carries the seconds left, for a Retry-After header. */
export class AccountLocked extends Problem {
  constructor(
    lockedUntil: string,
    readonly retryAfterSeconds: number,
  ) {
    super(423, 'account-locked', 'Account locked', `too many failed logins for this account; try again after ${lockedUntil}, or ask a librarian to unlock it`, { lockedUntil });
  }
}

export const accountDisabled = (username: string) =>
  new Problem(403, 'account-disabled', 'Account disabled', `the account ${username} is disabled; ask a librarian`);

export const usernameTaken = (username: string) =>
  new Conflict('username-taken', 'Username taken', `the username ${username} is already registered`, { username });

/** Also the answer to a member asking for someone else, so other accounts stay invisible. */
export const userNotFound = (username: string) => new NotFound(`no user ${username}`, USER_NOT_FOUND);

export const forbiddenField = (fields: string[]) =>
  new Problem(403, 'forbidden-field', 'Forbidden field', `only a librarian may change ${fields.join(' and ')}`, { fields });

export const lastLibrarian = (username: string) =>
  new Conflict(
    'last-librarian',
    'Last librarian',
    `${username} is the only active librarian; make another librarian first`,
    { username },
  );

/** Changing one's own password: a stolen token alone must not be enough to take the account. */
export const currentPasswordRequired = () =>
  new Problem(403, 'current-password-required', 'Current password required', 'changing your own password needs currentPassword, your password now');

export const currentPasswordWrong = () =>
  new Problem(403, 'current-password-wrong', 'Current password wrong', 'currentPassword is not your password now');
