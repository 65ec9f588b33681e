import type { AppError } from '../model/app-error.js';

/**
 * Who receives an event: Mattermost's WebsocketBroadcast. Empty fields do not narrow; the hub
 * applies them in Mattermost's order (admin-only or non-admin data, connection, omitted
 * connection, user, omitted users, channel, team, guest visibility).
 */
export interface Broadcast {
  omit_users: Record<string, true> | null;
  user_id: string;
  channel_id: string;
  team_id: string;
  connection_id: string;
  omit_connection_id: string;
  /** Sanitised for non-admins: only connections without manage_system get it. */
  contains_sanitized_data?: boolean;
  /** Unsanitised: only connections with manage_system get it. */
  contains_sensitive_data?: boolean;
}

/** A Mattermost WebSocket event before it is numbered for a connection. */
export interface OutboundEvent {
  event: string;
  data: Record<string, unknown>;
  broadcast: Broadcast;
  /** Never sent: the user the event is about, for Mattermost's guest visibility rule. */
  subjectUserId?: string;
}

/** A broadcast narrowed by the given fields (none: everyone). */
export function broadcastTo(target: Partial<Broadcast> = {}): Broadcast {
  return { omit_users: null, user_id: '', channel_id: '', team_id: '', connection_id: '', omit_connection_id: '', ...target };
}

/**
 * An event serialised once for all its receivers: every byte but the connection's sequence
 * number, which is appended per frame.
 */
export class PreparedEvent {
  private readonly head: Buffer;

  constructor(readonly source: OutboundEvent) {
    const { contains_sanitized_data: sanitized, contains_sensitive_data: sensitive, ...rest } = source.broadcast;
    // Mattermost leaves both flags out of the JSON unless they are set.
    const broadcast = { ...rest, ...(sanitized ? { contains_sanitized_data: true } : {}), ...(sensitive ? { contains_sensitive_data: true } : {}) };
    const head = `{"event":${JSON.stringify(source.event)},"data":${JSON.stringify(source.data)},"broadcast":${JSON.stringify(broadcast)},"seq":`;
    this.head = Buffer.from(head);
  }

  get event(): string {
    return this.source.event;
  }

  /** The bytes sent to a connection as its event number `seq`. */
  frame(seq: number): Buffer {
    return Buffer.concat([this.head, Buffer.from(`${seq}}`)]);
  }
}

/** The reply to a client's action (Mattermost's WebSocketResponse); `data` is left out when empty. */
export function okResponse(seqReply: number, data?: Record<string, unknown>): string {
  const body: Record<string, unknown> = { status: 'OK', seq_reply: seqReply };
  if (data && Object.keys(data).length > 0) body['data'] = data;
  return JSON.stringify(body);
}

/** A failed action: the AppError without its developer detail, as Mattermost wipes it. */
export function errorResponse(seqReply: number, error: AppError): string {
  const wire = { ...error.toJSON(), detailed_error: '' };
  return JSON.stringify({ status: 'FAIL', seq_reply: seqReply, error: wire });
}
