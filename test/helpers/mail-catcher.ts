import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the catcher received it, with the parts tests look at decoded. */
export interface CaughtMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Header values as sent (From, To, Subject…), keyed in lower case. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** The user name the client authenticated with, when it did. */
  authUser: string | undefined;
}

export interface MailCatcherOptions {
  /** Require SMTP AUTH with these credentials (refusing others). */
  auth?: { user: string; pass: string };
}

/**
 * A real SMTP server on 127.0.0.1 (free port) that keeps every message it receives. The server
 * answers a message only after storing it, so a mail sent while handling an API call is here
 * once the call has returned.
 */
export class MailCatcher {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    /** Every message received, oldest first. */
    readonly messages: CaughtMail[],
  ) {}

  static async start(options: MailCatcherOptions = {}): Promise<MailCatcher> {
    const messages: CaughtMail[] = [];
    const server = new SMTPServer({
      secure: false,
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: true,
      authOptional: !options.auth,
      logger: false,
      onAuth(auth, _session, callback) {
        if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
          callback(null, { user: auth.username });
          return;
        }
        callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mail = parseMessage(Buffer.concat(chunks).toString('latin1'));
          messages.push({
            ...mail,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            authUser: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.server.address() as AddressInfo;
    return new MailCatcher(server, address.port, messages);
  }

  /** Messages sent to `address`, oldest first. */
  to(address: string): CaughtMail[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === wanted));
  }

  /** The newest message sent to `address`. @throws Error when there is none */
  lastTo(address: string): CaughtMail {
    const found = this.to(address).at(-1);
    if (!found) throw new Error(`no mail to ${address} (received: ${this.messages.map((m) => m.envelopeTo.join(',')).join('; ') || 'none'})`);
    return found;
  }

  clear(): void {
    this.messages.length = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Finds `name=` (a query parameter) in a mail's text and returns its value. */
export function linkParam(mail: CaughtMail, name: string): string {
  const match = new RegExp(`[?&]${name}=([^&\\s"<]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${name} in mail text: ${mail.text}`);
  return decodeURIComponent(match[1]);
}

// ---------------------------------------------------------------------------------------------
// A small MIME reader: enough for what nodemailer sends (multipart/alternative with text and
// HTML parts, quoted-printable or base64 bodies, encoded-word subjects).
// ---------------------------------------------------------------------------------------------

interface Part {
  headers: Record<string, string>;
  body: string;
}

function parseMessage(raw: string): Pick<CaughtMail, 'headers' | 'subject' | 'text' | 'html'> {
  const root = splitPart(raw);
  const leaves = flatten(root);
  const text = leaves.find((p) => contentType(p).startsWith('text/plain'));
  const html = leaves.find((p) => contentType(p).startsWith('text/html'));
  return {
    headers: root.headers,
    subject: decodeWords(root.headers['subject'] ?? ''),
    text: text ? decodeBody(text) : '',
    html: html ? decodeBody(html) : '',
  };
}

function splitPart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers: Record<string, string> = {};
  let last = '';
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      headers[last] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers[last] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function contentType(part: Part): string {
  return (part.headers['content-type'] ?? 'text/plain').toLowerCase();
}

function flatten(part: Part): Part[] {
  const type = part.headers['content-type'] ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [part];
  const pieces = part.body.split(`--${boundary}`);
  // Drop the preamble and everything after the closing delimiter.
  return pieces
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .flatMap((p) => flatten(splitPart(p.replace(/^\n/, ''))));
}

function decodeBody(part: Part): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body = part.body.replace(/\n$/, '');
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1').toString('utf8');
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i] ?? '';
    const hex = joined.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g, (_m, _charset: string, kind: string, text: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}
