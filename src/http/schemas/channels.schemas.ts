import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isValidChannelName } from '../../model/channel-names.js';
import { isValidCategoryId } from '../../model/sidebar.js';

const NullableBool = Type.Union([Type.Boolean(), Type.Null()]);

/** A channel as clients send it; unknown fields are ignored, wrong types refused as "channel". */
export const ChannelBody = Type.Object({
  id: Type.Optional(Type.String()),
  team_id: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  display_name: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  header: Type.Optional(Type.String()),
  purpose: Type.Optional(Type.String()),
  delete_at: Type.Optional(Type.Number()),
  group_constrained: Type.Optional(NullableBool),
});

export const ChannelPatchBody = Type.Object({
  display_name: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  header: Type.Optional(Type.String()),
  purpose: Type.Optional(Type.String()),
  group_constrained: Type.Optional(NullableBool),
});

/** Mattermost's ChannelSearch body. */
export const ChannelSearchBody = Type.Object({
  term: Type.Optional(Type.String()),
  team_ids: Type.Optional(Type.Array(Type.String())),
  public: Type.Optional(Type.Boolean()),
  private: Type.Optional(Type.Boolean()),
  deleted: Type.Optional(Type.Boolean()),
  include_deleted: Type.Optional(Type.Boolean()),
  exclude_default_channels: Type.Optional(Type.Boolean()),
  group_constrained: Type.Optional(Type.Boolean()),
  exclude_group_constrained: Type.Optional(Type.Boolean()),
  exclude_policy_constrained: Type.Optional(Type.Boolean()),
  include_search_by_id: Type.Optional(Type.Boolean()),
  not_associated_to_group: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer({ minimum: 0 })),
  per_page: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const ChannelViewBody = Type.Object({
  channel_id: Type.Optional(Type.String()),
  prev_channel_id: Type.Optional(Type.String()),
  collapsed_threads_supported: Type.Optional(Type.Boolean()),
});

export const CategoryBody = Type.Object({
  id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  team_id: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  display_name: Type.Optional(Type.String()),
  sorting: Type.Optional(Type.String()),
  sort_order: Type.Optional(Type.Number()),
  muted: Type.Optional(Type.Boolean()),
  collapsed: Type.Optional(Type.Boolean()),
  channel_ids: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
});

export const ChannelIdParams = Type.Object({ channel_id: Type.String() });
export const ChannelMemberParams = Type.Object({ channel_id: Type.String(), user_id: Type.String() });
export const TeamChannelNameParams = Type.Object({ team_id: Type.String(), channel_name: Type.String() });
export const TeamNameChannelNameParams = Type.Object({ team_name: Type.String(), channel_name: Type.String() });
export const UserTeamParams = Type.Object({ user_id: Type.String(), team_id: Type.String() });
export const UserChannelParams = Type.Object({ user_id: Type.String(), channel_id: Type.String() });
export const CategoryParams = Type.Object({ user_id: Type.String(), team_id: Type.String(), category_id: Type.String() });

export const ChannelListQuery = Type.Object({
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
  include_deleted: Type.Optional(Type.String()),
  last_delete_at: Type.Optional(Type.String()),
});

/** @throws AppError 400 invalid_url_param channel_name unless `raw` is a valid channel name. */
export function requireChannelName(raw: string): string {
  if (!isValidChannelName(raw)) throw AppError.invalidUrlParam('channel_name');
  return raw;
}

/** @throws AppError 400 invalid_url_param category_id */
export function requireCategoryId(raw: string): string {
  if (!isValidCategoryId(raw)) throw AppError.invalidUrlParam('category_id');
  return raw;
}

/** Go's strconv.Atoi as Mattermost's handlers use it for last_delete_at: bad input counts as 0. */
export function parseLastDeleteAt(raw: string | undefined): number {
  const value = Number(raw ?? '');
  return raw !== undefined && /^-?\d+$/.test(raw) && Number.isSafeInteger(value) ? value : 0;
}
