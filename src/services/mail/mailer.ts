import nodemailer from 'nodemailer';
import type { LiveConfig } from '../../config/live-config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends one email; rejects when the server refuses it or cannot be reached. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP through nodemailer, configured from EmailSettings at each send so config changes apply at
 * once. ConnectionSecurity: "TLS" connects over TLS, "STARTTLS" upgrades, "" sends in clear.
 */
export class SmtpMailer implements Mailer {
  constructor(private readonly config: LiveConfig) {}

  async send(message: MailMessage): Promise<void> {
    const email = this.config.get().EmailSettings;
    const timeout = email.SMTPServerTimeout * 1000;
    const transport = nodemailer.createTransport({
      host: email.SMTPServer,
      port: Number.parseInt(email.SMTPPort, 10),
      secure: email.ConnectionSecurity === 'TLS',
      requireTLS: email.ConnectionSecurity === 'STARTTLS',
      ignoreTLS: email.ConnectionSecurity === '',
      tls: { rejectUnauthorized: !email.SkipServerCertificateVerification },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      ...(email.EnableSMTPAuth ? { auth: { user: email.SMTPUsername, pass: email.SMTPPassword } } : {}),
    });
    try {
      await transport.sendMail({
        from: { name: email.FeedbackName, address: email.FeedbackEmail },
        ...(email.ReplyToAddress ? { replyTo: email.ReplyToAddress } : {}),
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
    } finally {
      transport.close();
    }
  }
}
