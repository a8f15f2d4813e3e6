// The internal half of inventory's OpenAPI document: the routes loans and orders call
// (role "service" only, never reachable through the gateway), keyed by operation ids.
import type { Route } from '../shared/openapi.js';
import { checkinBody, confirmManyBody, copyTakeBody, operationBody, stockTakeBody } from './internal-routes.js';

const SERVICE = ['service'] as const;
const NO_TAKE = '/problems/not-found: no take has this operation id';

function take(what: string, schema: string, body: Route['body'], conflicts: string): Route {
  return {
    summary: `Take ${what}`,
    description: 'Keyed by the caller\'s operation id: the same id again answers the same take (200) and takes nothing more. Released by inventory if not confirmed in time.',
    access: SERVICE,
    body,
    ok: [
      { status: 201, description: 'A new take.', schema },
      { status: 200, description: 'The existing take for this operation id.', schema },
    ],
    problems: { 404: '/problems/not-found (an unknown barcode)', 409: `${conflicts}, /problems/operation-id-reused` },
  };
}

function settle(verb: 'Confirm' | 'Release', schema: string): Route {
  const conflicts = verb === 'Confirm' ? '/problems/take-expired, /problems/take-released' : '/problems/take-confirmed';
  return {
    summary: `${verb} a take`,
    description: 'Idempotent.',
    access: SERVICE,
    body: operationBody,
    ok: { status: 200, description: 'The take as it is now.', schema },
    problems: { 404: NO_TAKE, 409: conflicts },
  };
}

function confirmMany(what: 'copy' | 'stock', caller: string, schema: string): Route {
  return {
    summary: `Confirm many ${what} takes`,
    description: `Each id as \`/internal/${what === 'copy' ? 'copies' : 'stock'}/confirm\` would answer it, in the order asked: \`{ operationId, take }\` or \`{ operationId, problem }\`. ${caller}`,
    access: SERVICE,
    body: confirmManyBody,
    ok: { status: 200, description: 'One result per id.', schema },
  };
}

export const internalPaths: Record<string, Record<'post', Route>> = {
  '/internal/copies/take': { post: take('a copy, by bookId or by barcode', 'CopyTake', copyTakeBody, '/problems/no-copy-available, /problems/copy-unavailable') },
  '/internal/copies/confirm': { post: settle('Confirm', 'CopyTake') },
  '/internal/copies/confirm-many': { post: confirmMany('copy', 'Loans confirms the takes of the borrows answered meanwhile in one call.', 'CopyConfirmations') },
  '/internal/copies/release': { post: settle('Release', 'CopyTake') },
  '/internal/copies/checkin': {
    post: {
      summary: 'Check a returned copy in',
      description: 'Puts it on `shelf`; a withdrawn copy stays withdrawn. Idempotent.',
      access: SERVICE,
      body: checkinBody,
      ok: { status: 200, description: 'The copy.', schema: 'Copy' },
      problems: { 404: '/problems/not-found (an unknown barcode)', 409: '/problems/operation-id-reused' },
    },
  },
  '/internal/stock/take': { post: take('units of stock', 'StockTake', stockTakeBody, '/problems/out-of-stock') },
  '/internal/stock/confirm': { post: settle('Confirm', 'StockTake') },
  '/internal/stock/release': { post: settle('Release', 'StockTake') },
  '/internal/stock/confirm-many': { post: confirmMany('stock', 'Orders confirms the takes of the purchases made meanwhile in one call.', 'StockConfirmations') },
};
