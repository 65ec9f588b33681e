import type { RequestContext } from '../services/common/context.js';

export type AuthMode = 'required' | 'optional' | 'none';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the auth hook before any handler runs. */
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** 'required' (default): 401 without a session; 'optional': anonymous allowed; 'none': no lookup. */
    auth?: AuthMode;
    /** Name used in invalid_body_param errors when the whole body is unreadable (Mattermost's names: "user", "team"...). */
    bodyName?: string;
    /** Reachable without MFA when EnforceMultifactorAuthentication is on (Mattermost's APISessionRequiredMfa). */
    mfaExempt?: boolean;
  }
}
