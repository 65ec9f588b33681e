import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';
import { EventWatchers } from '../helpers/websocket.js';

describe('team and group websocket events', () => {
  let th: TestHelper;
  let team: Team;
  let outsider: UserProfile;
  let ws: EventWatchers;
  const collect = (action: () => Promise<unknown>) => ws.collect(action);

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    outsider = (await th.createUser()).user;
    ws = await EventWatchers.connect(th, (await th.login(outsider.username)).getToken());
  });
  afterAll(async () => {
    await ws.close();
    await th.tearDown();
  });

  it('sends added_to_team to the user who joins, and leave_team to the team and to the user who leaves', async () => {
    const joined = await collect(() => th.adminClient.addToTeam(team.id, outsider.id));
    expect(joined(ws.other, 'added_to_team')).toEqual([
      expect.objectContaining({ data: { team_id: team.id, user_id: outsider.id }, broadcast: expect.objectContaining({ user_id: outsider.id }) }),
    ]);
    for (const socket of [ws.admin, ws.basic, ws.basic2]) expect(joined(socket, 'added_to_team')).toEqual([]);
    // Its default channels tell their members.
    expect(joined(ws.basic, 'user_added').map((m) => m.data.user_id)).toContain(outsider.id);

    const left = await collect(() => th.adminClient.removeFromTeam(team.id, outsider.id));
    const data = { user_id: outsider.id, team_id: team.id };
    for (const socket of [ws.admin, ws.basic, ws.basic2]) {
      expect(left(socket, 'leave_team')).toEqual([expect.objectContaining({ data, broadcast: expect.objectContaining({ team_id: team.id, omit_users: { [outsider.id]: true } }) })]);
    }
    expect(left(ws.other, 'leave_team')).toEqual([expect.objectContaining({ data, broadcast: expect.objectContaining({ user_id: outsider.id }) })]);

    // Gone from the team at once: its team events no longer reach the user.
    const after = await collect(() => th.adminClient.patchTeam({ id: team.id, description: 'after leaving' }));
    expect(after(ws.other, 'update_team')).toEqual([]);
    expect(after(ws.basic, 'update_team')).toHaveLength(1);
  });

  it('sends update_team to the members with the team sanitised, as a JSON string', async () => {
    const got = await collect(() => th.adminClient.patchTeam({ id: team.id, display_name: 'Renamed team' }));
    for (const socket of [ws.admin, ws.basic, ws.basic2]) {
      const [message] = got(socket, 'update_team');
      expect(got(socket, 'update_team')).toHaveLength(1);
      expect(message?.broadcast).toMatchObject({ team_id: team.id, user_id: '', channel_id: '' });
      expect(JSON.parse(message?.data.team as string)).toMatchObject({ id: team.id, display_name: 'Renamed team', invite_id: '', email: '' });
    }
    expect(got(ws.other, 'update_team')).toEqual([]);
  });

  it('sends memberrole_updated with the membership as a JSON string to the member only', async () => {
    const got = await collect(() => th.adminClient.updateTeamMemberSchemeRoles(team.id, th.basicUser2.id, true, true));
    const [message] = got(ws.basic2, 'memberrole_updated');
    expect(message?.broadcast).toMatchObject({ user_id: th.basicUser2.id });
    expect(JSON.parse(message?.data.member as string)).toMatchObject({ team_id: team.id, user_id: th.basicUser2.id, scheme_admin: true, roles: expect.stringContaining('team_admin') });
    for (const socket of [ws.admin, ws.basic, ws.other]) expect(got(socket, 'memberrole_updated')).toEqual([]);
    await th.adminClient.updateTeamMemberSchemeRoles(team.id, th.basicUser2.id, true, false);
  });

  it('sends update_team_scheme, delete_team and restore_team to the members', async () => {
    const scheme = await th.adminClient.createScheme({ display_name: uniqueName('scheme'), scope: 'team', description: '' });
    const schemed = await collect(() => th.adminClient.updateTeamScheme(team.id, scheme.id));
    for (const socket of [ws.admin, ws.basic, ws.basic2]) {
      expect(got1(schemed(socket, 'update_team_scheme')).scheme_id).toBe(scheme.id);
    }
    expect(schemed(ws.other, 'update_team_scheme')).toEqual([]);

    const archived = await collect(() => th.adminClient.deleteTeam(team.id));
    for (const socket of [ws.admin, ws.basic, ws.basic2]) expect(got1(archived(socket, 'delete_team')).delete_at).toBeGreaterThan(0);
    expect(archived(ws.other, 'delete_team')).toEqual([]);

    const restored = await collect(() => th.adminClient.unarchiveTeam(team.id));
    for (const socket of [ws.admin, ws.basic, ws.basic2]) expect(got1(restored(socket, 'restore_team')).delete_at).toBe(0);
    expect(restored(ws.other, 'restore_team')).toEqual([]);
  });

  it('tells the members of an erased team, whose channels go with it', async () => {
    const doomed = await th.createBasicTeam();
    const channel = await createChannel(th.client, doomed.id, { type: 'P' });
    await th.client.addToChannel(th.basicUser2.id, channel.id);
    // The sets are known before the team goes, as they are for any team in use.
    await collect(() => th.adminClient.patchTeam({ id: doomed.id, description: 'about to go' }).then(() => th.client.patchChannel(channel.id, { header: 'about to go' })));
    const erased = await th.withConfig(
      (c) => {
        c.ServiceSettings.EnableAPITeamDeletion = true;
      },
      () => collect(() => rawRequest(th.url, 'DELETE', `/api/v4/teams/${doomed.id}?permanent=true`, { token: th.adminClient.getToken() })),
    );
    for (const socket of [ws.admin, ws.basic, ws.basic2]) expect(got1(erased(socket, 'delete_team')).id).toBe(doomed.id);
    for (const socket of [ws.basic, ws.basic2]) expect(erased(socket, 'channel_deleted').map((m) => m.data.channel_id)).toContain(channel.id);
    expect(erased(ws.other, 'delete_team')).toEqual([]);
    expect(erased(ws.admin, 'channel_deleted').map((m) => m.data.channel_id)).not.toContain(channel.id);
  });

  it('sends received_group to everyone and the membership events to the users concerned', async () => {
    let groupId = '';
    const created = await collect(async () => {
      const name = uniqueName('group');
      groupId = (await th.client.createGroupWithUserIds({ name, display_name: name, allow_reference: true, source: 'custom', user_ids: [th.basicUser.id] })).id;
    });
    for (const socket of ws.all) {
      expect(JSON.parse(created(socket, 'received_group')[0]?.data.group as string)).toMatchObject({ id: groupId, member_count: 1 });
    }
    expect(JSON.parse(created(ws.basic, 'group_member_add')[0]?.data.group_member as string)).toMatchObject({ group_id: groupId, user_id: th.basicUser.id });
    expect(created(ws.basic2, 'group_member_add')).toEqual([]);

    const added = await collect(() => th.client.addUsersToGroup(groupId, [th.basicUser2.id]));
    expect(added(ws.basic2, 'group_member_add').map((m) => JSON.parse(m.data.group_member as string).user_id)).toEqual([th.basicUser2.id]);
    expect(added(ws.basic2, 'group_member_add')[0]?.broadcast).toMatchObject({ user_id: th.basicUser2.id });
    for (const socket of [ws.admin, ws.basic, ws.other]) expect(added(socket, 'group_member_add')).toEqual([]);

    const removed = await collect(() => th.client.removeUsersFromGroup(groupId, [th.basicUser2.id]));
    expect(removed(ws.basic2, 'group_member_deleted').map((m) => JSON.parse(m.data.group_member as string).user_id)).toEqual([th.basicUser2.id]);
    expect(removed(ws.basic, 'group_member_deleted')).toEqual([]);

    const archived = await collect(() => th.client.archiveGroup(groupId));
    for (const socket of ws.all) expect(JSON.parse(archived(socket, 'received_group')[0]?.data.group as string).delete_at).toBeGreaterThan(0);
  });
});

/** The team of the only event in the list, parsed. */
function got1(events: Array<{ data?: { team?: unknown } }>): Record<string, unknown> {
  expect(events).toHaveLength(1);
  return JSON.parse(events[0]?.data?.team as string) as Record<string, unknown>;
}
