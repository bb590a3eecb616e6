/**
 * Which web links the page may open in the user's browser. The renderer only ever opens presigned links to
 * an object on one of the user's own servers, so a link is trusted when it points at a configured endpoint
 * (or a virtual-hosted bucket under it); anything else a compromised page asks for is refused.
 */
import { isAwsEndpoint } from '../engine/connection/profile.js';

interface Endpointish {
  endpoint: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True when `url` is an http(s) link, without credentials, to one of the profiles' servers. */
export function isTrustedLink(url: string, profiles: readonly Endpointish[]): boolean {
  const link = parse(url);
  if (!link || (link.protocol !== 'https:' && link.protocol !== 'http:')) return false;
  if (link.username || link.password) return false;
  return profiles.some((profile) => {
    // A profile without an endpoint talks to AWS's own hosts.
    if (!profile.endpoint) return link.protocol === 'https:' && isAwsEndpoint(link.href);
    const server = parse(profile.endpoint);
    if (!server || server.protocol !== link.protocol || server.port !== link.port) return false;
    const host = server.hostname.toLowerCase();
    const asked = link.hostname.toLowerCase();
    return asked === host || asked.endsWith(`.${host}`);
  });
}
