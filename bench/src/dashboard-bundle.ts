import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

/**
 * First-load JavaScript of each page of the dashboard's production build, compressed as `next start` sends it
 * (gzip): the runtime's own chunks (`rootMainFiles` of build-manifest.json) and every chunk the page's client
 * reference manifest lists for its layouts and the page itself. Read from the build's manifests, not a browser.
 */
export function firstLoadJs(nextDir: string): Map<string, number> {
  const build = JSON.parse(readFileSync(join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const routes = JSON.parse(readFileSync(join(nextDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<
    string,
    string
  >;
  const sizes = new Map<string, number>();
  const gzipped = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(join(nextDir, file))).length;
      sizes.set(file, size);
    }
    return size;
  };
  const perRoute = new Map<string, number>();
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith('/page')) continue;
    const manifestFile = join(nextDir, 'server', 'app', `${entry}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[entry].
    const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
    runInNewContext(readFileSync(manifestFile, 'utf8'), Object.assign(sandbox, { globalThis: sandbox, self: sandbox }));
    const manifest = sandbox.__RSC_MANIFEST?.[entry];
    if (!manifest) throw new Error(`${manifestFile} holds no manifest for ${entry}`);
    const files = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
    perRoute.set(
      route,
      [...files].reduce((sum, file) => sum + gzipped(file), 0),
    );
  }
  return perRoute;
}
