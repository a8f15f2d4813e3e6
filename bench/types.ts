// The shape of bench/results/*.json: every figure the report prints, and the settings
// that produced them, so two result files can be compared line by line.
import type { ImportFigure } from './import-run.js';
import type { LoopDelay } from './loop-delay.js';

export interface StatusCounts {
  [status: string]: number;
}

export interface ScenarioResult {
  key: string;
  name: string;
  /** Why it did not run (a service that is not there yet), or absent when it ran. */
  skipped?: string;
  connections: number;
  durationS: number;
  /** Every answered HTTP request, per second. */
  rps: number;
  /** 2xx answers per second: for writes, the operations that happened. */
  okRps: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  /** Refusals the scenario provokes on purpose (out of stock, no copy left). */
  expected: number;
  /** Everything else: unexpected statuses, 5xx, connection errors and timeouts. */
  errors: number;
  statuses: StatusCounts;
  /** One-minute load average as the measured run began: other work on the machine. */
  loadAvg?: number;
  /** CPU milliseconds per answered request, per process (the load generator included). */
  cpuMsPerRequest?: Record<string, number>;
  /** Multi-request scenarios (borrow + return): whole cycles, timed by us. */
  cycle?: { count: number; perSecond: number; p50Ms: number; p99Ms: number };
  /** Per service: the event loop's delay while the scenario ran (loop-delay.ts). */
  loop?: Record<string, LoopDelay>;
  /** The row run again with the load generator at the services' own priority (see CLIENT_PASS). */
  clientPass?: boolean;
}

export interface MemoryFigure {
  /** VmRSS after the load, MiB. */
  rssMiB: number;
  /** VmHWM: the highest RSS the process reached, MiB. */
  peakMiB: number;
}

export interface StockCheck {
  books: number;
  initialUnits: number;
  /** Units in order_log.csv rows for the checked books. */
  soldByLog: number;
  /** 201 answers the load generator counted. */
  soldByAnswers: number;
  /** Initial stock minus the stock inventory reports afterwards. */
  stockDrop: number;
  /** Units sold beyond a book's initial stock (must be 0). */
  oversold: number;
  /** Stock fell by exactly what the order log holds, every 201 is in the log, no stock < 0. */
  consistent: boolean;
  detail?: string;
}

export interface ClientTiming {
  menuMs: number[];
  menuMedianMs: number | null;
  searchJsonMs: number[];
  searchJsonMedianMs: number | null;
  error?: string;
}

export interface SizeRun {
  books: number;
  seedMs: number;
  /** From the first spawn to every /health answering 200; null when some never did. */
  healthyMs: number | null;
  /** When each process first answered /health, ms after the first spawn. */
  readyMs: Record<string, number>;
  /** When the catalog's search index was whole (built after it listens), ms after the first spawn; the rows start after it. */
  searchReadyMs: number | null;
  missing: string[];
  scenarios: ScenarioResult[];
  memory: Record<string, MemoryFigure>;
  client: ClientTiming;
  stock: StockCheck | null;
}

export interface TargetResult {
  name: string;
  target: string;
  actual: string;
  status: 'pass' | 'miss' | 'n/a';
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  totalS: number;
  /** loadAvg: the one-minute load average as the benchmark began (other work on the machine). */
  machine: { node: string; cpus: number; cpuModel: string; memoryGiB: number; platform: string; loadAvg: number };
  settings: { durationS: number; warmupS: number; connections: number; loadNice?: number; sizes: number[]; logRequests: boolean; /** BENCH_SCENARIOS, when only those rows ran. */ scenarios?: string[] };
  reference: ScenarioResult | null;
  runs: SizeRun[];
  targets: TargetResult[];
  /** Catalog sizes whose run could not finish, with the reason. */
  failures: string[];
  /** `library books import` of BENCH_IMPORT_ROWS new books (bench/import-run.ts). */
  bookImport?: ImportFigure | null;
  /** npm run bench -- --large: the loans and users table at small and large data (loans-run.ts). */
  loans?: import('./loans-run.js').LoansSizeRun[];
}
