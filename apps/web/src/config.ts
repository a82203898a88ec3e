/** Runtime settings the server injects through /config.js (see index.html). */
export interface ScaleboardConfig {
  tldrawLicenseKey: string | null
}

declare global {
  interface Window {
    __SCALEBOARD_CONFIG__?: Partial<ScaleboardConfig>
  }
}

export function readConfig(): ScaleboardConfig {
  const config = window.__SCALEBOARD_CONFIG__ ?? {}
  const key = config.tldrawLicenseKey
  return { tldrawLicenseKey: typeof key === 'string' && key.length > 0 ? key : null }
}
