/** The control panel a routing control or safety rule ARN belongs to: the ARN's own prefix (…:controlpanel/<id>). */
export function controlPanelOf(arn: string): string | undefined {
  return /^(arn:[^/]+:controlpanel\/[^/]+)\//.exec(arn)?.[1];
}
