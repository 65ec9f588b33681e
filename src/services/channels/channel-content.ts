import type { ChannelRecord } from '../../model/channel.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';

/** Mattermost's PostList JSON, as GET /channels/{id}/pinned answers it. */
export interface PostList {
  order: string[];
  posts: Record<string, unknown>;
  next_post_id: string;
  prev_post_id: string;
  has_next: boolean;
}

/**
 * What a channel holds besides its members: posts, pins and files. The posts area provides it
 * (`services.channelContent.provide(...)`); until then a channel is empty.
 */
export interface ChannelContent {
  /** The channel's pinned posts, newest first, as the caller may see them. */
  pinnedPosts(ctx: RequestContext, channel: ChannelRecord): Promise<PostList>;
  pinnedPostCount(channelId: string): Promise<number>;
  fileCount(channelId: string): Promise<number>;
  /** Erases everything in the channel, inside the transaction that erases the channel. */
  eraseChannel(tx: Store, channel: ChannelRecord): Promise<void>;
}

export function emptyPostList(): PostList {
  return { order: [], posts: {}, next_post_id: '', prev_post_id: '', has_next: false };
}

/** Routes channel content questions to the provider, answering "nothing" while there is none. */
export class ChannelContentSource implements ChannelContent {
  private provider: ChannelContent | undefined;

  provide(provider: ChannelContent): void {
    this.provider = provider;
  }

  pinnedPosts(ctx: RequestContext, channel: ChannelRecord): Promise<PostList> {
    return this.provider ? this.provider.pinnedPosts(ctx, channel) : Promise.resolve(emptyPostList());
  }

  pinnedPostCount(channelId: string): Promise<number> {
    return this.provider ? this.provider.pinnedPostCount(channelId) : Promise.resolve(0);
  }

  fileCount(channelId: string): Promise<number> {
    return this.provider ? this.provider.fileCount(channelId) : Promise.resolve(0);
  }

  async eraseChannel(tx: Store, channel: ChannelRecord): Promise<void> {
    if (this.provider) await this.provider.eraseChannel(tx, channel);
  }
}
