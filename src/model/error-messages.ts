import { messages } from './messages/index.js';

/**
 * Our English text for an error id, with `{{.Name}}` placeholders filled from params. Ids without
 * an entry get a readable sentence made from the id, so a missing entry never hides an error.
 */
export function errorMessage(id: string, params?: Record<string, string | number>): string {
  const template = messages[id];
  if (template === undefined) return fallbackMessage(id);
  if (!params) return template;
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => String(params[key] ?? ''));
}

function fallbackMessage(id: string): string {
  const words = id
    .replace(/\.app_error$|\.error$/, '')
    .split('.')
    .slice(-2)
    .join(' ')
    .replace(/_/g, ' ')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) + '.' : 'An error occurred.';
}
