import { errorMessage } from './error-messages.js';

export interface AppErrorJson {
  id: string;
  message: string;
  detailed_error: string;
  request_id: string;
  status_code: number;
  is_oauth?: boolean;
}

export interface AppErrorOptions {
  /** Developer detail; sent only in developer mode. */
  details?: string;
  /** Values substituted into the message template ({{.Name}} style keys). */
  params?: Record<string, string | number>;
  cause?: unknown;
  isOAuth?: boolean;
}

/**
 * The one error type that crosses the service boundary. Its JSON is Mattermost's error body; the
 * id is what clients match on, so ids are Mattermost's strings.
 */
export class AppError extends Error {
  readonly id: string;
  readonly statusCode: number;
  detailedError: string;
  requestId = '';
  readonly params: Record<string, string | number> | undefined;
  readonly isOAuth: boolean;

  constructor(id: string, statusCode: number, options: AppErrorOptions = {}) {
    super(errorMessage(id, options.params), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.id = id;
    this.statusCode = statusCode;
    this.detailedError = options.details ?? '';
    this.params = options.params;
    this.isOAuth = options.isOAuth ?? false;
  }

  toJSON(): AppErrorJson {
    const body: AppErrorJson = {
      id: this.id,
      message: this.message,
      detailed_error: this.detailedError,
      request_id: this.requestId,
      status_code: this.statusCode,
    };
    if (this.isOAuth) body.is_oauth = true;
    return body;
  }

  /** 400: a body field is missing or malformed. */
  static invalidParam(name: string, details?: string): AppError {
    return new AppError('api.context.invalid_body_param.app_error', 400, { params: { Name: name }, details: details ?? '' });
  }

  /** 400: a path or query parameter is missing or malformed. */
  static invalidUrlParam(name: string, details?: string): AppError {
    return new AppError('api.context.invalid_url_param.app_error', 400, { params: { Name: name }, details: details ?? '' });
  }

  /** 401: no valid session. */
  static unauthorized(details?: string): AppError {
    return new AppError('api.context.session_expired.app_error', 401, { details: details ?? '' });
  }

  /** 403: the caller lacks `permission`. */
  static forbidden(...permissions: string[]): AppError {
    return new AppError('api.context.permissions.app_error', 403, {
      details: permissions.length ? `permission=${permissions.join(',')}` : '',
    });
  }

  static notFound(id: string, details?: string): AppError {
    return new AppError(id, 404, { details: details ?? '' });
  }

  static badRequest(id: string, details?: string, params?: Record<string, string | number>): AppError {
    return new AppError(id, 400, { details: details ?? '', ...(params ? { params } : {}) });
  }

  static notImplemented(id: string, details?: string): AppError {
    return new AppError(id, 501, { details: details ?? '' });
  }

  static internal(cause: unknown): AppError {
    return new AppError('app.internal_error.app_error', 500, { cause, details: cause instanceof Error ? cause.message : String(cause) });
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
