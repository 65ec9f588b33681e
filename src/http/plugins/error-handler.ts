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
    appError.requestId = request.id;
    if (appError.statusCode >= 500) request.log.error({ err: error }, appError.id);
    else request.log.debug({ err: appError }, appError.id);
    const body = appError.toJSON();
    if (!config.get().ServiceSettings.EnableDeveloper) body.detailed_error = '';
    return reply.code(appError.statusCode).header('content-type', 'application/json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const error = AppError.notFound('api.context.404.app_error', `path=${request.url.split('?')[0] ?? ''}`);
    error.requestId = request.id;
    const body = error.toJSON();
    if (!config.get().ServiceSettings.EnableDeveloper) body.detailed_error = '';
    return reply.code(404).header('content-type', 'application/json').send(body);
  });
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
