/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { FerryBridge } from '../src-shared/contract/index.js';

declare global {
  interface Window {
    /** Present only inside the Electron window (built by the preload). */
    ferry?: FerryBridge & {
      /** The local path of a dropped file or folder ('' when it is not one); Electron's webUtils. */
      pathForFile?: (file: File) => string;
    };
  }
}
