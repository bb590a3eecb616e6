/**
 * The Content-Security-Policy every face applies to the renderer: the Electron protocol handler and
 * `ferry serve` send it as a header, and the built index.html carries it as a meta tag. Scripts only from
 * our own origin; no eval, no inline scripts, no plugins, no framing. Inline styles are allowed because
 * Svelte transitions and the virtual list set them; they cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
].join('; ');

/** Directives that only work as a header, not in a meta tag. */
export const CSP_HEADER_ONLY = "frame-ancestors 'none'";
