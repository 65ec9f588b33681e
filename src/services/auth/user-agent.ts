/** Platform, OS and browser names for session props, read from a User-Agent the way Mattermost labels them. */
export function describeUserAgent(ua: string): { platform: string; os: string; browser: string } {
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'Mac OS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const platform = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone/.test(ua)
      ? 'iPhone'
      : /iPad/.test(ua)
        ? 'iPad'
        : /Android/.test(ua)
          ? 'Android'
          : /Macintosh|Mac OS X/.test(ua)
            ? 'Macintosh'
            : /Linux/.test(ua)
              ? 'Linux'
              : 'unknown';
  const browserMatch =
    /Mattermost\/([\d.]+)/.exec(ua) ??
    /Edg\/([\d.]+)/.exec(ua) ??
    /Firefox\/([\d.]+)/.exec(ua) ??
    /Chrome\/([\d.]+)/.exec(ua) ??
    /Version\/([\d.]+).*Safari/.exec(ua);
  let name = 'unknown';
  if (browserMatch) {
    const token = browserMatch[0];
    name = token.startsWith('Mattermost')
      ? 'Desktop App'
      : token.startsWith('Edg')
        ? 'Edge'
        : token.startsWith('Firefox')
          ? 'Firefox'
          : token.startsWith('Chrome')
            ? 'Chrome'
            : 'Safari';
  }
  return { platform, os, browser: `${name}/${browserMatch?.[1] ?? '0.0'}` };
}
