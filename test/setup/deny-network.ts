/**
 * Tests must never leave the machine: any socket to a host that is not loopback fails loudly.
 * (Only the sandbox on 127.0.0.1 is a legitimate peer.) This patches the socket layer rather than
 * mocking the SDK, so the SDK's own HTTP code path still runs for real.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const original = net.Socket.prototype.connect;

function hostOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (Array.isArray(first)) return hostOf(first);
  if (first && typeof first === 'object') {
    const opts = first as { host?: string; path?: string };
    if (opts.path) return 'localhost';
    return opts.host;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : undefined;
  }
  return 'localhost'; // a unix socket path
}

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args) ?? 'localhost';
  if (!LOOPBACK.test(host)) {
    throw new Error(`test tried to reach ${host}: tests may only talk to loopback (the sandbox)`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

// Same as bin/mrrctl.js: the SDK's notice about its future Node requirement is not test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
