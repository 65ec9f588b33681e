import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../store/store.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { RoleCatalog } from '../roles/role-catalog.js';
import type { SchemeService } from '../schemes/scheme.service.js';
import type { TeamHookList } from '../teams/team-hooks.js';
import type { TeamMemberService } from '../teams/team-member.service.js';
import type { UserQueryService } from '../users/user-query.service.js';
import type { ChannelAccess } from './channel-access.js';
import { ChannelContentSource } from './channel-content.js';
import { ChannelMemberService } from './channel-member.service.js';
import { ChannelMemberCore } from './channel-members-core.js';
import { ChannelQueryService } from './channel-query.service.js';
import { ChannelReadService } from './channel-read.service.js';
import { ChannelSearchService } from './channel-search.service.js';
import { ChannelTeamHooks } from './channel-team-hooks.js';
import { ChannelService } from './channel.service.js';
import { DirectChannelService } from './direct-channel.service.js';
import { SidebarService } from './sidebar.service.js';

/** The channels area as the transports and other areas see it. */
export interface ChannelServices {
  /** Channel permission checks, including `checkCanPost` for the posts area. */
  readonly channelAccess: ChannelAccess;
  readonly channels: ChannelService;
  readonly directChannels: DirectChannelService;
  readonly channelQueries: ChannelQueryService;
  readonly channelSearch: ChannelSearchService;
  readonly channelMembers: ChannelMemberService;
  readonly channelReads: ChannelReadService;
  readonly sidebar: SidebarService;
  /** Where the posts area plugs in pins, files and erasing a channel's posts. */
  readonly channelContent: ChannelContentSource;
}

export interface ChannelServicesDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  roles: RoleCatalog;
  access: ChannelAccess;
  userQueries: UserQueryService;
  teamMembers: TeamMemberService;
  teamHooks: TeamHookList;
  schemes: SchemeService;
}

/** Builds the channels area and plugs it into teams (hooks) and schemes (their channels). */
export function buildChannelServices(deps: ChannelServicesDeps): ChannelServices {
  const { store, uow, config, clock, permissions, roles, access } = deps;
  const content = new ChannelContentSource();
  const core = new ChannelMemberCore({ roles });
  const channels = new ChannelService({ store, uow, config, clock, permissions, access, members: core, content });
  const channelMembers = new ChannelMemberService({ store, uow, clock, permissions, roles, access, members: core, teamMembers: deps.teamMembers });
  const sidebar = new SidebarService({ store, uow, clock, permissions, members: core });
  deps.teamHooks.register(new ChannelTeamHooks({ config, clock, channels, members: core, memberships: channelMembers, sidebar }));
  deps.schemes.channels = channels;
  return {
    channelAccess: access,
    channels,
    directChannels: new DirectChannelService({ store, uow, config, clock, permissions, members: core, userQueries: deps.userQueries }),
    channelQueries: new ChannelQueryService({ store, config, permissions, access, content }),
    channelSearch: new ChannelSearchService({ store, config, permissions }),
    channelMembers,
    channelReads: new ChannelReadService({ store, uow, clock, permissions, access }),
    sidebar,
    channelContent: content,
  };
}
