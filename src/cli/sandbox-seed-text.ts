/** What `mrrctl sandbox seed` prints: the world it made, and how to use it. */
export interface SeedAnswer {
  scenario: string;
  dnsStrategy: string;
  summary: Record<string, any>;
  config: string;
  probeSecret: { env: string; clientId: string; value: string };
}

/** The secret is shell-quoted: it may hold characters a shell would read. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function seedLines(r: SeedAnswer, writeConfig?: string): string[] {
  const s = r.summary;
  const lines = [
    `Seeded "${r.scenario}" (${r.dnsStrategy} DNS): pool ${s.userPoolId} in ${s.primaryRegion} (secondary ${s.secondaryRegion}), zone ${s.hostedZoneId}, record ${s.recordName}.`,
  ];
  if (s.arc) {
    lines.push(`  ARC cluster ${s.arc.clusterArn} (${s.arc.endpoints.length} endpoints; control-config in us-west-2)`);
    for (const [region, arn] of Object.entries<string>(s.arc.routingControls)) {
      lines.push(`  routing control ${region}: ${arn} (${region === s.primaryRegion ? 'On' : 'Off'})`);
    }
    for (const rule of s.arc.safetyRules) lines.push(`  safety rule ${rule.name}: ${rule.arn}`);
  }
  if (writeConfig) lines.push(`Wrote ${writeConfig}.`);
  lines.push(
    `The probe client ${r.probeSecret.clientId} authenticates with this sandbox's own throwaway secret (not a real credential):`,
    `  export ${r.probeSecret.env}=${shellQuote(r.probeSecret.value)}`,
  );
  return lines;
}
