/**
 * bin/mrrctl.js as it was before the bundle (issue 18): the same entry, over tsc's per-module build in
 * dist/ instead of dist/bundle/. The start-up benchmark runs it in the same rounds as the real entry,
 * so the bundle's effect is measured under the same load.
 */
import module from 'node:module';

module.enableCompileCache?.();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../../dist/main.js');
process.exitCode = await main(process.argv.slice(2));
