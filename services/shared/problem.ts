// One error type for every refusal a service makes. The middleware in http/problem-middleware.ts
// turns it into application/problem+json (RFC 9457); anything else becomes a 500
// whose detail is hidden, so no stack trace ever leaves a service.

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export class Problem extends Error {
  /** Stable slug, e.g. "out-of-stock"; the wire `type` is `/problems/<code>`. */
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly extensions: Record<string, unknown>;

  constructor(status: number, code: string, title: string, detail?: string, extensions: Record<string, unknown> = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.extensions = extensions;
  }

  get type(): string {
    return `/problems/${this.code}`;
  }

  toJSON(): ProblemBody {
    const body: ProblemBody = { type: this.type, title: this.title, status: this.status };
    if (this.detail !== undefined) body.detail = this.detail;
    // Extensions never override the standard members (an extension named "status" once did).
    return { ...this.extensions, ...body };
  }

  /** Rebuilds a problem received from another service, keeping its type and status. */
  static fromBody(body: ProblemBody): Problem {
    const { type, title, status, detail, ...rest } = body;
    const code = String(type ?? '').replace(/^\/problems\//, '') || 'upstream-error';
    return new Problem(status, code, title, detail, rest);
  }
}

export class NotFound extends Problem {
  constructor(detail: string, code = 'not-found') {
    super(404, code, 'Not found', detail);
  }
}

export class Conflict extends Problem {
  constructor(code: string, title: string, detail?: string, extensions?: Record<string, unknown>) {
    super(409, code, title, detail, extensions);
  }
}

export class Invalid extends Problem {
  constructor(detail: string, errors?: { path: string; message: string }[]) {
    super(422, 'validation-failed', 'Invalid request', detail, errors ? { errors } : {});
  }
}

export class Unauthorized extends Problem {
  constructor(detail = 'a valid bearer token is required') {
    super(401, 'unauthorized', 'Not logged in', detail);
  }
}

export class Forbidden extends Problem {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class ServiceUnavailable extends Problem {
  constructor(service: string, detail: string) {
    super(503, 'service-unavailable', `The ${service} service is unavailable`, detail, { service });
  }
}
