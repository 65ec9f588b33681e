import { describe, expect, it } from 'vitest';
import { P } from '../model/permissions.js';
import type { MemberRoleFlags } from '../model/team.js';
import { mergeChannelHigherScopedPermissions, resolveChannelMemberRoles, resolveTeamMemberRoles } from './scheme-roles.js';

const member = (explicit: string, guest: boolean, user: boolean, admin: boolean): MemberRoleFlags => ({
  explicit_roles: explicit,
  scheme_guest: guest,
  scheme_user: user,
  scheme_admin: admin,
});

const teamScheme = {
  default_team_guest_role: 'tsguest',
  default_team_user_role: 'tsuser',
  default_team_admin_role: 'tsadmin',
  default_channel_guest_role: 'tscguest',
  default_channel_user_role: 'tscuser',
  default_channel_admin_role: 'tscadmin',
};
const channelScheme = {
  default_channel_guest_role: 'csguest',
  default_channel_user_role: 'csuser',
  default_channel_admin_role: 'csadmin',
};

describe('resolveTeamMemberRoles', () => {
  it.each([
    ['plain user, no scheme', member('', false, true, false), undefined, 'team_user', ''],
    ['admin, no scheme', member('', false, true, true), undefined, 'team_user team_admin', ''],
    ['guest, no scheme', member('', true, false, false), undefined, 'team_guest', ''],
    ['explicit role kept first', member('team_post_all', false, true, false), undefined, 'team_post_all team_user', 'team_post_all'],
    ['legacy role string becomes a flag', member('team_user team_admin', false, false, false), undefined, 'team_user team_admin', ''],
    ['user under a team scheme', member('', false, true, false), teamScheme, 'tsuser', ''],
    ['admin under a team scheme', member('', false, true, true), teamScheme, 'tsuser tsadmin', ''],
    ['guest under a team scheme', member('', true, false, false), teamScheme, 'tsguest', ''],
    ['legacy name under a scheme maps to the scheme role', member('team_admin', false, true, false), teamScheme, 'tsuser tsadmin', ''],
    ['no flags, no roles', member('', false, false, false), undefined, '', ''],
  ])('%s', (_name, flags, scheme, roles, explicit) => {
    const resolved = resolveTeamMemberRoles(flags, scheme);
    expect(resolved.roles.join(' ')).toBe(roles);
    expect(resolved.explicit_roles.join(' ')).toBe(explicit);
  });

  it('reports flags found in legacy role strings', () => {
    expect(resolveTeamMemberRoles(member('team_guest', false, false, false))).toMatchObject({ scheme_guest: true, scheme_user: false });
  });
});

describe('resolveChannelMemberRoles', () => {
  it.each([
    ['no schemes', undefined, undefined, member('', false, true, false), 'channel_user'],
    ['team scheme only', undefined, teamScheme, member('', false, true, true), 'tscuser tscadmin'],
    ['channel scheme wins over team scheme', channelScheme, teamScheme, member('', false, true, true), 'csuser csadmin'],
    ['channel scheme without team scheme', channelScheme, undefined, member('', true, false, false), 'csguest'],
    ['explicit roles stay', undefined, undefined, member('channel_user custom_role', false, false, false), 'custom_role channel_user'],
  ])('%s', (_name, cScheme, tScheme, flags, roles) => {
    expect(resolveChannelMemberRoles(flags, cScheme, tScheme).roles.join(' ')).toBe(roles);
  });

  it('falls back role by role when a scheme leaves one undefined', () => {
    const partial = { ...channelScheme, default_channel_guest_role: '' };
    expect(resolveChannelMemberRoles(member('', true, false, false), partial, teamScheme).roles).toEqual(['tscguest']);
  });
});

describe('mergeChannelHigherScopedPermissions', () => {
  const higher = new Set([P.createPost, P.readChannel, P.addReaction, P.manageTeam]);
  it.each([
    ['moderated permission needs both sides', new Set<string>([]), 'user' as const, false, P.createPost],
    ['moderated permission on both sides is kept', new Set([P.createPost]), 'user' as const, true, P.createPost],
    ['unmoderated permission comes from the higher scope', new Set<string>(), 'user' as const, true, P.readChannel],
    ['admins take the higher scope whole', new Set<string>(), 'admin' as const, true, P.createPost],
    ['non-channel permissions never pass', new Set([P.manageTeam]), 'admin' as const, false, P.manageTeam],
    ['a permission the higher scope lacks is dropped', new Set([P.deletePost]), 'user' as const, false, P.deletePost],
  ])('%s', (_name, role, kind, expected, permission) => {
    expect(mergeChannelHigherScopedPermissions(role, kind, higher).has(permission)).toBe(expected);
  });
});
