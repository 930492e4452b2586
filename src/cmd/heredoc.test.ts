import { describe, expect, it } from 'vitest';
import { groupHeredocs, heredocStart, parseHeredoc } from './heredoc.ts';
import { runScenario } from './replay.ts';
import { Shell } from './shell.ts';

describe('here-documents', () => {
  it('finds <<WORD in its spellings, and not inside quotes or comments', () => {
    expect(heredocStart("iptables-restore <<'EOF'")).toEqual({ word: 'EOF', dash: false });
    expect(heredocStart('iptables-restore <<"END"')).toEqual({ word: 'END', dash: false });
    expect(heredocStart('iptables-restore -n << RULES')).toEqual({ word: 'RULES', dash: false });
    expect(heredocStart('iptables-restore <<-EOF')).toEqual({ word: 'EOF', dash: true });
    expect(heredocStart("echo '<<EOF'")).toBeNull();
    expect(heredocStart('echo hi # <<EOF')).toBeNull();
    expect(heredocStart('cat <<<word')).toBeNull();
  });

  it('joins each document to its command and leaves other lines alone', () => {
    expect(groupHeredocs(['ip netns add a', "iptables-restore <<'EOF'", '*filter', 'COMMIT', 'EOF', 'ip netns add b'])).toEqual([
      'ip netns add a',
      "iptables-restore <<'EOF'\n*filter\nCOMMIT\nEOF",
      'ip netns add b',
    ]);
    // <<- strips leading tabs, from the terminator too
    expect(parseHeredoc('iptables-restore <<-EOF\n\t*filter\n\tCOMMIT\n\tEOF')).toEqual({
      command: 'iptables-restore',
      stdin: '*filter\nCOMMIT\n',
      warning: null,
    });
  });

  it('warns as bash does when the input ends before the word, and still runs', () => {
    const r = parseHeredoc('iptables-restore <<EOF\n*filter\nCOMMIT');
    expect(r.stdin).toBe('*filter\nCOMMIT\n');
    expect(r.warning).toBe("bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')");
  });

  it('gives iptables-restore its ruleset in a terminal; a refused ruleset changes nothing', () => {
    const sh = new Shell();
    const r = sh.exec(
      "iptables-restore <<'EOF'\n*filter\n:INPUT DROP [0:0]\n:WEB - [0:0]\n-A INPUT -p tcp --dport 80 -j WEB\n-A WEB -j ACCEPT\nCOMMIT\nEOF",
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(sh.exec('iptables -S').stdout).toBe(
      '-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N WEB\n-A INPUT -p tcp -m tcp --dport 80 -j WEB\n-A WEB -j ACCEPT\n',
    );
    const bad = sh.exec('iptables-restore <<EOF\n*filter\n-A INPUT -j NOWHERE\nCOMMIT\nEOF');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Error occurred at line: 2');
    expect(sh.exec('iptables -S INPUT').stdout).toBe('-P INPUT DROP\n-A INPUT -p tcp -m tcp --dport 80 -j WEB\n');
  });

  it('says how to give iptables-restore its input when there is none', () => {
    const r = new Shell().exec('iptables-restore');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("iptables-restore <<'EOF'");
  });
});

describe('a script with a here-document', () => {
  it('runs as a terminal runs it: the document is the command’s input, the lines after it commands again', () => {
    const text = [
      "iptables-restore <<'EOF'",
      '*filter',
      '# a comment of the ruleset',
      '-A INPUT -j DROP',
      'COMMIT',
      'EOF',
      'iptables -S INPUT',
    ].join('\n');
    expect(runScenario(text)).toBe(
      "root@netlab:~# iptables-restore <<'EOF'\n*filter\n# a comment of the ruleset\n-A INPUT -j DROP\nCOMMIT\nEOF\n" +
        'root@netlab:~# iptables -S INPUT\n-P INPUT ACCEPT\n-A INPUT -j DROP\n',
    );
  });
});
