import type { Client4 } from '@mattermost/client';
import type { Group } from '@mattermost/types/groups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { grantPermissions, revokePermissions } from '../helpers/roles.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

const GROUP_PERMISSIONS = ['edit_custom_group', 'delete_custom_group', 'restore_custom_group', 'manage_custom_group_members'];

describe('custom user groups', () => {
  let th: TestHelper;
  let group: Group;
  const events: DomainEvent[] = [];

  const newGroup = (extra: Record<string, unknown> = {}) => {
    const name = uniqueName('grp');
    return th.client.createGroupWithUserIds({
      name,
      display_name: `Group ${name}`,
      source: 'custom',
      allow_reference: true,
      user_ids: [th.basicUser.id],
      ...extra,
    });
  };
  /** Client4 types patches as whole custom groups; Mattermost takes any subset. */
  const patchGroup = (client: Client4, id: string, patch: Record<string, unknown>) =>
    client.patchGroup(id, patch as unknown as Parameters<Client4['patchGroup']>[1]);
  const get = (path: string, token = th.client.getToken()) => rawRequest(th.url, 'GET', `/api/v4${path}`, { token });

  beforeAll(async () => {
    th = await TestHelper.setup((config) => {
      config.ServiceSettings.EnableBotAccountCreation = true;
    });
    await th.initBasic();
    th.server.app.services.bus.subscribe((e) => events.push(e));
    group = await th.client.createGroupWithUserIds({
      name: 'oncall',
      display_name: 'On call',
      description: 'who answers the pager',
      source: 'custom',
      allow_reference: true,
      user_ids: [th.basicUser.id, th.basicUser2.id],
    });
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('creates a mentionable custom group with its members, as any member of the server may', () => {
    expect(group).toMatchObject({
      name: 'oncall',
      display_name: 'On call',
      description: 'who answers the pager',
      source: 'custom',
      remote_id: null,
      delete_at: 0,
      has_syncables: false,
      allow_reference: true,
      member_count: 2,
      member_ids: null,
    });
    const created = events.filter((e) => e.type === 'group.created' || e.type === 'group.members_added').map((e) => e.type);
    expect(created).toEqual(['group.created', 'group.members_added']);
  });

  it('reads a group, with member count and ids on request', async () => {
    const plain = await th.client2.getGroup(group.id);
    expect(plain).toMatchObject({ id: group.id, name: 'oncall', member_ids: null });
    expect(plain.member_count).toBeUndefined();
    expect((await th.client2.getGroup(group.id, true)).member_count).toBe(2);
    const withIds = await get(`/groups/${group.id}?include_member_ids=true`);
    expect([...(withIds.json.member_ids as string[])].sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
    expectErrorBody(await get(`/groups/${'z'.repeat(26)}`), 404, 'app.group.no_rows');
    expectErrorBody(await get('/groups/bad-id'), 400, 'api.context.invalid_url_param.app_error');
  });

  it('answers the incident bot\'s `curl -H "Authorization: Bearer $TOKEN" $URL/api/v4/groups`', async () => {
    const bot = await th.adminClient.createBot({ username: uniqueName('impulse'), display_name: 'IMPulse' });
    await th.adminClient.updateUserRoles(bot.user_id, 'system_user system_admin');
    const token = await th.adminClient.createUserAccessToken(bot.user_id, 'IMPulse');
    const response = await fetch(`${th.url}/api/v4/groups`, { headers: { Authorization: `Bearer ${token.token}` } });
    expect(response.status).toBe(200);
    const groups = (await response.json()) as Group[];
    expect(groups.find((g) => g.id === group.id)).toMatchObject({ name: 'oncall', display_name: 'On call' });
    const one = await get(`/groups/${group.id}`, token.token);
    expect(one.json.name).toBe('oncall');
  });

  it('refuses bad groups with Mattermost error ids', async () => {
    await expectAppError(newGroup({ source: 'ldap' }), 400, 'app.group.crud_permission');
    await expectAppError(newGroup({ allow_reference: false }), 400, 'api.custom_groups.must_be_referenceable');
    await expectAppError(newGroup({ remote_id: 'r1' }), 400, 'api.custom_groups.no_remote_id');
    await expectAppError(newGroup({ name: 'Bad Name' }), 400, 'model.group.name.invalid_chars.app_error');
    await expectAppError(newGroup({ name: 'here' }), 400, 'model.group.name.reserved_name.app_error');
    await expectAppError(newGroup({ name: null }), 400, 'model.group.name.app_error');
    await expectAppError(newGroup({ name: 'x'.repeat(65) }), 400, 'model.group.name.invalid_length.app_error');
    await expectAppError(newGroup({ display_name: '' }), 400, 'model.group.display_name.app_error');
    await expectAppError(newGroup({ name: th.basicUser2.username }), 400, 'app.group.username_conflict');
    await expectAppError(newGroup({ name: 'oncall' }), 400, 'app.custom_group.unique_name');
    await expectAppError(newGroup({ user_ids: ['y'.repeat(26)] }), 404, 'app.user.missing_account.const');
    const token = th.client.getToken();
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/groups', { token, body: '{"name":' }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/groups', { token, body: { name: 1 } }), 400, 'api.context.invalid_body_param.app_error');
  });

  it('patches a group and keeps names unique among users and mentionable groups', async () => {
    const mine = await newGroup();
    const patched = await patchGroup(th.client, mine.id, { display_name: 'Renamed', description: 'new' });
    expect(patched).toMatchObject({ id: mine.id, display_name: 'Renamed', description: 'new', member_count: 1 });
    await expectAppError(patchGroup(th.client, mine.id, { name: 'oncall' }), 400, 'app.custom_group.unique_name');
    await expectAppError(patchGroup(th.client, mine.id, { allow_reference: false }), 400, 'api.custom_groups.must_be_referenceable');
    await expectAppError(patchGroup(th.client, mine.id, { name: th.basicUser.username, allow_reference: true }), 400, 'api.ldap_groups.existing_user_name_error');
    await expectAppError(patchGroup(th.client, mine.id, { name: 'oncall', allow_reference: true }), 400, 'api.ldap_groups.existing_group_name_error');
    await expectAppError(patchGroup(th.client, mine.id, { name: th.basicUser.username }), 400, 'app.group.username_conflict');
  });

  it('adds and removes members', async () => {
    const mine = await newGroup();
    const added = await th.client.addUsersToGroup(mine.id, [th.basicUser2.id, th.systemAdminUser.id]);
    expect(added.map((m) => m.user_id).sort()).toEqual([th.basicUser2.id, th.systemAdminUser.id].sort());
    expect(added[0]).toMatchObject({ group_id: mine.id, delete_at: 0 } as never);
    const listed = await get(`/groups/${mine.id}/members?per_page=2`);
    expect(listed.json.total_member_count).toBe(3);
    expect(listed.json.members).toHaveLength(2);

    const removed = await th.client.removeUsersFromGroup(mine.id, [th.basicUser2.id]);
    expect((removed[0] as unknown as { delete_at: number }).delete_at).toBeGreaterThan(0);
    expect((await th.client.getGroup(mine.id, true)).member_count).toBe(2);
    await expectAppError(th.client.removeUsersFromGroup(mine.id, [th.basicUser2.id]), 404, 'app.group.no_rows');
    // Added again, the member is back.
    await th.client.addUsersToGroup(mine.id, [th.basicUser2.id]);
    expect((await th.client.getGroup(mine.id, true)).member_count).toBe(3);

    const token = th.client.getToken();
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/groups/${mine.id}/members`, { token, body: { user_ids: ['nope'] } }), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(th.client.addUsersToGroup(mine.id, ['q'.repeat(26)]), 404, 'app.user.missing_account.const');
    const memberEvents = events.filter((e) => e.type === 'group.members_removed');
    expect(memberEvents.length).toBeGreaterThan(0);
  });

  it('searches and filters the group list', async () => {
    const searchable = await newGroup({ display_name: 'Database Guild' });
    const ids = (groups: Group[]) => groups.map((g) => g.id);
    expect(ids(await th.client.getGroups({ q: 'database guild' } as never))).toContain(searchable.id);
    expect(ids(await th.client.getGroups({ q: searchable.name } as never))).toContain(searchable.id);
    expect(ids(await th.client.getGroups({ q: 'no-such-group' } as never))).toEqual([]);
    const counted = await th.client.getGroups({ q: 'oncall', include_member_count: true } as never);
    expect(counted[0]?.member_count).toBe(2);
    const paged = await get('/groups?per_page=1&page=0');
    expect(paged.json).toHaveLength(1);
    const withTotal = await get('/groups?include_total_count=true');
    expect(withTotal.json.total_count).toBeGreaterThanOrEqual(2);
    const byMember = await get(`/groups?filter_has_member=${th.basicUser2.id}`);
    expect((byMember.json as Group[]).map((g) => g.id)).toContain(group.id);
    expectErrorBody(await get('/groups?since=yesterday'), 400, 'api.context.invalid_body_param.app_error');
  });

  it('archives and restores a group', async () => {
    const doomed = await newGroup();
    const deleted = await rawRequest(th.url, 'DELETE', `/api/v4/groups/${doomed.id}`, { token: th.client.getToken() });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id: doomed.id, member_count: 1 });
    const archived = await get(`/groups/${doomed.id}`);
    expect(archived.json.delete_at).toBeGreaterThan(0);
    const listed = async (query: string) => ((await get(`/groups?per_page=200${query}`)).json as Group[]).map((g) => g.id);
    expect(await listed('')).not.toContain(doomed.id);
    expect(await listed('&include_archived=true')).toContain(doomed.id);
    expect(await listed('&filter_archived=true')).toEqual([doomed.id]);
    expectErrorBody(await rawRequest(th.url, 'DELETE', `/api/v4/groups/${doomed.id}`, { token: th.client.getToken() }), 404, 'app.group.no_rows');

    const restored = await rawRequest(th.url, 'POST', `/api/v4/groups/${doomed.id}/restore`, { token: th.client.getToken() });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id: doomed.id, delete_at: 0, member_count: 1 });
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/groups/${doomed.id}/restore`, { token: th.client.getToken() }), 404, 'app.group.no_rows');
  });

  it('lists a user\'s groups and the group stats for those allowed', async () => {
    const mine = await th.client2.getGroupsByUserId(th.basicUser2.id);
    expect(mine.map((g) => g.id)).toContain(group.id);
    await expectAppError(th.client.getGroupsByUserId(th.basicUser2.id), 403, 'api.context.permissions.app_error');
    expect((await th.adminClient.getGroupsByUserId(th.basicUser2.id)).map((g) => g.id)).toContain(group.id);
    expect(await th.adminClient.getGroupStats(group.id)).toEqual({ group_id: group.id, total_member_count: 2 });
    await expectAppError(th.client.getGroupStats(group.id), 403, 'api.context.permissions.app_error');
  });

  it('finds groups by name, and resolves @group mentions for the posts area', async () => {
    const byName = await rawRequest(th.url, 'POST', '/api/v4/groups/names', { token: th.client.getToken(), body: ['oncall', 'nobody'] });
    expect(byName.status).toBe(200);
    expect(byName.json).toHaveLength(1);
    expect(byName.json[0]).toMatchObject({ id: group.id, member_count: 2 });
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/groups/names', { token: th.client.getToken(), body: { names: 1 } }), 400, 'api.payload.parse.error');
    const mentions = await th.server.app.services.groupMembers.groupMemberIdsByName(['oncall', 'nobody']);
    expect([...mentions.keys()]).toEqual(['oncall']);
    expect([...(mentions.get('oncall') ?? [])].sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
  });

  it('needs the custom group permissions, which members may hold through custom_group_user', async () => {
    const target = await newGroup();
    await revokePermissions(th.server, 'system_user', GROUP_PERMISSIONS);
    try {
      await expectAppError(patchGroup(th.client2, target.id, { display_name: 'x' }), 403, 'api.context.permissions.app_error');
      await expectAppError(th.client2.addUsersToGroup(target.id, [th.basicUser2.id]), 403, 'api.context.permissions.app_error');
      await expectAppError(patchGroup(th.client, target.id, { display_name: 'x' }), 403, 'api.context.permissions.app_error');
      expectErrorBody(await rawRequest(th.url, 'DELETE', `/api/v4/groups/${target.id}`, { token: th.client.getToken() }), 403, 'api.context.permissions.app_error');

      await grantPermissions(th.server, 'custom_group_user', ['edit_custom_group']);
      // The member may now edit the group; someone outside it still may not.
      expect((await patchGroup(th.client, target.id, { display_name: 'by a member' })).display_name).toBe('by a member');
      await expectAppError(patchGroup(th.client2, target.id, { display_name: 'x' }), 403, 'api.context.permissions.app_error');
    } finally {
      await revokePermissions(th.server, 'custom_group_user', ['edit_custom_group']);
      await grantPermissions(th.server, 'system_user', GROUP_PERMISSIONS);
    }
    await revokePermissions(th.server, 'system_user', ['create_custom_group']);
    try {
      await expectAppError(newGroup(), 403, 'api.context.permissions.app_error');
    } finally {
      await grantPermissions(th.server, 'system_user', ['create_custom_group']);
    }
  });

  it('has no team or channel links: lookups answer as for a group without any', async () => {
    const admin = th.adminClient.getToken();
    expect((await get(`/groups/${group.id}/teams`, admin)).json).toEqual([]);
    expect((await get(`/groups/${group.id}/channels`, admin)).json).toEqual([]);
    expectErrorBody(await get(`/groups/${group.id}/teams`), 403, 'api.context.permissions.app_error');
    expectErrorBody(await get(`/groups/${group.id}/teams/${'t'.repeat(26)}`, admin), 404, 'app.group.no_rows');
    const link = await rawRequest(th.url, 'POST', `/api/v4/groups/${group.id}/teams/${'t'.repeat(26)}/link`, { token: admin, body: { auto_add: true } });
    expectErrorBody(link, 400, 'app.group.crud_permission');
    expectErrorBody(await get(`/teams/${'t'.repeat(26)}/groups`), 403, 'api.context.permissions.app_error');
    expectErrorBody(await get('/ldap/groups', admin), 501, 'api.ldap_groups.not_available.app_error');
    expectErrorBody(await get('/ldap/groups'), 403, 'api.context.permissions.app_error');
    expectErrorBody(await get(`/groups?not_associated_to_team=${'t'.repeat(26)}`), 404, 'app.team.get.find.app_error');
  });

  it('answers 400 while custom groups are switched off, and lists none', async () => {
    th.updateConfig((c) => {
      c.ServiceSettings.EnableCustomGroups = false;
    });
    try {
      await expectAppError(newGroup(), 400, 'api.custom_groups.feature_disabled');
      await expectAppError(th.client.getGroup(group.id), 400, 'api.custom_groups.feature_disabled');
      await expectAppError(th.client.addUsersToGroup(group.id, [th.basicUser.id]), 400, 'api.custom_groups.feature_disabled');
      expectErrorBody(await get('/groups?group_source=custom'), 400, 'api.custom_groups.feature_disabled');
      expect((await get('/groups')).json).toEqual([]);
      const flags = await rawRequest(th.url, 'GET', '/api/v4/config/client?format=old', { token: th.client.getToken() });
      expect(flags.json.EnableCustomGroups).toBe('false');
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.EnableCustomGroups = true;
      });
    }
  });
});
