import type { AddressInfo } from 'node:net';
import type { UserProfile } from '@mattermost/types/users';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../helpers/errors.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

/** Decodes the quoted-printable soft breaks and escapes nodemailer may use in the body. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

describe('team invitations', () => {
  let th: TestHelper;
  let smtp: SMTPServer;
  const mails: Array<{ to: string; body: string }> = [];

  /** The invitation token of the last mail sent to `to`. */
  function tokenFor(to: string): string {
    const mail = [...mails].reverse().find((m) => m.to === to);
    const match = /[?&]t=([0-9a-f]+)/.exec(mail?.body ?? '');
    if (!match?.[1]) throw new Error(`no invitation mailed to ${to}`);
    return match[1];
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          for (const to of session.envelope.rcptTo) mails.push({ to: to.address, body: decodeQuotedPrintable(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    th = await (
      await TestHelper.setup((c) => {
        c.ServiceSettings.SiteURL = 'http://parley.test';
        c.ServiceSettings.EnableEmailInvitations = true;
        c.EmailSettings.SMTPServer = '127.0.0.1';
        c.EmailSettings.SMTPPort = String(port);
      })
    ).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  describe('invite links', () => {
    it('tells what an open team invite leads to, and refuses invite-only teams', async () => {
      const open = await th.createTeam();
      const info = await th.anonymousClient().getTeamInviteInfo(open.invite_id);
      expect(info).toEqual({ display_name: open.display_name, description: open.description, name: open.name, id: open.id });
      const closed = await th.createTeam(th.adminClient, { open: false });
      await expectAppError(th.anonymousClient().getTeamInviteInfo(closed.invite_id), 403, 'api.team.get_invite_info.not_open_team');
      await expectAppError(th.anonymousClient().getTeamInviteInfo('a'.repeat(26)), 404, 'app.team.get_by_invite_id.finding.app_error');
    });

    it('joins a team through its invite id, even an invite-only one', async () => {
      const closed = await th.createTeam(th.adminClient, { open: false });
      const member = await th.client.joinTeam(closed.invite_id);
      expect(member).toMatchObject({ team_id: closed.id, user_id: th.basicUser.id, roles: 'team_user' });
      await expectAppError(th.client.addToTeamFromInvite('', ''), 400, 'api.team.add_user_to_team.missing_parameter.app_error');
      await expectAppError(th.client.joinTeam('a'.repeat(26)), 404, 'app.team.get_by_invite_id.finding.app_error');
      const guest = await th.createGuest();
      await expectAppError(guest.client.joinTeam(closed.invite_id), 403, 'api.team.add_user_to_team_from_invite.guest.app_error');
    });

    it('stops old links working once the team is closed or the id regenerated', async () => {
      const team = await th.createTeam();
      const regenerated = await th.adminClient.regenerateTeamInviteId(team.id);
      await expectAppError(th.client2.joinTeam(team.invite_id), 404, 'app.team.get_by_invite_id.finding.app_error');
      await expect(th.client2.joinTeam(regenerated.invite_id)).resolves.toMatchObject({ team_id: team.id });
    });

    it('signs up through an invite id and joins the team', async () => {
      const team = await th.createTeam(th.adminClient, { open: false });
      const username = uniqueName('invited');
      const created = await th
        .anonymousClient()
        .createUser({ username, email: `${username}@example.com`, password: DEFAULT_PASSWORD } as UserProfile, '', team.invite_id);
      const member = await th.adminClient.getTeamMember(team.id, created.id);
      expect(member).toMatchObject({ delete_at: 0, roles: 'team_user' });
      const restricted = await th.createTeam(th.adminClient, { open: false });
      await th.adminClient.patchTeam({ id: restricted.id, allowed_domains: 'corp.example' });
      await expectAppError(
        th.anonymousClient().createUser({ username: uniqueName('outsider'), email: `${uniqueName()}@example.com`, password: DEFAULT_PASSWORD } as UserProfile, '', restricted.invite_id),
        403,
        'api.team.invite_members.invalid_email.app_error',
      );
    });
  });

  describe('email invitations', () => {
    it('mails a link whose token signs the invitee up into the team', async () => {
      const team = await th.createTeam();
      const email = `${uniqueName('mailed')}@example.com`;
      expect(await th.adminClient.sendEmailInvitesToTeam(team.id, [email])).toEqual({ status: 'OK' });
      const mail = mails.find((m) => m.to === email);
      expect(mail?.body).toContain('http://parley.test/signup_user_complete/?d=');
      const token = tokenFor(email);
      await expectAppError(
        th.anonymousClient().createUser({ username: uniqueName(), email: `${uniqueName()}@example.com`, password: DEFAULT_PASSWORD } as UserProfile, token, ''),
        400,
        'api.user.create_user.bad_token_email_data.app_error',
      );
      const user = await th.anonymousClient().createUser({ username: uniqueName('newbie'), email, password: DEFAULT_PASSWORD } as UserProfile, token, '');
      // A mailed token proves the address (UserProfile's type leaves the field out).
      expect((user as UserProfile & { email_verified?: boolean }).email_verified).toBe(true);
      expect((await th.adminClient.getTeamMember(team.id, user.id)).delete_at).toBe(0);
      await expectAppError(
        th.anonymousClient().createUser({ username: uniqueName(), email, password: DEFAULT_PASSWORD } as UserProfile, token, ''),
        400,
        'api.user.create_user.signup_link_invalid.app_error',
      );
    });

    it('lets an existing user join with a mailed token', async () => {
      const team = await th.createTeam(th.adminClient, { open: false });
      await th.adminClient.sendEmailInvitesToTeam(team.id, [th.basicUser2.email]);
      const member = await th.client2.addToTeamFromInvite(tokenFor(th.basicUser2.email), '');
      expect(member).toMatchObject({ team_id: team.id, user_id: th.basicUser2.id });
      await expectAppError(th.client2.addToTeamFromInvite('0'.repeat(64), ''), 400, 'api.user.create_user.signup_link_invalid.app_error');
    });

    it('reports refused addresses one by one in graceful mode', async () => {
      const team = await th.createTeam(th.adminClient, { allowed_domains: 'example.com' });
      const good = `${uniqueName('good')}@example.com`;
      const results = await th.adminClient.sendEmailInvitesToTeamGracefully(team.id, [good, 'someone@elsewhere.org']);
      expect(results.find((r) => r.email === good)?.error).toBeNull();
      expect(results.find((r) => r.email === 'someone@elsewhere.org')?.error).toMatchObject({ id: 'api.team.invite_members.invalid_email.app_error' });
      await expectAppError(th.adminClient.sendEmailInvitesToTeam(team.id, ['someone@elsewhere.org']), 400, 'api.team.invite_members.invalid_email.app_error');
      await expectAppError(th.adminClient.sendEmailInvitesToTeam(team.id, []), 400, 'api.context.invalid_body_param.app_error');
    });

    it('invalidates every pending invitation', async () => {
      const team = await th.createTeam();
      const email = `${uniqueName('late')}@example.com`;
      await th.adminClient.sendEmailInvitesToTeam(team.id, [email]);
      await expectAppError(th.client.invalidateAllEmailInvites(), 403, 'api.context.permissions.app_error');
      expect(await th.adminClient.invalidateAllEmailInvites()).toEqual({ status: 'OK' });
      await expectAppError(
        th.anonymousClient().createUser({ username: uniqueName(), email, password: DEFAULT_PASSWORD } as UserProfile, tokenFor(email), ''),
        400,
        'api.user.create_user.signup_link_invalid.app_error',
      );
    });

    it('answers 501 when email invitations are off', async () => {
      const team = await th.createTeam();
      th.updateConfig((c) => {
        c.ServiceSettings.EnableEmailInvitations = false;
      });
      try {
        await expectAppError(th.adminClient.sendEmailInvitesToTeam(team.id, ['x@example.com']), 501, 'api.team.invite_members.disabled.app_error');
      } finally {
        th.updateConfig((c) => {
          c.ServiceSettings.EnableEmailInvitations = true;
        });
      }
    });
  });
});
