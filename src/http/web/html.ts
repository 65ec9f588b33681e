/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to place inside a <script> element (no "</script>" or "<!--" can appear). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A small, self-contained page in the server's own plain style. */
export function htmlPage(title: string, body: string, script = ''): string {
  const style =
    'body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#222}' +
    'button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem}input{display:block;width:100%;margin:.25rem 0 .75rem;padding:.4rem}' +
    '.error{color:#b00020}.muted{color:#666}img{max-width:4rem;max-height:4rem}';
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}` +
    (script ? `<script>${script}</script>` : '') +
    `</body></html>`
  );
}
