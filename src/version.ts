/** The Mattermost release whose API this build answers as; clients gate features on it. */
export const MATTERMOST_COMPAT_VERSION = '10.11.0';
/** Parley's own version (package.json). */
export const PARLEY_VERSION = '0.1.0';
