import { describe, it, expect } from 'vitest';
import {
  ALL_PERMISSIONS,
  DEFAULT_ROLES,
  DEPRECATED_PERMISSIONS,
  P,
  ROLE_NAMES,
  SYSCONSOLE_ANCILLARY_PERMISSIONS,
  addAncillaryPermissions,
  isKnownPermission,
  isValidRoleName,
} from './permissions.js';

const perms = (role: string): string[] => {
  const r = DEFAULT_ROLES[role];
  if (!r) throw new Error(`no default role ${role}`);
  return r.permissions;
};

describe('permission catalogue', () => {
  it('has unique ids, and no id is both current and deprecated', () => {
    const ids = ALL_PERMISSIONS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(DEPRECATED_PERMISSIONS).size).toBe(DEPRECATED_PERMISSIONS.length);
    for (const d of DEPRECATED_PERMISSIONS) expect(ids).not.toContain(d);
  });

  it('P covers exactly the current permissions, keyed by camelCase id', () => {
    const ids = new Set(ALL_PERMISSIONS.map((p) => p.id));
    const values = Object.values(P);
    expect(new Set(values)).toEqual(ids);
    for (const [key, id] of Object.entries(P)) {
      expect(key).toBe(id.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()));
    }
    expect(P.manageSystem).toBe('manage_system');
    expect(P.editOtherUsers).toBe('edit_other_users');
    expect(P.sysconsoleReadUserManagementUsers).toBe('sysconsole_read_user_management_users');
    expect(P.sysconsoleWriteUserManagementUsers).toBe('sysconsole_write_user_management_users');
  });

  it('gives the scopes Mattermost uses', () => {
    const scope = (id: string) => ALL_PERMISSIONS.find((p) => p.id === id)?.scope;
    expect(scope(P.manageSystem)).toBe('system_scope');
    expect(scope(P.createPost)).toBe('channel_scope');
    expect(scope(P.viewTeam)).toBe('team_scope');
    expect(scope(P.viewMembers)).toBe('team_scope');
    expect(scope(P.getPublicLink)).toBe('system_scope');
    expect(scope(P.editCustomGroup)).toBe('group_scope');
    expect(scope(P.createCustomGroup)).toBe('system_scope');
    expect(scope(P.runCreate)).toBe('playbook_scope');
    expect(scope(P.runView)).toBe('run_scope');
    expect(scope(P.sysconsoleWriteSiteIpFilters)).toBe('system_scope');
  });

  it('every ancillary mapping uses known permissions', () => {
    for (const [key, list] of Object.entries(SYSCONSOLE_ANCILLARY_PERMISSIONS)) {
      expect(key.startsWith('sysconsole_')).toBe(true);
      expect(isKnownPermission(key)).toBe(true);
      for (const p of list) expect(isKnownPermission(p)).toBe(true);
    }
    expect(addAncillaryPermissions([P.sysconsoleWriteEnvironmentSmtp])).toEqual([P.sysconsoleWriteEnvironmentSmtp, P.testEmail]);
  });
});

describe('default roles of a fresh install', () => {
  it('defines every named built-in role, under its own name', () => {
    expect(Object.keys(DEFAULT_ROLES).sort()).toEqual(Object.values(ROLE_NAMES).sort());
    for (const [name, role] of Object.entries(DEFAULT_ROLES)) {
      expect(role.name).toBe(name);
      expect(isValidRoleName(name)).toBe(true);
      expect(role.display_name).toMatch(/^authentication\.roles\.[a-z_]+\.name$/);
      expect(role.description).toMatch(/^authentication\.roles\.[a-z_]+\.description$/);
    }
    expect(DEFAULT_ROLES[ROLE_NAMES.systemAdmin]?.display_name).toBe('authentication.roles.global_admin.name');
    expect(DEFAULT_ROLES[ROLE_NAMES.systemUser]?.display_name).toBe('authentication.roles.global_user.name');
  });

  it('only uses known permissions, without duplicates', () => {
    for (const role of Object.values(DEFAULT_ROLES)) {
      expect(new Set(role.permissions).size).toBe(role.permissions.length);
      for (const p of role.permissions) expect(isKnownPermission(p), `${role.name}: ${p}`).toBe(true);
    }
  });

  it('system_admin holds every current permission and nothing deprecated', () => {
    const admin = perms(ROLE_NAMES.systemAdmin);
    expect(new Set(admin)).toEqual(new Set(ALL_PERMISSIONS.map((p) => p.id)));
    for (const d of DEPRECATED_PERMISSIONS) expect(admin).not.toContain(d);
  });

  it('system_user can create teams and emojis but not manage the system', () => {
    const user = perms(ROLE_NAMES.systemUser);
    expect(user).toContain(P.createTeam);
    expect(user).toContain(P.createEmojis);
    expect(user).toContain(P.createDirectChannel);
    expect(user).not.toContain(P.manageSystem);
    expect(user).not.toContain(P.editOtherUsers);
  });

  it('channel roles carry what the first-start migrations add', () => {
    const channelUser = perms(ROLE_NAMES.channelUser);
    expect(channelUser).toContain(P.createPost);
    expect(channelUser).toContain(P.useGroupMentions);
    expect(channelUser).toContain(P.readPublicChannelGroups);

    const channelAdmin = perms(ROLE_NAMES.channelAdmin);
    expect(channelAdmin).toContain(P.createPost);
    expect(channelAdmin).toContain(P.uploadFile);
    expect(channelAdmin).toContain(P.managePublicChannelMembers);

    const channelGuest = perms(ROLE_NAMES.channelGuest);
    expect(channelGuest).toContain(P.createPost);
    expect(channelGuest).not.toContain(P.useGroupMentions);
  });

  it('team roles match a fresh install', () => {
    expect(perms(ROLE_NAMES.teamUser)).toEqual(expect.arrayContaining([P.viewTeam, P.createPublicChannel, P.playbookPublicCreate]));
    expect(perms(ROLE_NAMES.teamGuest)).toEqual([P.viewTeam]);
    const teamAdmin = perms(ROLE_NAMES.teamAdmin);
    expect(teamAdmin).toEqual(expect.arrayContaining([P.manageTeam, P.createPost, P.useGroupMentions, P.playbookPublicManageRoles]));
    expect(teamAdmin).not.toContain(P.manageSystem);
  });

  it('the user-access-token role grants exactly the token permissions', () => {
    expect(perms(ROLE_NAMES.systemUserAccessToken)).toEqual([P.createUserAccessToken, P.readUserAccessToken, P.revokeUserAccessToken]);
  });

  it('admin-console roles include their ancillary permissions', () => {
    expect(perms(ROLE_NAMES.systemReadOnlyAdmin)).toEqual(
      expect.arrayContaining([P.sysconsoleReadUserManagementUsers, P.readOtherUsersTeams, P.readAudits, P.getAnalytics]),
    );
    expect(perms(ROLE_NAMES.systemReadOnlyAdmin)).not.toContain(P.sysconsoleWriteUserManagementUsers);
    expect(perms(ROLE_NAMES.systemManager)).toEqual(expect.arrayContaining([P.sysconsoleWriteUserManagementTeams, P.manageTeam, P.testEmail]));
    expect(perms(ROLE_NAMES.systemUserManager)).not.toContain(P.editOtherUsers);
  });

  it('scheme_managed / built_in flags follow Mattermost', () => {
    const flags = (n: string) => [DEFAULT_ROLES[n]?.scheme_managed, DEFAULT_ROLES[n]?.built_in];
    expect(flags(ROLE_NAMES.systemAdmin)).toEqual([true, true]);
    expect(flags(ROLE_NAMES.channelUser)).toEqual([true, true]);
    expect(flags(ROLE_NAMES.systemPostAll)).toEqual([false, true]);
    expect(flags(ROLE_NAMES.systemManager)).toEqual([false, true]);
    expect(flags(ROLE_NAMES.customGroupUser)).toEqual([false, false]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_ROLES)).toBe(true);
    expect(Object.isFrozen(perms(ROLE_NAMES.systemUser))).toBe(true);
  });
});

describe('isValidRoleName', () => {
  it('follows the Mattermost rule', () => {
    expect(isValidRoleName('system_user')).toBe(true);
    expect(isValidRoleName('abc123_')).toBe(true);
    expect(isValidRoleName('a'.repeat(64))).toBe(true);
    expect(isValidRoleName('a'.repeat(65))).toBe(false);
    expect(isValidRoleName('')).toBe(false);
    expect(isValidRoleName('System_User')).toBe(false);
    expect(isValidRoleName('team-admin')).toBe(false);
    expect(isValidRoleName('team admin')).toBe(false);
    expect(isValidRoleName('rôle')).toBe(false);
  });
});
