import assert from 'node:assert/strict';
import { ApiProblem } from './api/errors.js';
import { describeError } from './errors.js';

describe('describeError', () => {
  const problem = (status: number, title: string, detail: string) => new ApiProblem({ type: '/problems/x', title, status, detail });

  it('says the services’ token and role wording for people', () => {
    assert.equal(describeError(problem(401, 'Not logged in', 'a valid bearer token is required')), 'Not logged in (log in with: library login)');
    assert.equal(
      describeError(problem(403, 'Forbidden', 'this needs the role librarian or service; you are member')),
      'Forbidden: only librarians may do this, and you are logged in as a member',
    );
  });

  it('shows a time in a detail as local time, like the rest of the client', () => {
    const text = describeError(problem(422, 'Loan overdue', 'ln-1 was due 2026-12-01T10:00:00.000Z'));
    assert.doesNotMatch(text, /T10:00:00/);
    assert.match(text, /^Loan overdue: ln-1 was due \d{4}-\d\d-\d\d \d\d:\d\d [A-Z][\w+:-]*$/);
  });

  it('leaves every other detail as the service wrote it', () => {
    assert.equal(describeError(problem(409, 'Out of stock', 'no units of bk-1 are for sale')), 'Out of stock: no units of bk-1 are for sale');
  });
});
