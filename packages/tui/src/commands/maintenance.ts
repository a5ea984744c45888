import path from 'node:path';
import { doctor as runDoctor } from '@grill/core';
import { withGrill } from '../context.js';
import { printJson } from '../output.js';

export function backup(opts: { out?: string }): Promise<void> {
  return withGrill(async (grill, now) => {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const out = path.resolve(opts.out ?? path.join(grill.home, 'backups', `grill-${stamp}.db`));
    await import('node:fs').then((fs) => fs.mkdirSync(path.dirname(out), { recursive: true }));
    await grill.store.backup(out);
    process.stdout.write(`${out}\n`);
  });
}

export function doctor(opts: { repair?: boolean; json?: boolean }): Promise<void> {
  return withGrill((grill) => {
    const report = runDoctor(grill, Boolean(opts.repair));
    const healthy = report.integrity.length === 0 && (report.mismatched.length === 0 || report.repaired);
    if (opts.json) printJson({ ...report, healthy });
    else {
      process.stdout.write(
        `integrity   ${report.integrity.length === 0 ? 'ok' : report.integrity.join('; ')}\n`,
      );
      process.stdout.write(
        `replay      ${report.cards} cards from ${report.events} events: ${report.mismatched.length === 0 ? 'consistent' : `${report.mismatched.length} differ${report.repaired ? ' — rebuilt from the review log' : ' (run grill doctor --repair)'}`}\n`,
      );
    }
    if (!healthy) process.exitCode = 1;
  });
}
