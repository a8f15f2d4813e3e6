// The catalog's own knobs (the common ones are in shared/config.ts): none yet. A new one
// is read here, checked at start-up, and listed in the README's Catalog configuration table.
import type { ServiceSchema } from '../shared/config.js';

export type CatalogConfig = Record<string, never>;

export const catalogConfig: ServiceSchema<CatalogConfig> = () => ({});
