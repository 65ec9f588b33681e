import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailCatcher } from '../../../test/helpers/mail-catcher.js';
import { defaultConfig, type Config } from '../../config/defaults.js';
import { LiveConfig } from '../../config/live-config.js';
import { Mailer, transportOptions } from './mailer.js';

function emailSettings(patch: Partial<Config['EmailSettings']>): Config['EmailSettings'] {
  return { ...defaultConfig().EmailSettings, ...patch };
}

describe('transportOptions', () => {
  it('maps Mattermost connection security values', () => {
    expect(transportOptions(emailSettings({ ConnectionSecurity: '' }))).toMatchObject({ secure: false, requireTLS: false, ignoreTLS: true });
    expect(transportOptions(emailSettings({ ConnectionSecurity: 'TLS', SMTPPort: '465' }))).toMatchObject({ secure: true, port: 465, ignoreTLS: false });
    expect(transportOptions(emailSettings({ ConnectionSecurity: 'STARTTLS' }))).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false });
  });

  it('sends credentials only with EnableSMTPAuth and honours certificate and timeout settings', () => {
    expect(transportOptions(emailSettings({ SMTPUsername: 'u', SMTPPassword: 'p' })).auth).toBeUndefined();
    const options = transportOptions(
      emailSettings({ EnableSMTPAuth: true, SMTPUsername: 'u', SMTPPassword: 'p', SkipServerCertificateVerification: true, SMTPServerTimeout: 3 }),
    );
    expect(options.auth).toEqual({ user: 'u', pass: 'p' });
    expect(options.tls?.rejectUnauthorized).toBe(false);
    expect(options.connectionTimeout).toBe(3000);
  });
});

describe('Mailer', () => {
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await MailCatcher.start({ auth: { user: 'mailer', pass: 'secret' } });
  });
  afterAll(async () => {
    await catcher.close();
  });

  function mailerWith(patch: Partial<Config['EmailSettings']>): Mailer {
    const config = defaultConfig();
    Object.assign(config.EmailSettings, { SMTPServer: '127.0.0.1', SMTPPort: String(catcher.port), ...patch });
    return new Mailer({ config: new LiveConfig({ config, path: undefined, envOverrides: new Set() }) });
  }

  it('authenticates, sets the feedback sender and sends text and HTML', async () => {
    const mailer = mailerWith({ EnableSMTPAuth: true, SMTPUsername: 'mailer', SMTPPassword: 'secret', FeedbackName: 'Parley', FeedbackEmail: 'noreply@parley.test' });
    const sent = await mailer.send({ to: 'someone@example.com', subject: 'Hello', text: 'Plain body\n', html: '<p>Rich body</p>' });
    expect(sent).toBe(true);
    const mail = catcher.lastTo('someone@example.com');
    expect(mail.authUser).toBe('mailer');
    expect(mail.envelopeFrom).toBe('noreply@parley.test');
    expect(mail.headers['from']).toContain('Parley');
    expect(mail.subject).toBe('Hello');
    expect(mail.text).toContain('Plain body');
    expect(mail.html).toContain('<p>Rich body</p>');
  });

  it('fails on refused credentials, and quietly when asked to', async () => {
    const mailer = mailerWith({ EnableSMTPAuth: true, SMTPUsername: 'mailer', SMTPPassword: 'wrong' });
    const message = { to: 'x@example.com', subject: 's', text: 't', html: '<p>t</p>' };
    await expect(mailer.send(message)).rejects.toThrow();
    expect(await mailer.sendQuietly(message)).toBe(false);
  });

  it('sends nothing without a server', async () => {
    const mailer = mailerWith({ SMTPServer: '' });
    expect(mailer.isConfigured()).toBe(false);
    expect(await mailer.send({ to: 'x@example.com', subject: 's', text: 't', html: '' })).toBe(false);
  });
});
