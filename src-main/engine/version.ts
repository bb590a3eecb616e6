/** Ferry's version, injected at build time from package.json (see scripts/build.mjs). */
declare const __FERRY_VERSION__: string | undefined;

export const VERSION: string =
  typeof __FERRY_VERSION__ === 'string' ? __FERRY_VERSION__ : '0.0.0-dev';
