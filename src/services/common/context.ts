import type { SessionRecord } from '../../model/session.js';

/**
 * Who is asking and from where. Built by the transport (HTTP, WebSocket) or by internal callers;
 * services take it as their first argument and check permissions against it.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly ip: string;
  readonly userAgent: string;
  /** The authenticated session; undefined for anonymous callers and for the system actor. */
  readonly session: SessionRecord | undefined;
  /** True for work the server does on its own behalf (jobs, start-up); permission checks pass. */
  readonly isSystem: boolean;
  /** True when the token came from a cookie (CSRF has been checked by the transport). */
  readonly viaCookie?: boolean;
}

/** The server acting for itself: every permission check passes, and that is explicit at the call site. */
export function systemContext(requestId = 'system'): RequestContext {
  return { requestId, ip: '', userAgent: '', session: undefined, isSystem: true };
}

export function anonymousContext(requestId: string, ip = '', userAgent = ''): RequestContext {
  return { requestId, ip, userAgent, session: undefined, isSystem: false };
}

/** The caller's user id, or '' for anonymous and system callers. */
export function callerId(ctx: RequestContext): string {
  return ctx.session?.user_id ?? '';
}
