/**
 * The per-Region state of a parity model (every Region has its own functions, identities, web ACLs,
 * log groups, streams), and its save/restore under one key of the model's snapshot. The key is part
 * of the `--state FILE` format, so each model keeps the one it always used.
 */
import type { JsonObject, JsonValue, Persistent } from '../types.js';

export class RegionalState<T> implements Persistent {
  private regions: Record<string, T> = {};

  constructor(
    private readonly snapshotKey: string,
    private readonly empty: () => T,
  ) {}

  /** A Region's state for reading: undefined where nothing was ever written (a read must not create it). */
  peek(region: string): T | undefined {
    return this.regions[region];
  }

  /** A Region's state for writing, created empty on first use. */
  of(region: string): T {
    return (this.regions[region] ??= this.empty());
  }

  snapshot(): JsonValue {
    // The records are plain JSON data (what restore reads back), but T is not typed as JsonValue.
    return structuredClone({ [this.snapshotKey]: this.regions }) as unknown as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const saved = (snapshot as JsonObject | null)?.[this.snapshotKey];
    this.regions = saved && typeof saved === 'object' ? (structuredClone(saved) as Record<string, T>) : {};
  }
}

/** The common per-Region shape: one record per name. */
export function recordsByName<T>(snapshotKey: string): RegionalState<Record<string, T>> {
  return new RegionalState<Record<string, T>>(snapshotKey, () => ({}));
}
