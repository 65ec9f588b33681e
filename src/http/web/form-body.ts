/** Marks a form body that could not be decoded (Go's ParseForm error). */
export const MALFORMED_FORM = Symbol('malformed form');

export type FormFields = Record<string, string> | typeof MALFORMED_FORM;

function decode(component: string): string {
  return decodeURIComponent(component.replace(/\+/g, ' '));
}

/**
 * Parses application/x-www-form-urlencoded text as Go's url.ParseQuery does: the first value of a
 * key wins in FormValue, and a bad percent escape makes the whole form malformed.
 */
export function parseForm(text: string): FormFields {
  const fields: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawKey = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? '' : pair.slice(at + 1);
    let key: string;
    let value: string;
    try {
      key = decode(rawKey);
      value = decode(rawValue);
    } catch {
      return MALFORMED_FORM;
    }
    if (!(key in fields)) fields[key] = value;
  }
  return fields;
}
