// For in-process tests of loans or availability where the users service is not what is under
// test: every name counts as an active member. The real check (UsersClient.memberCheck) is
// wired in each service's main.ts and tested end to end in test/e2e/accounts.test.ts.
import type { MemberCheck } from '../../services/contracts/users-client.js';

export const anyoneIsAMember: MemberCheck = async () => {};
