import { event } from '../../events/domain-events.js';
import type { EventBus } from '../../events/event-bus.js';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { ChannelAccess } from '../common/membership.js';

/** The error Mattermost's WebSocket actions answer for a missing or unusable parameter. */
export function invalidWebSocketParam(name: string): AppError {
  return new AppError('api.websocket_handler.invalid_param.app_error', 400, { params: { Name: name } });
}

/** "Someone is typing": checked like posting, announced to the channel, never stored. */
export class TypingService {
  constructor(private readonly deps: { bus: EventBus; channels: ChannelAccess }) {}

  /**
   * The user_typing action. Mattermost refuses an unknown channel, or one the caller may not post
   * in, with the same invalid channel_id error.
   * @throws AppError 400 api.websocket_handler.invalid_param.app_error (channel_id)
   */
  async publishUserTyping(ctx: RequestContext, channelId: unknown, parentId: unknown): Promise<void> {
    if (!isValidId(channelId)) throw invalidWebSocketParam('channel_id');
    if (!(await this.deps.channels.hasChannelPermission(ctx, channelId, P.createPost))) throw invalidWebSocketParam('channel_id');
    const parent = typeof parentId === 'string' ? parentId : '';
    this.deps.bus.publish([event('user.typing', { userId: callerId(ctx), channelId, parentId: parent })]);
  }
}
