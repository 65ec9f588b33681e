import { createServer, type Server } from 'node:http';

export interface TokenExchange {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A third-party web app that signs its users in with Parley: it listens on 127.0.0.1, receives the
 * browser at its callback URL, and exchanges the code at /oauth/access_token like a real client.
 */
export class OAuthClientApp {
  /** The query of every request the callback received, oldest first. */
  readonly received: URLSearchParams[] = [];
  clientId = '';
  clientSecret = '';
  /** PKCE verifier to send with the code, if the flow started with a challenge. */
  codeVerifier = '';

  private constructor(
    private readonly server: Server,
    readonly callbackUrl: string,
    private readonly parleyUrl: string,
  ) {}

  static async start(parleyUrl: string): Promise<OAuthClientApp> {
    const holder: { app?: OAuthClientApp } = {};
    const server = createServer((req, res) => {
      void holder.app?.handle(req.url ?? '/').then((answer) => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const app = new OAuthClientApp(server, `http://127.0.0.1:${port}/callback`, parleyUrl);
    holder.app = app;
    return app;
  }

  /** Posts a form to the token endpoint, as OAuth client libraries do. */
  async token(fields: Record<string, string>): Promise<TokenExchange> {
    const response = await fetch(`${this.parleyUrl}/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Follows a redirect the way a browser would and returns what the app answered. */
  async follow(redirect: string): Promise<TokenExchange> {
    const response = await fetch(redirect);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(path: string): Promise<TokenExchange> {
    const query = new URL(path, this.callbackUrl).searchParams;
    this.received.push(query);
    const code = query.get('code');
    if (!code) return { status: 400, body: { error: query.get('error') ?? 'no code' } };
    const fields: Record<string, string> = {
      grant_type: 'authorization_code',
      client_id: this.clientId,
      code,
      redirect_uri: this.callbackUrl,
    };
    if (this.clientSecret) fields['client_secret'] = this.clientSecret;
    if (this.codeVerifier) fields['code_verifier'] = this.codeVerifier;
    const exchange = await this.token(fields);
    return { status: exchange.status, body: { ...exchange.body, code, state: query.get('state') } };
  }
}
