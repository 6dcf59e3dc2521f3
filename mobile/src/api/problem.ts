/** RFC 9457 problem+json as the API sends it (docs/API.md "Errors"). */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The stable code: `code`, else the last segment of `type`. */
  get code(): string | undefined {
    if (this.problem.code) {
      return this.problem.code;
    }
    const type = this.problem.type;
    if (!type || type === 'about:blank') {
      return undefined;
    }
    return type.substring(type.lastIndexOf('/') + 1);
  }

  /** Field errors keyed by JSON path (`price.amount`), the first message per field. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (!(e.field in out)) {
        out[e.field] = e.message;
      }
    }
    return out;
  }
}

/** A request that never reached the server (offline, DNS, reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'Network request failed');
    this.name = 'NetworkError';
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}
