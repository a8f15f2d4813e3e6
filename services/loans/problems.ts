// Every refusal loans makes, each with its stable type slug (/problems/<code>).
import { Conflict, Forbidden, NotFound, Problem } from '../shared/problem.js';

export class NoCopyAvailable extends Conflict {
  constructor(detail: string) {
    super('no-copy-available', 'No copy available', detail);
  }
}

export class CopyHeld extends Conflict {
  constructor(detail: string) {
    super('copy-held', 'Copy held for someone else', detail);
  }
}

export class AlreadyBorrowed extends Conflict {
  constructor(username: string, bookId: string) {
    super('already-borrowed', 'Already borrowed', `${username} already has ${bookId} on loan`);
  }
}

export class LoanLimitReached extends Problem {
  constructor(username: string, cap: number) {
    super(422, 'loan-limit-reached', 'Loan limit reached', `${username} has ${cap} active ${cap === 1 ? 'loan' : 'loans'}, the most allowed; return one first`);
  }
}

export class MemberBlocked extends Problem {
  constructor(username: string, why: string) {
    super(422, 'member-blocked', 'Member blocked', `${username} cannot borrow: ${why}`);
  }
}

export class RenewalLimit extends Problem {
  constructor(id: string, max: number) {
    super(422, 'renewal-limit', 'Renewal limit reached', `loan ${id} has been renewed ${max === 1 ? 'once' : `${max} times`}, the most allowed`);
  }
}

export class LoanOverdue extends Problem {
  constructor(id: string, dueAt: string) {
    super(422, 'loan-overdue', 'Loan overdue', `loan ${id} was due at ${dueAt}; return it instead`);
  }
}

export class BookOnHold extends Conflict {
  constructor(bookId: string) {
    super('book-on-hold', 'Book on hold', `another member is waiting for ${bookId}, so the loan cannot be renewed`);
  }
}

export class LoanReturned extends Conflict {
  constructor(id: string) {
    super('loan-returned', 'Loan already returned', `loan ${id} has been returned`);
  }
}

export class ReturnInProgress extends Conflict {
  constructor(id: string) {
    super('return-in-progress', 'Return in progress', `loan ${id} is being returned right now`);
  }
}

export class CopyAvailable extends Conflict {
  constructor(bookId: string, available: number) {
    super('copy-available', 'A copy is available', `${available} ${available === 1 ? 'copy' : 'copies'} of ${bookId} can be borrowed now; no hold is needed`);
  }
}

export class HoldExists extends Conflict {
  constructor(username: string, bookId: string) {
    super('hold-exists', 'Already on hold', `${username} already holds ${bookId}`);
  }
}

export class HoldClosed extends Conflict {
  constructor(id: string, status: string) {
    super('hold-closed', 'Hold closed', `hold ${id} is ${status}`);
  }
}

export class HoldInUse extends Conflict {
  constructor(id: string) {
    super('hold-in-use', 'Hold being picked up', `the copy of hold ${id} is being borrowed right now`);
  }
}

export class PaymentExceedsBalance extends Problem {
  constructor(username: string, balance: number) {
    super(422, 'payment-exceeds-balance', 'Payment exceeds balance', `${username} owes ${balance.toFixed(2)}`);
  }
}

export class UnknownBook extends NotFound {
  constructor(bookId: string) {
    super(`there is no book ${bookId}`, 'unknown-book');
  }
}

export class UnknownCopy extends NotFound {
  constructor(barcode: string) {
    super(`there is no copy with barcode ${barcode}`, 'unknown-copy');
  }
}

export class OthersOnlyForStaff extends Forbidden {
  constructor(what: string) {
    super(`members see and act on their own ${what} only`);
  }
}
