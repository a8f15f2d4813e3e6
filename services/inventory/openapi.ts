// Inventory's OpenAPI document, served at GET /openapi.json. Request schemas are the ones
// the routes validate with; answers come from openapi-schemas.ts.
import { serviceDocument } from '../shared/openapi.js';
import { internalPaths } from './openapi-internal.js';
import { inventorySchemas } from './openapi-schemas.js';
import { addCopiesBody, listQuery, patchCopyBody, setStockBody } from './routes.js';

const LIBRARIAN = ['librarian'] as const;
const CATALOG_DOWN = '/problems/service-unavailable (catalog)';

export const inventoryOpenApi = serviceDocument({
  service: 'inventory',
  description: 'Copies (barcodes) for lending and stock for sale. Anyone logged in reads; librarians change; /internal/* is for loans and orders.',
  schemas: inventorySchemas(),
  routes: {
    '/inventory': {
      get: { summary: 'Copies and stock of every book', access: 'token', query: listQuery, ok: { status: 200, description: 'A page, by book.', schema: 'InventoryPage' } },
    },
    '/inventory/{bookId}': {
      get: {
        summary: 'Copies and stock of a book, with each copy',
        access: 'token',
        ok: { status: 200, description: 'The book\'s inventory.', schema: 'BookInventoryDetail' },
        problems: { 404: '/problems/not-found' },
      },
    },
    '/inventory/{bookId}/copies': {
      post: {
        summary: 'Add copies of a book',
        description: 'The book must be in the catalog.',
        access: LIBRARIAN,
        body: addCopiesBody,
        ok: { status: 201, description: 'The new barcodes.', schema: 'AddCopiesResponse' },
        problems: { 404: '/problems/unknown-book', 503: CATALOG_DOWN },
      },
    },
    '/inventory/copies/{barcode}': {
      patch: {
        summary: 'Mark a copy missing, withdrawn or available',
        access: LIBRARIAN,
        body: patchCopyBody,
        ok: { status: 200, description: 'The copy.', schema: 'Copy' },
        problems: { 404: '/problems/not-found', 409: '/problems/copy-in-circulation, /problems/invalid-transition' },
      },
    },
    '/inventory/{bookId}/stock': {
      put: {
        summary: 'Set the units for sale',
        description: 'The book must be in the catalog.',
        access: LIBRARIAN,
        body: setStockBody,
        ok: { status: 200, description: 'The book\'s inventory.', schema: 'BookInventory' },
        problems: { 404: '/problems/unknown-book', 503: CATALOG_DOWN },
      },
    },
    ...internalPaths,
  },
});
