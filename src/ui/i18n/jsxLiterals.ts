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
]);

/** visible English literals in one .tsx file: JSX text, and string literals in visible attributes or in {…} */
export function englishLiterals(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const english = (s: string) => {
    const v = s.replace(/\s+/g, ' ').trim();
    if (!/[A-Za-z]{2,}/.test(v) || ALLOWED.has(v)) return;
    // a code span or a command is shown as typed
    if (/^(-|--|[a-z]+ [a-z-]+ |\/)/.test(v)) return;
    found.push(v);
  };
  const VISIBLE = new Set(['title', 'aria-label', 'placeholder', 'alt']);
  // a literal that reaches the JSX as a value (a branch of ?:, a side of || ?? +, the end of &&,
  // a part of a template), not one that is only compared
  const inJsxValue = (n: ts.Node): boolean => {
    let child: ts.Node = n;
    for (let p = n.parent; p; child = p, p = p.parent) {
      if (ts.isJsxExpression(p)) return !(p.parent && ts.isJsxAttribute(p.parent)) || VISIBLE.has(p.parent.name.getText());
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
    if (ts.isJsxText(n)) english(n.text);
    else if (ts.isJsxAttribute(n) && VISIBLE.has(n.name.getText()) && n.initializer && ts.isStringLiteral(n.initializer))
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
