import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import type { TeamHooks } from '../../src/services/teams/team-hooks.js';
import { expectAppError } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

describe('team events and hooks', () => {
  let th: TestHelper;
  let events: DomainEvent[] = [];
  const calls: string[] = [];
  let failCreation = false;

  const hooks: TeamHooks = {
    async onTeamCreated(tx, team) {
      calls.push(`created ${team.name}`);
      if (failCreation) throw new Error('default channels could not be made');
      // The hook runs inside the creating transaction: the team is already visible to it.
      expect(await tx.teams.findById(team.id)).toBeDefined();
    },
    async onMemberAdded(_tx, change) {
      calls.push(`added ${change.user.id} admin=${String(change.member.scheme_admin)}`);
    },
    async onMemberRemoved(_tx, change) {
      calls.push(`removed ${change.user.id}`);
    },
    async onTeamPermanentlyDeleted(_tx, team) {
      calls.push(`erased ${team.id}`);
    },
  };

  beforeAll(async () => {
    th = await (await TestHelper.setup((c) => {
      c.ServiceSettings.EnableAPITeamDeletion = true;
    })).initBasic();
    th.server.app.services.teamHooks.register(hooks);
    // Only the teams area's own events: channels add theirs (default channels and their members).
    th.server.app.services.bus.subscribe((e) => {
      if (e.type.startsWith('team')) events.push(e);
    });
  });
  afterAll(async () => {
    await th.tearDown();
  });
  beforeEach(() => {
    events = [];
    calls.length = 0;
  });

  const types = () => events.map((e) => e.type);

  it('announces creation and the creator joining, and calls the hooks in order', async () => {
    const team = await th.createTeam(th.client);
    expect(types()).toEqual(['team.created', 'team_member.added']);
    expect(events[0]).toMatchObject({ payload: { team: { id: team.id }, actorId: th.basicUser.id } });
    expect(events[1]).toMatchObject({ payload: { member: { user_id: th.basicUser.id, roles: 'team_user team_admin' }, team: { id: team.id } } });
    expect(calls).toEqual([`created ${team.name}`, `added ${th.basicUser.id} admin=true`]);
  });

  it('rolls back a creation whose hook fails, with no event', async () => {
    failCreation = true;
    const name = uniqueName('rollback');
    try {
      const response = await rawRequest(th.url, 'POST', '/api/v4/teams', { token: th.client.getToken(), body: { name, display_name: 'Rolled back', type: 'O' } });
      expect(response.status).toBe(500);
    } finally {
      failCreation = false;
    }
    expect(types()).toEqual([]);
    await expectAppError(th.adminClient.getTeamByName(name), 404, 'app.team.get_by_name.missing.app_error');
  });

  it('announces every change of a team and of its members', async () => {
    const team = await th.createTeam();
    events = [];
    calls.length = 0;
    await th.adminClient.patchTeam({ id: team.id, description: 'changed' });
    await th.adminClient.addToTeam(team.id, th.basicUser.id);
    await th.adminClient.addToTeam(team.id, th.basicUser.id);
    await th.adminClient.updateTeamMemberSchemeRoles(team.id, th.basicUser.id, true, true);
    await th.adminClient.removeFromTeam(team.id, th.basicUser.id);
    await th.adminClient.deleteTeam(team.id);
    await th.adminClient.unarchiveTeam(team.id);
    expect(types()).toEqual(['team.updated', 'team_member.added', 'team_member.roles_changed', 'team_member.removed', 'team.deleted', 'team.restored']);
    expect(events.find((e) => e.type === 'team_member.roles_changed')).toMatchObject({ payload: { member: { scheme_admin: true, roles: 'team_user team_admin' } } });
    expect(events.find((e) => e.type === 'team_member.removed')).toMatchObject({ payload: { member: { user_id: th.basicUser.id }, actorId: th.systemAdminUser.id } });
    expect(events.find((e) => e.type === 'team.deleted')).toMatchObject({ payload: { permanent: false } });
    expect(calls).toEqual([`added ${th.basicUser.id} admin=false`, `removed ${th.basicUser.id}`]);
  });

  it('calls the erase hook before a team is erased', async () => {
    const team = await th.createTeam();
    events = [];
    calls.length = 0;
    const response = await rawRequest(th.url, 'DELETE', `/api/v4/teams/${team.id}?permanent=true`, { token: th.adminClient.getToken() });
    expect(response.status).toBe(200);
    expect(calls).toEqual([`erased ${team.id}`]);
    expect(events).toMatchObject([{ type: 'team.deleted', payload: { permanent: true, team: { id: team.id } } }]);
  });
});
