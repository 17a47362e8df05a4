// The error every API call throws: the server's RFC 9457 problem document, or a stand-in
// for network failures and non-problem answers, with the human sentence as `message`.
import type { Problem } from '@/api/types';

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly fieldErrors: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, title: string, detail: string, fieldErrors: FieldError[] = [], requestId?: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.fieldErrors = fieldErrors;
    this.requestId = requestId;
  }

  static fromProblem(status: number, problem: Partial<Problem>, requestId?: string | null): ApiError {
    const detail = problem.detail || problem.title || `The server answered ${status}.`;
    return new ApiError(
      problem.status ?? status,
      problem.title ?? 'Error',
      detail,
      Array.isArray(problem.errors) ? problem.errors : [],
      problem.request_id ?? requestId ?? undefined,
    );
  }

  /** The per-field messages keyed by field name (first message wins). */
  fieldMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.fieldErrors) {
      if (!(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }
}

export const NETWORK_ERROR_MESSAGE = 'Cannot reach the Godwit server. Check that it is running and try again.';

/** The sentence to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

export async function readProblem(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id');
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return ApiError.fromProblem(res.status, body, requestId);
    } catch {
      // fall through to the generic message
    }
  }
  return new ApiError(res.status, res.statusText || 'Error', `The server answered ${res.status} ${res.statusText}`.trim() + '.', [], requestId ?? undefined);
}
