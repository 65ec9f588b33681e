import type { MailMessage } from './mailer.js';

// The mails Parley sends about accounts. Each is a short plain-text body plus the same words in
// minimal HTML; the wording is ours, the links are the web app paths Mattermost clients expect.

export interface MailContext {
  siteName: string;
  /** SiteURL without a trailing slash ("" when unset: links are then relative). */
  siteUrl: string;
}

interface Body {
  subject: string;
  lines: string[];
  link?: { url: string; label: string };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(to: string, body: Body): MailMessage {
  const textParts = [...body.lines];
  if (body.link) textParts.push(`${body.link.label}: ${body.link.url}`);
  const htmlParts = body.lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  if (body.link) htmlParts.push(`<p><a href="${escapeHtml(body.link.url)}">${escapeHtml(body.link.label)}</a></p>`);
  return {
    to,
    subject: body.subject,
    text: `${textParts.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${htmlParts.join('')}</body></html>`,
  };
}

/** The password reset mail; the link carries the single-use token. */
export function passwordResetMail(ctx: MailContext, to: string, token: string): MailMessage {
  return render(to, {
    subject: `[${ctx.siteName}] Reset your password`,
    lines: [
      'Someone asked to reset the password of your account.',
      'If it was you, open the link below within 24 hours to choose a new password. If it was not, you can ignore this mail.',
    ],
    link: { url: `${ctx.siteUrl}/reset_password_complete?token=${encodeURIComponent(token)}`, label: 'Reset password' },
  });
}

/** The mail that proves an address: sent on request, on signup and when the address changes. */
export function verifyEmailMail(ctx: MailContext, to: string, token: string, redirect = ''): MailMessage {
  return render(to, {
    subject: `[${ctx.siteName}] Verify your email address`,
    lines: [`Please confirm that this address belongs to your ${ctx.siteName} account.`, 'The link is valid for 24 hours.'],
    link: { url: verifyUrl(ctx, to, token, redirect), label: 'Verify email' },
  });
}

function verifyUrl(ctx: MailContext, to: string, token: string, redirect: string): string {
  const url = `${ctx.siteUrl}/do_verify_email?token=${encodeURIComponent(token)}&email=${encodeURIComponent(to)}`;
  return redirect ? `${url}&redirect_to=${encodeURIComponent(redirect)}` : url;
}

/** The welcome mail after account creation; it carries the verification link when one is needed. */
export function welcomeMail(ctx: MailContext, to: string, verifyToken?: string, redirect = ''): MailMessage {
  const lines = [`Your account on ${ctx.siteName} is ready.`];
  if (!verifyToken) {
    return render(to, { subject: `[${ctx.siteName}] Welcome`, lines, link: { url: ctx.siteUrl || '/', label: 'Open' } });
  }
  lines.push('Before you can sign in, please confirm your email address (the link is valid for 24 hours).');
  return render(to, { subject: `[${ctx.siteName}] Welcome`, lines, link: { url: verifyUrl(ctx, to, verifyToken, redirect), label: 'Verify email' } });
}

/** Tells the owner that the password changed, and how. */
export function passwordChangedMail(ctx: MailContext, to: string, method: string): MailMessage {
  return render(to, {
    subject: `[${ctx.siteName}] Your password was changed`,
    lines: [`The password of your ${ctx.siteName} account was changed ${method}.`, 'If you did not do this, contact your administrator.'],
  });
}

/** Tells the owner that a personal access token was created for the account. */
export function accessTokenAddedMail(ctx: MailContext, to: string): MailMessage {
  return render(to, {
    subject: `[${ctx.siteName}] A personal access token was added to your account`,
    lines: [`A personal access token was created for your ${ctx.siteName} account.`, 'If you did not do this, contact your administrator.'],
  });
}

/** Tells the owner that the sign-in method changed. */
export function signInChangedMail(ctx: MailContext, to: string, method: string): MailMessage {
  return render(to, {
    subject: `[${ctx.siteName}] Your sign-in method changed`,
    lines: [`You now sign in to ${ctx.siteName} with ${method}.`, 'If you did not do this, contact your administrator.'],
  });
}

/** Site name and URL for mail bodies, from the live config. */
export function mailContext(config: { TeamSettings: { SiteName: string }; ServiceSettings: { SiteURL: string } }): MailContext {
  return { siteName: config.TeamSettings.SiteName, siteUrl: config.ServiceSettings.SiteURL.replace(/\/+$/, '') };
}
