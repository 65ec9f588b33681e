import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../../config/defaults.js';
import type { LiveConfig } from '../../config/live-config.js';

/** One message: a subject and the same content as plain text and as simple HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where the mailer reports failures it chose not to throw (background mails). */
export interface MailLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Sends mail through the SMTP server of `EmailSettings`, read afresh for every message so config
 * changes apply at once. Like Mattermost, an empty `SMTPServer` means "no mail": nothing is sent
 * and no error is raised.
 */
export class Mailer {
  constructor(private readonly deps: { config: LiveConfig; logger?: MailLogger }) {}

  /** True when a server is configured, i.e. `send` would try to deliver. */
  isConfigured(): boolean {
    return this.deps.config.get().EmailSettings.SMTPServer.trim() !== '';
  }

  /**
   * Delivers `message`; resolves false when no server is configured.
   * @throws Error when the server cannot be reached or refuses the message
   */
  async send(message: MailMessage): Promise<boolean> {
    const settings = this.deps.config.get().EmailSettings;
    if (settings.SMTPServer.trim() === '') return false;
    const transport = nodemailer.createTransport(transportOptions(settings));
    try {
      await transport.sendMail({
        from: { name: settings.FeedbackName, address: settings.FeedbackEmail },
        ...(settings.ReplyToAddress ? { replyTo: { name: settings.FeedbackName, address: settings.ReplyToAddress } } : {}),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    } finally {
      transport.close();
    }
    return true;
  }

  /** Sends and only logs a failure: for mails that must not fail the request that caused them. */
  async sendQuietly(message: MailMessage): Promise<boolean> {
    try {
      return await this.send(message);
    } catch (error) {
      this.deps.logger?.warn({ err: error, subject: message.subject }, 'mail could not be sent');
      return false;
    }
  }
}

/** Mattermost's connection security values: "" plain, "TLS" implicit TLS, "STARTTLS" upgrade required. */
export function transportOptions(settings: Config['EmailSettings']): SMTPTransport.Options {
  const timeoutMs = Math.max(1, settings.SMTPServerTimeout) * 1000;
  const security = settings.ConnectionSecurity.toUpperCase();
  const options: SMTPTransport.Options = {
    host: settings.SMTPServer.trim(),
    port: Number.parseInt(settings.SMTPPort, 10) || (security === 'TLS' ? 465 : 25),
    secure: security === 'TLS',
    requireTLS: security === 'STARTTLS',
    // Without a security setting Mattermost talks plain SMTP and never upgrades on its own.
    ignoreTLS: security !== 'TLS' && security !== 'STARTTLS',
    tls: { rejectUnauthorized: !settings.SkipServerCertificateVerification, servername: settings.SMTPServer.trim() },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  if (settings.EnableSMTPAuth) options.auth = { user: settings.SMTPUsername, pass: settings.SMTPPassword };
  return options;
}
