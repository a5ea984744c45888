import path from 'node:path';
import { terminalSafe } from '@grill/core';
import { doctor as runDoctor } from '@grill/core/sync';
import { withGrill } from '../context.js';
import { printJson } from '../output.js';

export function backup(opts: { out?: string }): Promise<void> {
  return withGrill(async (grill, now) => {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const out = path.resolve(opts.out ?? path.join(grill.home, 'backups', `grill-${stamp}.db`));
    await import('node:fs').then((fs) => fs.mkdirSync(path.dirname(out), { recursive: true }));
    await grill.backup(out);
    process.stdout.write(`${out}\n`);
  });
}

export function doctor(opts: { repair?: boolean; json?: boolean }): Promise<void> {
  return withGrill((grill, now) => {
    const report = runDoctor(grill, Boolean(opts.repair), now);
    const healthy =
      report.integrity.length === 0 &&
      (report.mismatched.length === 0 || report.repaired) &&
      (report.invalid.length === 0 || report.repaired);
    if (opts.json) printJson({ ...report, healthy });
    else {
      process.stdout.write(
        `integrity   ${report.integrity.length === 0 ? 'ok' : report.integrity.join('; ')}\n`,
      );
      process.stdout.write(
        `replay      ${report.cards} card${report.cards === 1 ? '' : 's'} from ${report.events} event${report.events === 1 ? '' : 's'}: ${report.mismatched.length === 0 ? 'consistent' : `${report.mismatched.length} differ${report.repaired ? ' — rebuilt from the review log' : ' (run grill doctor --repair)'}`}\n`,
      );
      const invalid = report.invalid.length;
      process.stdout.write(
        `events      ${invalid === 0 ? 'all valid' : `${invalid} invalid${opts.repair ? ' — moved to quarantine, settings and cards re-derived' : ' (run grill doctor --repair to set them aside)'}`}\n`,
      );
      for (const line of report.invalid.slice(0, 5)) process.stdout.write(`  ${terminalSafe(line)}\n`);
      const kept = report.quarantined.length;
      process.stdout.write(
        `quarantine  ${kept === 0 ? 'empty' : `${kept} invalid event${kept === 1 ? '' : 's'} kept aside, never applied`}\n`,
      );
      for (const q of report.quarantined.slice(-5))
        process.stdout.write(
          `  ${new Date(q.at).toISOString().slice(0, 10)} ${q.origin}: ${terminalSafe(q.problem)}\n`,
        );
    }
    if (!healthy) process.exitCode = 1;
  });
}
