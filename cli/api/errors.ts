// The two ways a call to the library can fail, as the client's callers need to tell
// them apart: a service answered with a refusal (exit 1), or nobody answered (exit 3).

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

/** A service refused: its application/problem+json answer, typed. */
export class ApiProblem extends Error {
  readonly status: number;
  /** e.g. "/problems/out-of-stock" */
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly body: ProblemDocument;
  readonly requestId?: string;

  constructor(body: ProblemDocument, requestId?: string) {
    super(body.detail ? `${body.title}: ${body.detail}` : body.title);
    this.name = 'ApiProblem';
    this.status = body.status;
    this.type = body.type;
    this.title = body.title;
    this.detail = body.detail;
    this.body = body;
    this.requestId = requestId;
  }

  /** The slug after /problems/, e.g. "out-of-stock". */
  get code(): string {
    return this.type.replace(/^\/problems\//, '');
  }

  /** The gateway or a service behind it could not do its part: a 5xx, not a refusal. */
  get unavailable(): boolean {
    return this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** Nothing usable answered at `url`: refused connection, timeout, or not the gateway. */
export class Unreachable extends Error {
  constructor(
    readonly service: string,
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach the ${service} at ${url}: ${reason}`);
    this.name = 'Unreachable';
  }
}
