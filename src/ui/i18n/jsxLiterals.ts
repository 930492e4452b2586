// The visible English left as literals in a .tsx file: what the i18n coverage test scans for.
// Only the tests import this (it reads TypeScript's parser); the page never does.

import ts from 'typescript';

// the literal text a person would see that may stay as it is in the Chinese UI: names of
// commands, kernel and Docker terms, units
const ALLOWED = new Set([
  'ip',
  'iptables',
  'Docker',
  'Ping',
  'kind',
  'MAC',
  'MTU',
  'peer',
  'parent',
  'VXLAN',
  'up',
  'hairpin',
  'master',
  'ACCEPT',
  'DROP',
  'netlab',
  'net.ipv4.ip_forward',
  'net.ipv4.conf.all.rp_filter',
  'net.bridge.bridge-nf-call-iptables',
  'ip_forward',
  'rp_filter',
  'bridge-nf-call-iptables',
  'ms',
  // the kernel's own words in the trace: ip neigh's is-at, the bridge's FDB, VXLAN's VNI
  'ARP',
  'FDB',
  'VNI',
  'is-at',
]);

/** a command line or its arguments, shown as typed (a placeholder for a command field) */
const COMMAND = /^(ip|iptables|bridge|docker|sysctl|ping|curl|traceroute) |^default via |^-{1,2}[a-z]/;

/** visible English literals in one .tsx file: JSX text, and string literals in visible attributes or in {…} */
export function englishLiterals(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const english = (s: string) => {
    const v = s.replace(/\s+/g, ' ').trim();
    if (!/[A-Za-z]{2,}/.test(v) || ALLOWED.has(v) || COMMAND.test(v)) return;
    found.push(v);
  };
  const VISIBLE = new Set(['title', 'aria-label', 'placeholder', 'alt']);
  // a literal that reaches the JSX as a value (a branch of ?:, a side of || ?? +, the end of &&,
  // a part of a template), not one that is only compared
  const inJsxValue = (n: ts.Node): boolean => {
    let child: ts.Node = n;
    for (let p = n.parent; p; child = p, p = p.parent) {
      if (ts.isJsxExpression(p)) {
        if (p.parent && ts.isJsxAttribute(p.parent)) return VISIBLE.has(p.parent.name.getText());
        return !(ts.isJsxElement(p.parent) && ['code', 'pre', 'kbd'].includes(p.parent.openingElement.tagName.getText()));
      }
      if (ts.isConditionalExpression(p)) {
        if (child === p.condition) return false;
        continue;
      }
      if (ts.isBinaryExpression(p)) {
        const op = p.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right) continue;
        if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) continue;
        return false;
      }
      if (ts.isParenthesizedExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p)) continue;
      return false;
    }
    return false;
  };
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n)) {
      // a code span shows a command as typed
      const el = n.parent;
      const tag = ts.isJsxElement(el) ? el.openingElement.tagName.getText() : '';
      if (!['code', 'pre', 'kbd'].includes(tag)) english(n.text);
    } else if (ts.isJsxAttribute(n) && VISIBLE.has(n.name.getText()) && n.initializer && ts.isStringLiteral(n.initializer))
      english(n.initializer.text);
    else if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && inJsxValue(n)) english(n.text);
    else if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      if (inJsxValue(n.parent)) english(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
