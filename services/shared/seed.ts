// What ops/setup.ts gives each service's seed(): it creates the service's live files
// from data/seed/ only where they are missing, and never overwrites live data.
export interface SeedOptions {
  dataDir: string;
  /** data/seed/ of the repository. */
  seedDir: string;
  env: Record<string, string | undefined>;
}

/** Lines for setup.sh to print, e.g. "catalog: 48 books from data/seed/books.csv". */
export type SeedResult = string[];
