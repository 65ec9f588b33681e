import { escapeHtml, htmlPage, scriptJson } from './html.js';

/** Signs in through the API (which sets the session cookies), then continues where the user was going. */
const LOGIN_SCRIPT = `
const next = JSON.parse(document.getElementById('next').textContent);
document.getElementById('login').onsubmit = async (event) => {
  event.preventDefault();
  const form = event.target;
  const res = await fetch('/api/v4/users/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ login_id: form.login_id.value, password: form.password.value, token: form.token.value }),
  });
  const body = await res.json().catch(() => ({}));
  if (res.ok) window.location.replace(next);
  else document.getElementById('failure').textContent = body.message || 'Sign-in failed.';
};`;

/** Only paths on this server: an open redirect would let any site borrow the sign-in page. */
export function safeRedirectPath(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

/** GET /login: a minimal sign-in page for browsers sent here by GET /oauth/authorize. */
export function loginPage(siteName: string, redirectTo: string): string {
  const body =
    `<h1>${escapeHtml(siteName)}</h1><form id="login">` +
    `<label>Email or username<input name="login_id" autocomplete="username" required></label>` +
    `<label>Password<input name="password" type="password" autocomplete="current-password" required></label>` +
    `<label>MFA code (if enabled)<input name="token" autocomplete="one-time-code"></label>` +
    `<button type="submit">Sign in</button></form><p id="failure" class="error"></p>` +
    `<script type="application/json" id="next">${scriptJson(safeRedirectPath(redirectTo))}</script>`;
  return htmlPage(`Sign in to ${siteName}`, body, LOGIN_SCRIPT);
}
