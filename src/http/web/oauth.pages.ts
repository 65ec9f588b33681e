import type { AuthorizeRequest, OAuthApp } from '../../model/oauth.js';
import { escapeHtml, htmlPage, scriptJson } from './html.js';

/** The browser-side half of the consent screen: Mattermost's web app makes the same JSON call. */
const CONSENT_SCRIPT = `
const data = JSON.parse(document.getElementById('authorize-request').textContent);
const csrf = (document.cookie.split('; ').find((c) => c.startsWith('MMCSRF=')) || '').slice(7);
document.getElementById('deny').onclick = () => window.location.replace(data.deny);
document.getElementById('allow').onclick = async () => {
  const res = await fetch('/oauth/authorize', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-CSRF-Token': csrf },
    body: JSON.stringify(data.request),
  });
  const body = await res.json().catch(() => ({}));
  if (res.ok && body.redirect) window.location.replace(body.redirect);
  else document.getElementById('failure').textContent = body.message || 'The app could not be authorized.';
};`;

/** Where "Deny" sends the browser: back to the app with error=access_denied, as Mattermost's web app does. */
export function denyUrl(request: AuthorizeRequest): string {
  const url = new URL(request.redirect_uri);
  url.searchParams.set('error', 'access_denied');
  url.searchParams.set('state', request.state);
  return url.toString();
}

/** GET /oauth/authorize for an app the user has not allowed yet. */
export function consentPage(siteName: string, app: OAuthApp, request: AuthorizeRequest): string {
  const icon = app.icon_url ? `<img src="${escapeHtml(app.icon_url)}" alt="">` : '';
  const homepage = app.homepage ? `<p class="muted"><a href="${escapeHtml(app.homepage)}" rel="noopener noreferrer">${escapeHtml(app.homepage)}</a></p>` : '';
  const body =
    `${icon}<h1>${escapeHtml(app.name)}</h1>` +
    (app.description ? `<p>${escapeHtml(app.description)}</p>` : '') +
    homepage +
    `<p>This app asks to use your ${escapeHtml(siteName)} account: it will be able to act as you.</p>` +
    `<p><button id="allow" type="button">Allow</button><button id="deny" type="button">Deny</button></p>` +
    `<p id="failure" class="error"></p>` +
    `<script type="application/json" id="authorize-request">${scriptJson({ request, deny: denyUrl(request) })}</script>`;
  return htmlPage(`Authorize ${app.name}`, body, CONSENT_SCRIPT);
}

/** An OAuth error shown to the browser, with the status Mattermost would answer. */
export function oauthErrorPage(message: string): string {
  return htmlPage('Authorization failed', `<h1>Authorization failed</h1><p class="error">${escapeHtml(message)}</p>`);
}
