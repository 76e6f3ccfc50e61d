/**
 * The ARC world of one account: clusters, control panels, routing controls (with the history of their
 * states, so Route 53's RECOVERY_CONTROL checks and their CloudWatch metric can be answered for any
 * instant) and safety rules. Shared by the cluster data plane (cluster-api.ts) and the control-config
 * API (config-api.ts); persisted through the latter.
 */
import { SandboxError, type JsonValue } from '../types.js';
import { arcArnPrefix, clusterId, resourceId } from './arns.js';

export type ControlState = 'On' | 'Off';
export type RuleType = 'ATLEAST' | 'AND' | 'OR';

export interface ClusterRecord {
  arn: string;
  id: string;
  name: string;
}

export interface PanelRecord {
  arn: string;
  clusterArn: string;
  name: string;
  isDefault: boolean;
}

export interface ControlRecord {
  arn: string;
  panelArn: string;
  name: string;
  state: ControlState;
  /** Every state it has had, oldest first; the first entry is its creation (Off). */
  history: Array<{ at: number; state: ControlState }>;
}

export interface RuleConfig {
  Type: RuleType;
  Threshold: number;
  Inverted: boolean;
}

export interface RuleRecord {
  arn: string;
  panelArn: string;
  kind: 'ASSERTION' | 'GATING';
  name: string;
  config: RuleConfig;
  /** ASSERTION: the asserted controls. GATING: the gating controls. */
  controls: string[];
  /** GATING only: the controls the rule gates. */
  targets: string[];
  waitPeriodMs: number;
  /** When a transaction last touched this rule's controls (for WaitPeriodMs). */
  lastChangeAt?: number;
}

interface StoreState {
  counter: number;
  clusters: ClusterRecord[];
  panels: PanelRecord[];
  controls: ControlRecord[];
  rules: RuleRecord[];
}

function notFound(kind: string, arn: string): SandboxError {
  return new SandboxError('ResourceNotFoundException', `${kind} ${arn} was not found.`, 404, { resourceId: arn, resourceType: kind });
}

export class ArcStore {
  private state: StoreState = ArcStore.empty();

  private static empty(): StoreState {
    return { counter: 0, clusters: [], panels: [], controls: [], rules: [] };
  }

  clusters(): readonly ClusterRecord[] {
    return this.state.clusters;
  }

  panels(clusterArn?: string): PanelRecord[] {
    return this.state.panels.filter((p) => clusterArn === undefined || p.clusterArn === clusterArn);
  }

  controls(panelArn?: string): ControlRecord[] {
    return this.state.controls.filter((c) => panelArn === undefined || c.panelArn === panelArn);
  }

  rules(panelArn?: string): RuleRecord[] {
    return this.state.rules.filter((r) => panelArn === undefined || r.panelArn === panelArn);
  }

  cluster(arn: string): ClusterRecord {
    return this.state.clusters.find((c) => c.arn === arn) ?? (() => { throw notFound('Cluster', arn); })();
  }

  clusterById(id: string): ClusterRecord | undefined {
    return this.state.clusters.find((c) => c.id === id);
  }

  panel(arn: string): PanelRecord {
    return this.state.panels.find((p) => p.arn === arn) ?? (() => { throw notFound('ControlPanel', arn); })();
  }

  findControl(arn: string): ControlRecord | undefined {
    return this.state.controls.find((c) => c.arn === arn);
  }

  control(arn: string): ControlRecord {
    return this.findControl(arn) ?? (() => { throw notFound('RoutingControl', arn); })();
  }

  rule(arn: string): RuleRecord | undefined {
    return this.state.rules.find((r) => r.arn === arn);
  }

  /** The cluster a routing control lives on (through its control panel). */
  clusterOfControl(control: ControlRecord): string | undefined {
    return this.state.panels.find((p) => p.arn === control.panelArn)?.clusterArn;
  }

  createCluster(accountId: string, name: string): { cluster: ClusterRecord; defaultPanel: PanelRecord } {
    const id = clusterId(accountId, ++this.state.counter);
    const cluster = { arn: `${arcArnPrefix(accountId)}:cluster/${id}`, id, name };
    this.state.clusters.push(cluster);
    // ARC creates a default control panel with every cluster (DefaultControlPanel: true).
    const defaultPanel = this.createPanel(accountId, cluster.arn, 'DefaultControlPanel', true);
    return { cluster, defaultPanel };
  }

  createPanel(accountId: string, clusterArn: string, name: string, isDefault = false): PanelRecord {
    this.cluster(clusterArn);
    const panel = { arn: `${arcArnPrefix(accountId)}:controlpanel/${resourceId('controlpanel', accountId, ++this.state.counter)}`, clusterArn, name, isDefault };
    this.state.panels.push(panel);
    return panel;
  }

  createControl(accountId: string, panelArn: string, name: string, now: number): ControlRecord {
    this.panel(panelArn);
    const id = resourceId('routingcontrol', accountId, ++this.state.counter);
    // A new routing control is Off until someone turns it On.
    const control: ControlRecord = { arn: `${panelArn}/routingcontrol/${id}`, panelArn, name, state: 'Off', history: [{ at: now, state: 'Off' }] };
    this.state.controls.push(control);
    return control;
  }

  createRule(accountId: string, rule: Omit<RuleRecord, 'arn'>): RuleRecord {
    this.panel(rule.panelArn);
    const record = { arn: `${rule.panelArn}/safetyrule/${resourceId('safetyrule', accountId, ++this.state.counter)}`, ...rule };
    this.state.rules.push(record);
    return record;
  }

  /** Applies a transaction already checked against the safety rules. */
  apply(changes: ReadonlyMap<string, ControlState>, now: number, touchedRules: readonly RuleRecord[]): void {
    for (const [arn, state] of changes) {
      const control = this.control(arn);
      if (control.state === state) continue;
      control.state = state;
      control.history.push({ at: now, state });
    }
    for (const rule of touchedRules) rule.lastChangeAt = now;
  }

  /** The control's state at `time`, or undefined when it did not exist then. */
  stateAt(arn: string, time: number): ControlState | undefined {
    const control = this.findControl(arn);
    if (!control || time < control.history[0].at) return undefined;
    let state: ControlState = control.history[0].state;
    for (const entry of control.history) if (entry.at <= time) state = entry.state;
    return state;
  }

  /** Instants the control changed state (for health timelines). */
  changeTimes(arn: string): number[] {
    return this.findControl(arn)?.history.map((h) => h.at) ?? [];
  }

  snapshot(): JsonValue {
    return JSON.parse(JSON.stringify(this.state)) as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const s = snapshot as Partial<StoreState> | null;
    this.state = {
      counter: typeof s?.counter === 'number' ? s.counter : 0,
      clusters: Array.isArray(s?.clusters) ? s.clusters : [],
      panels: Array.isArray(s?.panels) ? s.panels : [],
      controls: Array.isArray(s?.controls) ? s.controls : [],
      rules: Array.isArray(s?.rules) ? s.rules : [],
    };
  }
}
