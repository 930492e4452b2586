// docker logs -f: what the log holds, then each line as the container writes it, until the
// container stops (the follow ends by itself) or SIGINT; --tail N first, then what comes.

import { describe, expect, it } from 'vitest';
import { runScenario } from '../replay.ts';
import { Shell } from '../shell.ts';

function nginx(): Shell {
  const sh = new Shell();
  for (const l of ['docker run -d --name web nginx']) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('docker logs -f', () => {
  it('prints the log, then an access line when a request comes, and ends when the container stops', () => {
    const sh = nginx();
    const start = sh.exec('docker logs -f web');
    expect(start.status).toBe(0);
    expect(start.job).toBeDefined();
    expect(start.stdout + start.stderr).toContain('Configuration complete; ready for start up');
    const job = sh.jobs.find((j) => j.serial === start.job)!;
    expect(job.running).toBe(true);
    expect(job.collect()).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(sh.exec('curl -s -o /dev/null http://172.17.0.2/').status).toBe(0);
    const news = job.collect();
    expect(news.stdout).toMatch(/^172\.17\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "curl\/7\.88\.1" "-"\n$/);
    expect(job.running).toBe(true);
    expect(sh.exec('docker stop web').status).toBe(0);
    const [last] = sh.drainJobs().filter((d) => d.job === job);
    expect(last?.running).toBe(false);
    // the job is forgotten once it has reported its end
    expect(sh.jobs.includes(job)).toBe(false);
  });

  it('--tail 0 -f prints nothing of the past, only what comes', () => {
    const sh = nginx();
    const start = sh.exec('docker logs --tail 0 -f web');
    expect(start.stdout + start.stderr).toBe('');
    sh.exec('curl -s -o /dev/null http://172.17.0.2/nothing');
    const job = sh.jobs.find((j) => j.serial === start.job)!;
    expect(job.collect().stdout).toMatch(/"GET \/nothing HTTP\/1\.1" 404 /);
  });

  it('Ctrl+C ends it and prints nothing more', () => {
    const sh = nginx();
    const start = sh.exec('docker logs -f web');
    expect(sh.interruptJob(start.job!)).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(sh.jobs.length).toBe(0);
  });

  it('netlab run prints what comes after it until the script ends', () => {
    const out = runScenario(
      'docker run -d --name web nginx\ndocker logs -f --tail 0 web\ncurl -s -o /dev/null http://172.17.0.2/\necho end\n',
    );
    expect(out).toMatch(/# curl -s -o \/dev\/null http:\/\/172\.17\.0\.2\/\n172\.17\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 \d+ /);
    expect(out.trimEnd().endsWith('# echo end\nend')).toBe(true);
  });
});
