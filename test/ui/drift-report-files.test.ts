/** `--report [FORMAT:]FILE`: which format a report file gets. */
import { describe, expect, it } from 'vitest';
import { parseReportSpec } from '../../src/cli/commands/drift.js';

describe('parseReportSpec', () => {
  it('takes the prefix first, then the extension, then --format', () => {
    expect(parseReportSpec('junit:out/drift.txt', 'text')).toEqual({ format: 'junit', file: 'out/drift.txt' });
    expect(parseReportSpec('markdown:/tmp/step_summary_1', 'text')).toEqual({ format: 'markdown', file: '/tmp/step_summary_1' });
    expect(parseReportSpec('drift.sarif', 'text')).toEqual({ format: 'sarif', file: 'drift.sarif' });
    expect(parseReportSpec('drift.sarif.json', 'text')).toEqual({ format: 'sarif', file: 'drift.sarif.json' });
    expect(parseReportSpec('drift.XML', 'text')).toEqual({ format: 'junit', file: 'drift.XML' });
    expect(parseReportSpec('summary.md', 'json')).toEqual({ format: 'markdown', file: 'summary.md' });
    expect(parseReportSpec('report', 'junit')).toEqual({ format: 'junit', file: 'report' });
    // A colon that is not a format (a Windows drive) is part of the path.
    expect(parseReportSpec('C:\\reports\\drift.json', 'text')).toEqual({ format: 'json', file: 'C:\\reports\\drift.json' });
  });

  it('refuses a format prefix without a file', () => {
    expect(() => parseReportSpec('sarif:', 'text')).toThrow(/--report/);
  });
});
