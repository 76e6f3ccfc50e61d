/**
 * The fault book: injected faults, matching against calls, burst counts, and the outage timeline per
 * Region that health evaluation (Route 53, CloudWatch) reads through CallContext.
 */
import type { Fault, FaultKind, JsonValue } from './types.js';
import { isPlainObject } from './settings.js';

/** What a caller supplies; the book assigns `id` and `since`. */
export type FaultInput = Omit<Fault, 'id' | 'since' | 'ratio'> & { ratio?: number };

/** The call a fault is matched against. */
export interface CallTarget {
  region: string;
  service: string;
  operation: string;
}

/**
 * Route 53 considers an endpoint healthy when more than 18% of its checkers see it healthy, so a
 * partial outage counts as "down" for health evaluation only when at least 82% of calls fail.
 */
const DOWN_RATIO = 0.82;

interface OutageEntry {
  faultId: string;
  region?: string;
  service?: string;
  from: number;
  to?: number;
}

export interface FaultBookSnapshot {
  nextId: number;
  active: Fault[];
  history: OutageEntry[];
}

export class FaultBook {
  private active: Fault[] = [];
  private history: OutageEntry[] = [];
  private nextId = 1;

  constructor(
    private readonly now: () => number,
    /** Requests to the OIDC hosts are Cognito's: a fault on this service also hits "oidc". */
    private readonly oidcOwner: () => string | undefined = () => undefined,
  ) {}

  list(): Fault[] {
    return this.active.map((f) => ({ ...f }));
  }

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: `fault-${this.nextId++}`,
      ...stripUndefined(input),
      ratio: input.ratio ?? 1,
      since: new Date(this.now()).toISOString(),
    } as Fault;
    this.active.push(fault);
    if (countsAsDown(fault)) {
      this.history.push({ faultId: fault.id, region: fault.region, service: fault.service, from: this.now() });
    }
    return { ...fault };
  }

  remove(id: string): boolean {
    const before = this.active.length;
    this.active = this.active.filter((f) => f.id !== id);
    if (this.active.length === before) return false;
    this.closeOutage(id);
    return true;
  }

  clear(): number {
    const n = this.active.length;
    for (const f of this.active) this.closeOutage(f.id);
    this.active = [];
    return n;
  }

  /** Forget everything, including the outage timeline (world reset). */
  reset(): void {
    this.active = [];
    this.history = [];
    this.nextId = 1;
  }

  /**
   * The faults that hit this call, decided by each fault's ratio. Burst faults are consumed here
   * (and expire at zero): a fault that matched but did not fire keeps its count.
   */
  draw(call: CallTarget, random: () => number): Fault[] {
    const fired: Fault[] = [];
    for (const fault of [...this.active]) {
      if (!this.matches(fault, call)) continue;
      if (!(random() < fault.ratio)) continue;
      fired.push({ ...fault });
      if (fault.count !== undefined) {
        fault.count -= 1;
        if (fault.count <= 0) this.remove(fault.id);
      }
    }
    return fired;
  }

  matches(fault: Fault, call: CallTarget): boolean {
    if (fault.region && fault.region !== call.region) return false;
    if (fault.operation && fault.operation !== call.operation) return false;
    return serviceMatches(fault.service, call.service, this.oidcOwner());
  }

  isRegionDown(region: string, service?: string): boolean {
    const owner = this.oidcOwner();
    return this.active.some(
      (f) =>
        countsAsDown(f) &&
        (!f.region || f.region === region) &&
        (f.service === undefined || (service !== undefined && serviceMatches(f.service, service, owner))),
    );
  }

  outageHistory(region: string, service?: string): Array<{ from: number; to?: number }> {
    const owner = this.oidcOwner();
    const relevant = this.history
      .filter((e) => !e.region || e.region === region)
      .filter((e) => e.service === undefined || (service !== undefined && serviceMatches(e.service, service, owner)))
      .map((e) => ({ from: e.from, to: e.to }))
      .sort((a, b) => a.from - b.from);
    return mergeIntervals(relevant);
  }

  snapshot(): FaultBookSnapshot & JsonValue {
    return JSON.parse(JSON.stringify({ nextId: this.nextId, active: this.active, history: this.history }));
  }

  restore(snapshot: unknown): void {
    if (!isPlainObject(snapshot)) return;
    this.nextId = typeof snapshot.nextId === 'number' ? snapshot.nextId : 1;
    this.active = Array.isArray(snapshot.active) ? (snapshot.active as Fault[]) : [];
    this.history = Array.isArray(snapshot.history) ? (snapshot.history as OutageEntry[]) : [];
  }

  private closeOutage(faultId: string): void {
    const open = this.history.find((e) => e.faultId === faultId && e.to === undefined);
    if (open) open.to = this.now();
  }
}

/** Only sustained, whole-Region-or-service outages flip health checks; bursts and flakiness do not. */
function countsAsDown(fault: Fault): boolean {
  return fault.kind === 'outage' && !fault.operation && fault.count === undefined && fault.ratio >= DOWN_RATIO;
}

function serviceMatches(faultService: string | undefined, callService: string, oidcOwner?: string): boolean {
  if (!faultService || faultService === callService) return true;
  return callService === 'oidc' && faultService === oidcOwner;
}

function mergeIntervals(sorted: Array<{ from: number; to?: number }>): Array<{ from: number; to?: number }> {
  const merged: Array<{ from: number; to?: number }> = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.to === undefined || next.from <= last.to)) {
      if (last.to !== undefined) last.to = next.to === undefined ? undefined : Math.max(last.to, next.to);
      continue;
    }
    merged.push({ ...next });
  }
  return merged.map((i) => (i.to === undefined ? { from: i.from } : i));
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const FAULT_KINDS: readonly FaultKind[] = ['outage', 'throttle', 'error', 'latency'];
