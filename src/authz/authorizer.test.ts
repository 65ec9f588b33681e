import { describe, expect, it } from 'vitest';
import { P } from '../model/permissions.js';
import type { Scheme } from '../model/scheme.js';
import type { MemberRoleFlags } from '../model/team.js';
import { channelRolesGrant, teamRolesGrant, type RoleGrants } from './authorizer.js';

const table: Record<string, string[]> = {
  system_user: [P.createTeam, P.viewMembers],
  system_admin: [P.manageSystem, P.manageTeam, P.viewTeam, P.createPost],
  system_guest: [P.createDirectChannel],
  team_user: [P.viewTeam, P.inviteUser, P.addUserToTeam],
  team_admin: [P.manageTeam, P.removeUserFromTeam],
  team_guest: [P.viewTeam],
  channel_user: [P.readChannel, P.createPost, P.addReaction],
  channel_admin: [P.manageChannelRoles, P.createPost],
  channel_guest: [P.readChannel],
  s_team_user: [P.viewTeam],
  s_team_admin: [P.manageTeam],
  s_team_guest: [],
  s_chan_user: [P.readChannel, P.createPost, P.addReaction],
  s_chan_admin: [P.manageChannelRoles, P.createPost],
  s_chan_guest: [P.readChannel],
  c_user: [P.readChannel, P.addReaction],
  c_admin: [],
  c_guest: [P.readChannel, P.createPost],
};
const grants: RoleGrants = { permissionsOf: (name) => (table[name] ? new Set(table[name]) : undefined) };

const flags = (kind: 'guest' | 'user' | 'admin' | 'none', explicit = ''): MemberRoleFlags => ({
  explicit_roles: explicit,
  scheme_guest: kind === 'guest',
  scheme_user: kind === 'user' || kind === 'admin',
  scheme_admin: kind === 'admin',
});

const scheme = (scope: 'team' | 'channel', prefix: string): Scheme => ({
  id: `${prefix}id`,
  name: prefix,
  display_name: prefix,
  description: '',
  create_at: 1,
  update_at: 1,
  delete_at: 0,
  scope,
  default_team_guest_role: scope === 'team' ? `${prefix}_team_guest` : '',
  default_team_user_role: scope === 'team' ? `${prefix}_team_user` : '',
  default_team_admin_role: scope === 'team' ? `${prefix}_team_admin` : '',
  default_channel_guest_role: scope === 'team' ? `${prefix}_chan_guest` : `${prefix}_guest`,
  default_channel_user_role: scope === 'team' ? `${prefix}_chan_user` : `${prefix}_user`,
  default_channel_admin_role: scope === 'team' ? `${prefix}_chan_admin` : `${prefix}_admin`,
  default_playbook_admin_role: '',
  default_playbook_member_role: '',
  default_run_admin_role: '',
  default_run_member_role: '',
});

describe('teamRolesGrant', () => {
  const teamScheme = scheme('team', 's');
  it.each([
    ['member may view', ['system_user'], flags('user'), undefined, P.viewTeam, true],
    ['member may not manage', ['system_user'], flags('user'), undefined, P.manageTeam, false],
    ['team admin may manage', ['system_user'], flags('admin'), undefined, P.manageTeam, true],
    ['non-member may not view', ['system_user'], undefined, undefined, P.viewTeam, false],
    ['system admin without membership may manage', ['system_user', 'system_admin'], undefined, undefined, P.manageTeam, true],
    ['guest may view only', ['system_guest'], flags('guest'), undefined, P.viewTeam, true],
    ['guest may not invite', ['system_guest'], flags('guest'), undefined, P.inviteUser, false],
    ['scheme user loses invite_user', ['system_user'], flags('user'), teamScheme, P.inviteUser, false],
    ['scheme user keeps view_team', ['system_user'], flags('user'), teamScheme, P.viewTeam, true],
    ['scheme admin manages', ['system_user'], flags('admin'), teamScheme, P.manageTeam, true],
    ['scheme guest has nothing', ['system_guest'], flags('guest'), teamScheme, P.viewTeam, false],
    ['explicit role adds its permissions', ['system_user'], flags('user', 'team_admin'), undefined, P.removeUserFromTeam, true],
    ['system roles still count for members', ['system_user'], flags('user'), undefined, P.createTeam, true],
  ])('%s', (_name, systemRoles, teamMember, teamScheme, permission, expected) => {
    expect(teamRolesGrant(grants, { systemRoles, teamMember, teamScheme }, permission)).toBe(expected);
  });
});

describe('channelRolesGrant', () => {
  const teamScheme = scheme('team', 's');
  const channelScheme = scheme('channel', 'c');
  const channel = { team_id: 'team' };
  it.each([
    ['channel user posts', flags('user'), undefined, undefined, P.createPost, true],
    ['channel guest reads but does not post', flags('guest'), undefined, undefined, P.createPost, false],
    ['non-member falls back to team roles', undefined, undefined, undefined, P.viewTeam, true],
    ['team scheme channel role applies', flags('admin'), undefined, teamScheme, P.manageChannelRoles, true],
    ['channel scheme moderates create_post away', flags('user'), channelScheme, undefined, P.createPost, false],
    ['channel scheme keeps add_reaction', flags('user'), channelScheme, undefined, P.addReaction, true],
    ['unmoderated permissions come from the higher role', flags('user'), channelScheme, undefined, P.readChannel, true],
    ['moderation cannot add what the higher role lacks', flags('guest'), channelScheme, undefined, P.createPost, false],
    ['channel scheme admin takes the higher admin role', flags('admin'), channelScheme, undefined, P.manageChannelRoles, true],
  ])('%s', (_name, channelMember, cScheme, tScheme, permission, expected) => {
    const input = { systemRoles: ['system_user'], teamMember: flags('user'), teamScheme: tScheme, channel, channelMember, channelScheme: cScheme };
    expect(channelRolesGrant(grants, input, permission)).toBe(expected);
  });

  it('lets manage_system through whatever the channel says', () => {
    expect(channelRolesGrant(grants, { systemRoles: ['system_admin'], channel, channelMember: flags('guest') }, P.deletePost)).toBe(true);
  });

  it('uses only system roles for channels outside teams', () => {
    const input = { systemRoles: ['system_user'], teamMember: flags('admin'), channel: { team_id: '' } };
    expect(channelRolesGrant(grants, input, P.manageTeam)).toBe(false);
    expect(channelRolesGrant(grants, input, P.viewMembers)).toBe(true);
  });
});
