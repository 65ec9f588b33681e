import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
}

/**
 * The single place errors become responses: every error leaves as Mattermost's AppError JSON with
 * the request id; unknown errors are logged and hidden behind a 500.
 */
export function registerErrorHandler(app: FastifyInstance, config: LiveConfig): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, request);
    if (appError.statusCode >= 500) request.log.error({ err: error }, appError.id);
    else request.log.debug({ err: appError }, appError.id);
    return sendAppError(reply, request, appError, config);
  });

  app.setNotFoundHandler((request, reply) => {
    return sendAppError(reply, request, AppError.notFound('api.context.404.app_error', `path=${request.url.split('?')[0] ?? ''}`), config);
  });
}

/** Writes `error` as Mattermost's error JSON with the request id; the detail only in developer mode. */
export function sendAppError(reply: FastifyReply, request: FastifyRequest, error: AppError, config: LiveConfig): FastifyReply {
  error.requestId = request.id;
  const body = error.toJSON();
  if (!config.get().ServiceSettings.EnableDeveloper) body.detailed_error = '';
  // Sent as bytes: Fastify appends "; charset=utf-8" to JSON it serialises, and errors raised before
  // routing skip the onSend hook that would take it off again.
  return reply.code(error.statusCode).header('content-type', 'application/json').send(Buffer.from(JSON.stringify(body)));
}

/**
 * Errors Fastify raises before routing (a URL that does not decode, a path parameter longer than
 * the router allows) as AppErrors. Mattermost answers both as an invalid URL parameter.
 */
export function frameworkAppError(error: Partial<FastifyError>): AppError {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return AppError.invalidUrlParam('url', error.message);
  }
  return AppError.internal(error);
}

function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: ValidationIssue[]; validationContext?: string };
  const configuredName = request.routeOptions.config.bodyName;
  const bodyName = configuredName ?? 'body';
  if (fastifyError.validation) {
    const issue = fastifyError.validation[0];
    if (fastifyError.validationContext === 'body') {
      // Mattermost decodes whole objects ("user", "team"...) and names the object when any field is
      // of the wrong type; bodies of loose fields name the field.
      return AppError.invalidParam(configuredName ?? fieldName(issue) ?? bodyName, fastifyError.message);
    }
    return AppError.invalidUrlParam(fieldName(issue) ?? 'params', fastifyError.message);
  }
  const code = fastifyError.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('api.context.request_body_too_large.app_error', 413, { details: fastifyError.message ?? '' });
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return AppError.invalidParam(bodyName, fastifyError.message);
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError('api.context.invalid_content_type.app_error', 415, { details: fastifyError.message ?? '' });
  }
  if (error instanceof SyntaxError) return AppError.invalidParam(bodyName, error.message);
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('api.context.invalid_param.app_error', status, { details: fastifyError.message ?? '' });
  }
  return AppError.internal(error);
}

function fieldName(issue: ValidationIssue | undefined): string | undefined {
  if (!issue) return undefined;
  const missing = issue.params?.['requiredProperties'] ?? issue.params?.['missingProperty'];
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  if (Array.isArray(missing) && typeof missing[0] === 'string') path.push(missing[0]);
  else if (typeof missing === 'string') path.push(missing);
  const first = path.find((p) => !/^\d+$/.test(p));
  return first;
}

/**
 * Answers requests Node cannot even parse (headers or URL over the size limit, a broken request
 * line, a client too slow to send its headers) with the AppError shape too, before closing the
 * connection. There is no request yet, so no request id.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, id] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'api.context.request_headers_too_large.app_error']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'api.context.request_timeout.app_error']
        : [400, 'api.context.malformed_request.app_error'];
  const body = JSON.stringify({ ...new AppError(id, status).toJSON(), detailed_error: '' });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };
