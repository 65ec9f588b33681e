import type { RequestContext } from '../common/context.js';

/** Whether a post exists and the caller may read its channel. */
export type PostReadability = 'readable' | 'forbidden' | 'missing';

/**
 * What saving a `flagged_post` preference asks of the posts area: Mattermost refuses to flag a post
 * that does not exist (400 preference.name) or that the caller cannot read (403).
 */
export interface FlaggablePosts {
  readability(ctx: RequestContext, postId: string): Promise<PostReadability>;
}

/** The stand-in while no post exists: every post is missing, so no post can be flagged. */
export const noFlaggablePosts: FlaggablePosts = {
  readability: async () => 'missing',
};
