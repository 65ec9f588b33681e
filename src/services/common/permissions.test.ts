import { describe, expect, it } from 'vitest';
import { P } from '../../model/permissions.js';
import type { Scheme } from '../../model/scheme.js';
import type { SessionRecord } from '../../model/session.js';
import type { MemberRoleFlags } from '../../model/team.js';
import { systemContext, type RequestContext } from './context.js';
import { Permissions, type ChannelPermissionScope } from './permissions.js';

const roles: Record<string, string[]> = {
  system_user: [P.createTeam],
  system_admin: [P.manageSystem],
  team_user: [P.viewTeam, P.createPublicChannel],
  team_admin: [P.manageTeam],
  channel_user: [P.createPost, P.readChannel],
  channel_admin: [P.manageChannelRoles],
  t_user: [P.viewTeam],
  t_chan_user: [P.readChannel],
  c_user: [],
};

const teamScheme = {
  id: 'teamscheme',
  scope: 'team',
  default_team_user_role: 't_user',
  default_team_admin_role: '',
  default_team_guest_role: '',
  default_channel_user_role: 't_chan_user',
  default_channel_admin_role: '',
  default_channel_guest_role: '',
} as unknown as Scheme; // only the role columns matter here
const channelScheme = { ...teamScheme, id: 'chanscheme', scope: 'channel', default_channel_user_role: 'c_user' };

const permissions = new Permissions({
  permissionsOf: (name) => (roles[name] ? new Set(roles[name]) : undefined),
  scheme: (id) => [teamScheme, channelScheme].find((s) => s.id === id),
});

function caller(systemRoles: string): RequestContext {
  const session = { user_id: 'u', roles: systemRoles } as SessionRecord; // a session reduced to what checks read
  return { requestId: 'r', ip: '', userAgent: '', session, isSystem: false };
}

const member = (admin = false): MemberRoleFlags & { delete_at: number; team_scheme_id: string | null } => ({
  explicit_roles: '',
  scheme_guest: false,
  scheme_user: true,
  scheme_admin: admin,
  delete_at: 0,
  team_scheme_id: null,
});

describe('Permissions, team scope', () => {
  it.each([
    ['a member views the team', member(), P.viewTeam, true],
    ['a member does not manage it', member(), P.manageTeam, false],
    ['a team admin manages it', member(true), P.manageTeam, true],
    ['a removed member has nothing', { ...member(true), delete_at: 5 }, P.viewTeam, false],
    ['a non-member has only system roles', undefined, P.createTeam, true],
    ['the team scheme replaces team_user', { ...member(), team_scheme_id: 'teamscheme' }, P.createPublicChannel, false],
  ])('%s', (_name, membership, permission, expected) => {
    expect(permissions.hasTeamWith(caller('system_user'), 'team', membership, permission)).toBe(expected);
  });

  it('refuses an empty team id and lets the system actor through', () => {
    expect(permissions.hasTeamWith(caller('system_admin'), '', member(), P.viewTeam)).toBe(false);
    expect(permissions.hasTeamWith(systemContext(), 'team', undefined, P.manageTeam)).toBe(true);
  });
});

describe('Permissions, channel scope', () => {
  const scope = (over: Partial<ChannelPermissionScope>): ChannelPermissionScope => ({
    channel: { id: 'c', team_id: 't', scheme_id: null, type: 'O' },
    channelMember: member(),
    team: { id: 't', scheme_id: null },
    teamMember: member(),
    ...over,
  });

  it.each([
    ['a channel member posts', scope({}), P.createPost, true],
    ['a non-member falls back to the team roles', scope({ channelMember: undefined }), P.viewTeam, true],
    ['a non-member may not post', scope({ channelMember: undefined }), P.createPost, false],
    ['the team scheme channel role applies', scope({ team: { id: 't', scheme_id: 'teamscheme' } }), P.createPost, false],
    ['the channel scheme moderates posting away', scope({ channel: { id: 'c', team_id: 't', scheme_id: 'chanscheme', type: 'O' } }), P.createPost, false],
    ['the channel scheme keeps unmoderated reading', scope({ channel: { id: 'c', team_id: 't', scheme_id: 'chanscheme', type: 'O' } }), P.readChannel, true],
  ])('%s', (_name, input, permission, expected) => {
    expect(permissions.hasChannel(caller('system_user'), input, permission)).toBe(expected);
  });

  it('lets manage_system through', () => {
    expect(permissions.hasChannel(caller('system_user system_admin'), scope({ channelMember: undefined }), P.deletePost)).toBe(true);
  });
});
