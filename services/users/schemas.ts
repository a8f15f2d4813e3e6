// What the users routes accept. Every schema is strict: a field it does not name (a
// `role` slipped into a registration, say) is refused with 422, never ignored.
import { z } from 'zod';
import { USERNAME } from '../contracts/users.js';
import { pageQuery, text } from '../shared/http/validate.js';

export const PASSWORD_MIN = 10;
/** argon2 would take any length; a cap keeps a huge "password" from being a cheap attack. */
export const PASSWORD_MAX = 256;

const username = z.string().regex(USERNAME, 'must be 3 to 32 of a-z, 0-9, "_", "." and "-"');

// Not trimmed: spaces are part of a password. All blanks is refused all the same.
const password = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
  .refine((value) => value.trim().length > 0, 'must not be blank');

const email = z.string().trim().max(254).pipe(z.email('must be an email address'));

export const registerSchema = z.strictObject({ username, password, name: text(100), email });

// Login refuses only what could never match, so that a typo is "invalid credentials".
export const loginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'must not be empty').max(64),
  password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX),
});

export const patchSchema = z
  .strictObject({
    name: text(100).optional(),
    email: email.optional(),
    password: password.optional(),
    currentPassword: z.string().min(1, 'must not be empty').max(PASSWORD_MAX).optional(),
    role: z.enum(['member', 'librarian']).optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).some((field) => field !== 'currentPassword'), 'name at least one field to change')
  .refine((patch) => patch.currentPassword === undefined || patch.password !== undefined, {
    message: 'only goes with a new password',
    path: ['currentPassword'],
  });

export const listQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  role: z.enum(['member', 'librarian']).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const usernameParam = z.string().min(1).max(64);
