// The users service's OpenAPI document, served at GET /openapi.json. Request schemas are
// the ones the routes validate with (schemas.ts); answers come from openapi-schemas.ts.
import { serviceDocument } from '../shared/openapi.js';
import { usersSchemas } from './openapi-schemas.js';
import { listQuery, loginSchema, patchSchema, registerSchema, usernameParam } from './schemas.js';

const NO_USER = '/problems/user-not-found (also a member asking for someone else)';

export const usersOpenApi = serviceDocument({
  service: 'users',
  description: 'Members and librarians, and login. No answer ever carries a password or its hash.',
  schemas: usersSchemas(),
  routes: {
    '/register': {
      post: {
        summary: 'Register a member',
        description: 'Usernames are 3–32 of a-z, 0-9, "_", "." and "-"; passwords at least 10 characters.',
        access: 'public',
        body: registerSchema,
        ok: { status: 201, description: 'The new member.', schema: 'PublicUser', headers: { Location: '/users/{username}' } },
        problems: { 409: '/problems/username-taken' },
      },
    },
    '/login': {
      post: {
        summary: 'Log in',
        description: 'Failures in a row from one address lock the account for that address, many from anywhere lock it everywhere, for a while (423, with Retry-After).',
        access: 'public',
        body: loginSchema,
        ok: { status: 200, description: 'A bearer token and the account.', schema: 'LoginResponse' },
        problems: { 401: '/problems/invalid-credentials', 403: '/problems/account-disabled', 423: '/problems/account-locked (`lockedUntil`)' },
      },
    },
    '/me': {
      get: {
        summary: 'The caller\'s own account',
        access: ['member', 'librarian'],
        ok: { status: 200, description: 'The account.', schema: 'PublicUser' },
        problems: { 403: '/problems/account-disabled', 404: NO_USER },
      },
    },
    '/users/{username}/unlock': {
      post: {
        summary: 'Lift a lockout',
        description: 'Every lock of the account, for every address and account-wide.',
        access: ['librarian'],
        params: { username: usernameParam },
        ok: { status: 200, description: 'The account.', schema: 'PublicUser' },
        problems: { 404: '/problems/user-not-found' },
      },
    },
    '/internal/accounts/{username}': {
      get: {
        summary: 'What a token or a "for member X" is checked against',
        description: 'The account\'s role, `active` flag and token version (raised by every change of role, `active` or password).',
        access: ['service'],
        params: { username: usernameParam },
        ok: { status: 200, description: 'The account\'s facts.', schema: 'AccountFacts' },
        problems: { 404: '/problems/user-not-found' },
      },
    },
    '/users': {
      get: {
        summary: 'List accounts',
        description: '`q` matches username, name or email; by username.',
        access: ['librarian', 'service'],
        query: listQuery,
        ok: { status: 200, description: 'A page of accounts.', schema: 'UserPage' },
      },
    },
    '/users/{username}': {
      get: {
        summary: 'An account',
        description: 'Members see only themselves.',
        access: 'token',
        params: { username: usernameParam },
        ok: { status: 200, description: 'The account.', schema: 'PublicUser' },
        problems: { 403: '/problems/account-disabled', 404: NO_USER },
      },
      patch: {
        summary: 'Change an account',
        description: 'Self: name, email, password (with `currentPassword`); a librarian also role and active, and anyone\'s password. A change of role, active or password makes every earlier token of the account useless.',
        access: ['member', 'librarian'],
        params: { username: usernameParam },
        body: patchSchema,
        ok: { status: 200, description: 'The account as it is now.', schema: 'PublicUser' },
        problems: {
          403: '/problems/forbidden-field, /problems/account-disabled, /problems/current-password-required, /problems/current-password-wrong',
          404: NO_USER,
          409: '/problems/last-librarian',
          423: '/problems/account-locked (`lockedUntil`): a wrong `currentPassword` counts as a failed login from that address',
        },
      },
    },
  },
});
