/** Splits Mattermost's ListenAddress (":8065", "127.0.0.1:8065", "[::1]:8065") into host and port. */
export function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[?([^\]]*)\]?)?:(\d+)$/.exec(address.trim());
  if (!match) return { host: '0.0.0.0', port: 8065 };
  return { host: match[1] || '0.0.0.0', port: Number(match[2]) };
}
