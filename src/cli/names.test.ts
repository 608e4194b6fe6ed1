// The `names` commands as outside tools call them: TSV in, TSV out, timings as JSON on stderr.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'bin', 'custodian');

describe('custodian names', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'custodian-names-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compare: a header, then a score and a decision per pair, in order', async () => {
    const pairs = join(dir, 'pairs.tsv');
    writeFileSync(
      pairs,
      'left\tright\tlabel\n' +
        'فاطمة علي حسن الدوري\tFatma Aly Hasan Ad-Douri\t1\n' +
        'Salman bin Muhammad\tMuhammad bin Salman\t0\n' +
        '\n' +
        'Hassan Ali Omar al-Masri\tHussein Ali Omar al-Masri\t0\n',
    );
    const { stdout } = await run(bin, ['names', 'compare', '--pairs', pairs]);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'score\tdecision');
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /^(1|0\.9\d*)\tmatch$/);
    assert.match(lines[2]!, /^0(\.\d+)?\tno-match$/);
    assert.match(lines[3]!, /^0\.\d+\tno-match$/);
  });

  it('search: ranked results per query, and the timings on stderr', async () => {
    const gallery = join(dir, 'gallery.tsv');
    const queries = join(dir, 'queries.tsv');
    writeFileSync(
      gallery,
      'id\tname\nP1\tFatima Ali Hassan al-Douri\nP2\tHussein Ali Omar al-Masri\nP3\tHassan Ali Omar al-Masri\n',
    );
    writeFileSync(
      queries,
      'qid\tquery\texpected_id\nQ1\tDOURI, Fatma Aly Hasan\tP1\nQ2\tحسين علي عمر المصري\tP2\n',
    );
    const { stdout, stderr } = await run(bin, [
      'names',
      'search',
      '--gallery',
      gallery,
      '--queries',
      queries,
      '--top',
      '2',
    ]);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'qid\trank\tid\tscore\tdecision');
    const rows = lines.slice(1).map((l) => l.split('\t'));
    assert.deepEqual(rows[0]!.slice(0, 3), ['Q1', '1', 'P1']);
    assert.deepEqual(
      rows.filter((r) => r[0] === 'Q2').map((r) => r[1]),
      ['1', '2'],
    );
    assert.equal(rows.find((r) => r[0] === 'Q2' && r[1] === '1')![2], 'P2');
    for (const row of rows) {
      assert.ok(Number(row[3]) >= 0 && Number(row[3]) <= 1);
      assert.ok(['match', 'possible', 'no-match'].includes(row[4]!));
    }
    const timings = JSON.parse(stderr.trim());
    assert.deepEqual(Object.keys(timings).sort(), ['buildMs', 'heapMB', 'p50Ms', 'p95Ms']);
  });

  it('refuses a --top that is not a positive integer', async () => {
    await assert.rejects(
      run(bin, ['names', 'search', '--gallery', 'g', '--queries', 'q', '--top', '0']),
      /--top must be a positive integer/,
    );
  });
});
