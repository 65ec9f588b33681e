import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import type { LiveConfig } from '../config/live-config.js';
import { newId } from '../model/ids.js';
import type { Services } from '../services/services.js';
import { registerAuth } from './plugins/auth.js';
import { frameworkAppError, handleClientError, registerErrorHandler, sendAppError } from './plugins/error-handler.js';
import { registerInputGuard } from './plugins/input-guard.js';
import { registerRateLimit, type RateLimitStore } from './plugins/rate-limit.js';
import { apiRoutes } from './routes/index.js';
import { escapeHtml } from './web/html.js';
import { oauthWebRoutes } from './web/oauth.routes.js';
import './request-context.js';

export type App = FastifyInstance;

export interface HttpOptions {
  services: Services;
  config: LiveConfig;
  logger: FastifyBaseLogger;
  rateLimitStore?: RateLimitStore;
}

/** Builds the HTTP server (not listening): plugins, hooks, error shape, and every route. */
export async function buildHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const { config, services } = options;
  const versionId = (): string => services.system.versionId();
  const app = Fastify({
    loggerInstance: options.logger,
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    genReqId: () => newId(),
    bodyLimit: Math.max(config.get().ServiceSettings.MaximumPayloadSizeBytes, 1024 * 1024),
    trustProxy: config.get().ServiceSettings.TrustedProxyIPHeader.length > 0,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // Raised before hooks and the error handler run; answered in the same shape as every other error.
    clientErrorHandler: handleClientError,
    frameworkErrors: (error, request, reply) => {
      reply.header('X-Request-Id', request.id).header('X-Version-Id', versionId());
      void sendAppError(reply, request, frameworkAppError(error), config);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.get().FileSettings.MaxFileSize, files: 20, fields: 50 },
  });

  // Mattermost reads every body as JSON whatever its Content-Type (curl -d sends a form type), so
  // any type not claimed by a more specific parser is parsed as JSON.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, parseJsonBody);
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJsonBody);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Version-Id', versionId());
  });
  // Once the server is closing, answers ask clients to drop the connection: a keep-alive connection
  // whose request was in flight at close would otherwise hold close() open until it times out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Mattermost's clients parse a body only when the type is exactly application/json.
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json;')) reply.header('content-type', 'application/json');
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  registerErrorHandler(app, config);
  registerRateLimit(app, config, options.rateLimitStore, services.clock);
  registerAuth(app, { sessions: services.sessions, config, users: services.users });
  registerInputGuard(app);

  await app.register(apiRoutes, { prefix: '/api/v4', services });
  await app.register(oauthWebRoutes, { services });

  app.get('/', { config: { auth: 'none' } }, async (_request, reply) => {
    const siteName = config.get().TeamSettings.SiteName;
    return reply
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(siteName)}</title></head>` +
        `<body><h1>${escapeHtml(siteName)}</h1><p>This server speaks the Mattermost API v4 at <code>/api/v4</code>. ` +
        `Connect with any Mattermost client.</p></body></html>`);
  });
  return app;
}

function parseJsonBody(_request: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(null, undefined);
    return;
  }
  try {
    // Refuses __proto__ and constructor.prototype keys, which could poison objects built from the body.
    done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    Object.assign(failure, { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    done(failure);
  }
}
