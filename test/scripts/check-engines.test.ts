/**
 * The CI guard that keeps the lock installable on every Node.js the package supports
 * (scripts/check-engines.mjs): its range reading, and that it names a locked package that drops a
 * supported Node — the way an AWS SDK v3 release after early January 2027 drops Node 20 (aws-conformance G7).
 */
import { describe, expect, it } from 'vitest';

// A plain .mjs script without type declarations: imported by URL so TypeScript treats it as `any`.
const script = () => import(new URL('../../scripts/check-engines.mjs', import.meta.url).href);

describe('check-engines', () => {
  it('reads the range forms npm packages put in engines.node', async () => {
    const { satisfies } = await script();
    expect(satisfies('20.19.0', '>=20.0.0')).toBe(true);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '>= 14.6')).toBe(true);
    expect(satisfies('22.12.0', '^20.19.0 || ^22.13.0 || >=23.5.0')).toBe(false);
    expect(satisfies('22.13.0', '^20.19.0 || ^22.13.0 || >=23.5.0')).toBe(true);
    expect(satisfies('24.0.0', '^10 || ^12 || >=14')).toBe(true);
    expect(satisfies('13.6.9', '^13.7')).toBe(false);
    expect(satisfies('20.0.0', '^12.20.0 || ^14.13.1 || >=16.0.0')).toBe(true);
    expect(satisfies('21.0.0', '>=20 <21')).toBe(false);
    expect(satisfies('20.9.0', '~20.8')).toBe(false);
    expect(satisfies('20.8.3', '~20.8')).toBe(true);
    expect(satisfies('20.19.0', 'node20 please')).toBe(null);
  });

  it('takes the lowest version of each branch of our own engines range', async () => {
    const { floorsOf } = await script();
    expect(floorsOf('^20.19.0 || ^22.12.0 || >=24.0.0')).toEqual(['20.19.0', '22.12.0', '24.0.0']);
    expect(floorsOf('>=20.19')).toEqual(['20.19.0']);
  });

  it('names a runtime package that refuses a supported Node, and checks dev packages on the running Node only', async () => {
    const { problems } = await script();
    const lock = {
      packages: {
        '': { name: 'mrrctl', engines: { node: '^20.19.0 || ^22.12.0 || >=24.0.0' } },
        'node_modules/@aws-sdk/core': { version: '3.999.0', engines: { node: '>=22.0.0' } },
        'node_modules/@aws-sdk/types': { version: '3.975.1', engines: { node: '>=20.0.0' } },
        'node_modules/vitest': { version: '4.1.12', dev: true, engines: { node: '^20.19.0 || ^22.13.0 || >=23.5.0' } },
        'node_modules/weird': { version: '1.0.0', engines: { node: 'latest-ish' } },
      },
    };
    expect(problems(lock, { floors: ['20.19.0', '22.12.0', '24.0.0'], current: '22.23.3' })).toEqual([
      '@aws-sdk/core@3.999.0: engines.node ">=22.0.0" refuses Node 20.19.0',
      'weird@1.0.0: engines.node "latest-ish" cannot be read',
      'weird@1.0.0: engines.node "latest-ish" cannot be read',
      'weird@1.0.0: engines.node "latest-ish" cannot be read',
    ]);
    expect(problems(lock, { floors: ['22.12.0'], current: '22.12.0' })).toEqual([
      'vitest@4.1.12 (dev): engines.node "^20.19.0 || ^22.13.0 || >=23.5.0" refuses Node 22.12.0',
      'weird@1.0.0: engines.node "latest-ish" cannot be read',
    ]);
  });

  it('checks a bundled dev package (its code ships in dist/bundle) against every supported Node, like a runtime one', async () => {
    const { problems } = await script();
    const lock = {
      packages: {
        '': { name: 'mrrctl' },
        'node_modules/@aws-sdk/core': { version: '3.999.0', dev: true, engines: { node: '>=22.0.0' } },
        'node_modules/typescript': { version: '5.9.3', dev: true, engines: { node: '>=22.0.0' } },
      },
    };
    const bundled = new Set(['@aws-sdk/core']);
    expect(problems(lock, { floors: ['20.19.0', '22.12.0', '24.0.0'], current: '22.23.3', bundled })).toEqual([
      '@aws-sdk/core@3.999.0 (bundled): engines.node ">=22.0.0" refuses Node 20.19.0',
    ]);
    // Without the bundle's list it would only be checked on the running Node, and pass there.
    expect(problems(lock, { floors: ['20.19.0', '22.12.0', '24.0.0'], current: '22.23.3' })).toEqual([]);
  });

  it('reads the bundled names from the build (dist/bundle-packages.json), which lists the AWS SDK', async () => {
    const { bundledNames } = await script();
    const names = bundledNames(new URL('../../dist/bundle-packages.json', import.meta.url));
    expect(names.has('@aws-sdk/client-cognito-identity-provider')).toBe(true);
    expect(names.has('zod')).toBe(true);
    expect(names.has('ink')).toBe(false);
    expect(() => bundledNames('/nonexistent/bundle-packages.json')).toThrow('/nonexistent/bundle-packages.json is missing: run `npm run build` first');
  });
});
